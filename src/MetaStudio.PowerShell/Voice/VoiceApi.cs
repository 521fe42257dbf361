using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Jobs;
using MetaStudio.PowerShell.Core.Cmdlets;

namespace MetaStudio.PowerShell.Voice
{
    /// <summary>Requests, state rules and the wait shared by the voice training cmdlets.</summary>
    internal static class VoiceApi
    {
        public const OperationId ShowOperation = OperationId.ShowVoiceTrainingJob;

        /// <summary>States in which the service waits for the job's owner, and what the owner must do.</summary>
        private static readonly Dictionary<string, string> UserActions = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AUDIT_FAILED"] = "read why (Get-MsVoiceTrainingReview -JobId ...), upload corrected material (Send-MsVoiceTrainingData fetches new URLs) and submit again with -Commit",
            ["USER_RESULT_REVIEW"] = "listen to the trained voice and review the result in the MetaStudio console",
        };

        public static MsRequest Show(string jobId) => new MsRequest(ShowOperation).WithPath("job_id", jobId);

        public static readonly Resource<MsVoiceTrainingJob> Jobs = new Resource<MsVoiceTrainingJob>("voice training job", Show, j => j.VoiceName);

        public static async Task<MsVoiceTrainingJob> GetAsync(MsSession session, string jobId, CallContext ctx)
            => (await session.Client.SendAsync(Show(jobId), ctx).ConfigureAwait(false)).AsRequired<MsVoiceTrainingJob>();

        /// <summary>ShowJobUploadingAddress, flattened to the create answer's shape (new URLs; earlier ones may stop working).</summary>
        public static async Task<MsVoiceTrainingUploadUrl> GetUploadUrlsAsync(MsSession session, string jobId, CallContext ctx)
        {
            var request = new MsRequest(OperationId.ShowJobUploadingAddress) { Target = jobId }.WithPath("job_id", jobId);
            var address = (await session.Client.SendAsync(request, ctx).ConfigureAwait(false)).As<VoiceUploadAddress>();
            return new MsVoiceTrainingUploadUrl
            {
                JobId = jobId,
                TrainingDataUploadingUrl = address?.PackageUrl?.TrainingDataUploadingUrl,
                SegmentUploadingUrl = address?.SegmentUrl,
                AuthorizationLetterUploadingUrl = address?.AuthorizationLetterUploadingUrl,
            };
        }

        public static MsRequest Commit(string jobId, IDictionary<string, object?>? body)
            => new MsRequest(OperationId.CommitVoiceTrainingJob).WithPath("job_id", jobId).WithBody(body ?? new Dictionary<string, object?>());

        /// <summary>Epoch milliseconds, the unit of this API's time filters.</summary>
        public static long? EpochMs(DateTime? time)
            => time.HasValue ? new DateTimeOffset(time.Value.ToUniversalTime()).ToUnixTimeMilliseconds() : (long?)null;

        public static string? UserActionFor(string? state) => UserActions.TryGetValue(state ?? "", out var action) ? action : null;
    }

    /// <summary>
    /// A voice training job as a job: read with ShowVoiceTrainingJob. SUCCEED ends it well, FAILED without a voice
    /// (job_failed_code and job_failed_reason say why), AUDIT_FAILED and USER_RESULT_REVIEW end the wait with a
    /// warning naming the next step.
    /// </summary>
    internal sealed class VoiceTrainingJobs : JobKind<MsVoiceTrainingJob>
    {
        public static readonly VoiceTrainingJobs Instance = new VoiceTrainingJobs();

        /// <summary>Training takes hours: a read every 10 s by default.</summary>
        private VoiceTrainingJobs() : base("voice training job", "VoiceTrainingJob", VoiceApi.ShowOperation, pollSeconds: 10, activityId: 62)
        {
        }

        public override string? StateOf(MsVoiceTrainingJob job) => job.State;
        public override string? NameOf(MsVoiceTrainingJob job) => job.VoiceName;
        protected override string? FailureCode(MsVoiceTrainingJob job) => job.JobFailedCode;
        protected override string? FailureReason(MsVoiceTrainingJob job) => job.JobFailedReason;
        protected override string? UserAction(MsVoiceTrainingJob job) => VoiceApi.UserActionFor(job.State);

        public override JobOutcome OutcomeOf(MsVoiceTrainingJob job)
        {
            if (job.State == "SUCCEED") return JobOutcome.Succeeded;
            if (job.State == "FAILED") return JobOutcome.Failed;
            return VoiceApi.UserActionFor(job.State) != null ? JobOutcome.NeedsUser : JobOutcome.Running;
        }
    }
}
