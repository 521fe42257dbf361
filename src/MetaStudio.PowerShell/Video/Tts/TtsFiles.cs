using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Transfers;
using MetaStudio.PowerShell.Core.Jobs;

namespace MetaStudio.PowerShell.Video.Tts
{
    /// <summary>Waits for a TTS preview's audio and saves it.</summary>
    internal static class TtsFiles
    {
        public const OperationId ShowOperation = OperationId.ShowTtsAuditionFile;

        /// <summary>-Timeout when none is given: a preview takes seconds, so five minutes means something is wrong.</summary>
        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(300);

        public static MsRequest Show(string jobId) => new MsRequest(ShowOperation).WithPath("job_id", jobId);

        public static async Task<FileInfo> WaitAndSaveAsync(MsSession session, string jobId, string path, TimeSpan? timeout, double? pollIntervalSec, CallContext ctx)
        {
            var limit = timeout ?? DefaultTimeout;
            MsTtsAudition done = null;
            JobWaitResult<MsTtsAudition> ended = null;
            var poller = new JobPoller<MsTtsAudition>(
                async (id, c) => (await session.Client.SendAsync(Show(id), c).ConfigureAwait(false)).As<MsTtsAudition>(),
                a => a != null && (a.IsFileComplete == true || a.HasFailed))
            {
                RatePerSecond = JobPoller<MsTtsAudition>.RateOf(session, ShowOperation),
                // The service suggests asking again after about five seconds; tests and emulators may ask sooner.
                MinimumInterval = TimeSpan.FromSeconds(pollIntervalSec ?? 2),
                Timeout = limit,
                Activity = "Waiting for the TTS preview",
                ActivityId = 60,
                Describe = a => "Synthesizing",
            };
            await poller.RunAsync(new[] { jobId }, ctx, r => ended = r, ex => ex is MsServiceException ms && ms.IsSessionFailure).ConfigureAwait(false);
            switch (ended?.Outcome)
            {
                case JobWaitOutcome.Finished:
                    done = ended.Job;
                    break;
                case JobWaitOutcome.TimedOut:
                    throw new MsServiceException($"The TTS preview {jobId} was not ready within {limit.TotalSeconds:0.#} s.", ErrorCodes.Timeout, 0, null, ShowOperation.ToString(), jobId);
                default:
                    throw ended?.Error ?? new InvalidOperationException($"The TTS preview {jobId} could not be read.");
            }
            if (done.HasFailed)
                throw new MsServiceException($"The TTS preview {jobId} failed: {done.Message ?? "no message"} ({done.Code}).", done.Code, 0, null, ShowOperation.ToString(), jobId);
            var url = done.Files?.Select(f => f.DownloadUrl).FirstOrDefault(u => !string.IsNullOrEmpty(u));
            if (url == null)
                throw new MsServiceException($"The TTS preview {jobId} is complete but has no file ({done.Code} {done.Message}).", "MetaStudio.NoFile", 0, null, ShowOperation.ToString(), jobId);
            return await SignedUrlTransfer.DownloadAsync(session, new Uri(url), path, ctx, $"Downloading TTS preview {jobId}", 61).ConfigureAwait(false);
        }
    }
}
