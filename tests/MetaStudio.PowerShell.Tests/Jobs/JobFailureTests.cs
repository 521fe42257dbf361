using System.Management.Automation;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Jobs;
using MetaStudio.PowerShell.Imaging;
using MetaStudio.PowerShell.LiveTasks;
using MetaStudio.PowerShell.Video;
using MetaStudio.PowerShell.Video.Tts;
using MetaStudio.PowerShell.Voice;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Jobs
{
    /// <summary>One failure shape for every kind of job: what a script's error handling has to cover once.</summary>
    public class JobFailureTests
    {
        private static void AssertShape(ErrorRecord? record, string id, string code, ErrorCategory category, object job, params string[] said)
        {
            Assert.NotNull(record);
            Assert.Equal(code, record.FullyQualifiedErrorId);
            Assert.Equal(category, record.CategoryInfo.Category);
            Assert.Equal(id, record.TargetObject);
            var ex = Assert.IsType<MsJobFailedException>(record.Exception);
            Assert.Equal(code, ex.ErrorCode);
            Assert.Equal(id, ex.JobId);
            Assert.Same(job, ex.Job);
            Assert.Equal(record.Exception.Message, record.ErrorDetails.Message);
            foreach (var text in said) Assert.Contains(text, ex.Message);
        }

        [Fact]
        public void Every_kind_reports_a_failed_job_as_the_services_code_with_the_job_as_target()
        {
            var video = new MsVideoTask { JobId = "v1", State = "FAILED", OutputAssetConfig = new MsOutputAssetInfo { AssetName = "clip" },
                ErrorInfo = new MsErrorInfo { ErrorCode = "MSS.42000007", ErrorMsg = "Avatar inference failed." } };
            AssertShape(VideoTaskJobs.Instance.Failure("v1", video), "v1", "MSS.42000007", ErrorCategory.InvalidResult, video,
                "Video task 'clip' (v1) ended FAILED", "Avatar inference failed", "(MSS.42000007)");

            var live = new MsLiveTask { JobId = "l1", RoomName = "shop", State = "BLOCKED", BlockReason = "Content review." };
            AssertShape(LiveTaskJobs.UntilEnd.Failure("l1", live), "l1", "MetaStudio.LiveTaskBlocked", ErrorCategory.PermissionDenied, live,
                "Live task 'shop' (l1) ended BLOCKED", "Content review");

            var model = new MsModelTrainingJob { JobId = "m1", Name = "anna", State = "TRAIN_FAILED",
                OperationLogs = new[] { new MsTrainingOperationLog { LogDescription = "The face is not visible." } } };
            AssertShape(ModelTrainingJobs.Instance.Failure("m1", model), "m1", "MetaStudio.TrainingJobFailed", ErrorCategory.InvalidResult, model,
                "Model training job 'anna' (m1) ended TRAIN_FAILED", "The face is not visible");

            var voice = new MsVoiceTrainingJob { JobId = "t1", VoiceName = "bob", State = "FAILED", JobFailedCode = "MSS.VOICE.0002", JobFailedReason = "Too noisy." };
            AssertShape(VoiceTrainingJobs.Instance.Failure("t1", voice), "t1", "MSS.VOICE.0002", ErrorCategory.InvalidResult, voice,
                "Voice training job 'bob' (t1) ended FAILED", "Too noisy", "(MSS.VOICE.0002)");

            var tts = new MsTtsAudition { JobId = "a1", Code = "MSS.TTS.01", Message = "Synthesis failed." };
            AssertShape(TtsPreviewJobs.Instance.Failure("a1", tts), "a1", "MSS.TTS.01", ErrorCategory.InvalidResult, tts,
                "TTS preview a1 ended FAILED", "Synthesis failed");
        }

        [Fact]
        public void Cancelled_and_blocked_videos_have_their_own_ids_when_the_service_gives_no_code()
        {
            var canceled = new MsVideoTask { JobId = "v2", State = "CANCELED" };
            Assert.Equal("MetaStudio.VideoTaskCanceled", VideoTaskJobs.Instance.Failure("v2", canceled)?.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.OperationStopped, VideoTaskJobs.Instance.Failure("v2", canceled)?.CategoryInfo.Category);
            var blocked = new MsVideoTask { JobId = "v3", State = "BLOCK" };
            Assert.Equal("MetaStudio.VideoTaskBlocked", VideoTaskJobs.Instance.Failure("v3", blocked)?.FullyQualifiedErrorId);
        }

        [Fact]
        public void Jobs_that_ended_well_or_wait_for_their_owner_are_no_failure()
        {
            Assert.Null(VideoTaskJobs.Instance.Failure("v", new MsVideoTask { State = "SUCCEED" }));
            Assert.Null(LiveTaskJobs.UntilLive.Failure("l", new MsLiveTask { State = "PROCESSING" }));
            Assert.Equal(JobOutcome.Running, LiveTaskJobs.UntilEnd.OutcomeOf(new MsLiveTask { State = "PROCESSING" }));
            var confirm = new MsModelTrainingJob { JobId = "m", Name = "n", State = "WAIT_USER_CONFIRM" };
            Assert.Null(ModelTrainingJobs.Instance.Failure("m", confirm));
            Assert.Contains("Invoke-MsModelTrainingCommand", ModelTrainingJobs.Instance.UserActionWarning("m", confirm));
            Assert.Null(VoiceTrainingJobs.Instance.Failure("t", new MsVoiceTrainingJob { State = "AUDIT_FAILED" }));
        }

        [Fact]
        public void A_timeout_names_the_job_and_its_last_state()
        {
            var record = VideoTaskJobs.Instance.TimeoutError("v4", new MsVideoTask { JobId = "v4", State = "PROCESSING", OutputAssetConfig = new MsOutputAssetInfo { AssetName = "slow" } }, System.TimeSpan.FromSeconds(30));
            Assert.Equal(ErrorCodes.Timeout, record.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.OperationTimeout, record.CategoryInfo.Category);
            Assert.Equal("v4", record.TargetObject);
            Assert.Contains("Video task 'slow' (v4) did not finish within 30 s (last state PROCESSING)", record.Exception.Message);
        }
    }
}
