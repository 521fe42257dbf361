using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Jobs;

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

        public static async Task<MsVoiceTrainingJob> GetAsync(MsSession session, string jobId, CallContext ctx)
            => (await session.Client.SendAsync(Show(jobId), ctx).ConfigureAwait(false)).As<MsVoiceTrainingJob>();

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

        public static MsRequest Commit(string jobId, IDictionary<string, object> body)
            => new MsRequest(OperationId.CommitVoiceTrainingJob).WithPath("job_id", jobId).WithBody(body ?? new Dictionary<string, object>());

        /// <summary>Epoch milliseconds, the unit of this API's time filters.</summary>
        public static long? EpochMs(DateTime? time)
            => time.HasValue ? new DateTimeOffset(time.Value.ToUniversalTime()).ToUnixTimeMilliseconds() : (long?)null;

        public static bool IsFinal(string state) => state == "SUCCEED" || state == "FAILED" || UserActionFor(state) != null;

        public static string UserActionFor(string state) => UserActions.TryGetValue(state ?? "", out var action) ? action : null;

        /// <summary>
        /// Waits for all jobs together and writes each as it ends: SUCCEED plainly, FAILED as an error
        /// (MetaStudio.VoiceTrainingJobFailed, after the successes) that carries the service's reason, a state that waits for the
        /// user with a warning naming the next step, and jobs still running at the deadline with MetaStudio.Timeout.
        /// </summary>
        public static Task WaitAsync(MsSession session, IReadOnlyList<string> jobIds, TimeSpan? timeout, double? pollIntervalSec, CallContext ctx)
        {
            var poller = new JobPoller<MsVoiceTrainingJob>((id, c) => GetAsync(session, id, c), j => IsFinal(j?.State))
            {
                RatePerSecond = JobPoller<MsVoiceTrainingJob>.RateOf(session, ShowOperation),
                MinimumInterval = TimeSpan.FromSeconds(pollIntervalSec ?? 10),
                Timeout = timeout,
                Activity = $"Waiting for {jobIds.Count} voice training job(s)",
                ActivityId = 62,
                Describe = j => j?.State,
                NameOf = j => j?.VoiceName,
            };
            ctx.Verbose($"Polling {jobIds.Count} voice training job(s) every {poller.IntervalFor(jobIds.Count).TotalSeconds:0.##} s or slower.");
            return poller.RunReportingAsync(jobIds, ctx, job => job.State == "FAILED" ? FailureOf(job) : null, job =>
            {
                ctx.Output(job);
                if (UserActionFor(job.State) is string action)
                    ctx.Warning($"Voice training job {job.JobId} ({job.VoiceName}) is {job.State} and waits for you: {action}.");
            });
        }

        private static ErrorRecord FailureOf(MsVoiceTrainingJob job)
        {
            var why = job.JobFailedReason != null ? $": {job.JobFailedCode} {job.JobFailedReason}".TrimEnd() : ".";
            return new ErrorRecord(new InvalidOperationException($"Voice training job {job.JobId} ({job.VoiceName}) ended FAILED{why}"),
                "MetaStudio.VoiceTrainingJobFailed", ErrorCategory.InvalidResult, job.JobId);
        }
    }
}
