using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Transfers;
using MetaStudio.PowerShell.Core.Jobs;

#nullable enable

namespace MetaStudio.PowerShell.Video.Tts
{
    /// <summary>Saves a TTS preview's audio once its job is done.</summary>
    internal static class TtsFiles
    {
        public const OperationId ShowOperation = OperationId.ShowTtsAuditionFile;

        /// <summary>Downloads a complete preview's audio to <paramref name="path"/>; a preview with no file is an error.</summary>
        public static Task<FileInfo> SaveAsync(MsSession session, MsTtsAudition done, string path, CallContext ctx)
        {
            var url = done.Files?.Select(f => f.DownloadUrl).FirstOrDefault(u => !string.IsNullOrEmpty(u));
            if (url == null)
                throw new MsServiceException($"The TTS preview {done.JobId} is complete but has no file ({done.Code} {done.Message}).", "MetaStudio.NoFile", 0, null, ShowOperation.ToString(), done.JobId);
            return SignedUrlTransfer.DownloadAsync(session, new Uri(url), path, ctx, $"Downloading TTS preview {done.JobId}", 61);
        }
    }

    /// <summary>
    /// A TTS preview as a job: read with ShowTtsAuditionFile; complete once the file is, failed when the answer
    /// carries an error code (the file will never come). A preview takes seconds, so a wait without -Timeout gives up
    /// after five minutes.
    /// </summary>
    internal sealed class TtsPreviewJobs : JobKind<MsTtsAudition>
    {
        public static readonly TtsPreviewJobs Instance = new TtsPreviewJobs();

        /// <summary>The service suggests asking again after about five seconds; tests and emulators may ask sooner.</summary>
        private TtsPreviewJobs() : base("TTS preview", "TtsPreview", TtsFiles.ShowOperation, pollSeconds: 2, activityId: 60)
        {
        }

        public override TimeSpan? DefaultTimeout => TimeSpan.FromSeconds(300);
        public override string Activity(int count) => count == 1 ? "Waiting for the TTS preview" : $"Waiting for {count} TTS previews";
        public override string? NameOf(MsTtsAudition job) => null;
        public override string StateOf(MsTtsAudition job) => job.IsFileComplete == true ? "COMPLETE" : job.HasFailed ? "FAILED" : "SYNTHESIZING";
        protected override string? FailureCode(MsTtsAudition job) => job.Code;
        protected override string? FailureReason(MsTtsAudition job) => job.Message;

        protected override MsTtsAudition? Read(MsResponse response, JobRef job)
        {
            // The file endpoint does not echo the id; put it back so the object pipes on.
            var audition = response.As<MsTtsAudition>();
            if (audition != null) audition.JobId = audition.JobId ?? job.Id;
            return audition;
        }

        public override JobOutcome OutcomeOf(MsTtsAudition job)
            => job.IsFileComplete == true ? JobOutcome.Succeeded : job.HasFailed ? JobOutcome.Failed : JobOutcome.Running;
    }
}
