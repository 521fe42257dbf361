using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Jobs;

namespace MetaStudio.PowerShell.Video
{
    /// <summary>
    /// Requests and waits shared by the video cmdlets. A video task is made from an avatar model
    /// (2D_DIGITAL_HUMAN_VIDEO, the *2DDigitalHumanVideo operations) or from a photo
    /// (DIGITAL_HUMAN_PHOTO_VIDEO, the *PhotoDigitalHumanVideo operations); each kind is shown and
    /// cancelled through its own operations.
    /// </summary>
    internal static class VideoApi
    {
        /// <summary>job_type of a task made from an avatar model.</summary>
        public const string ModelJobType = "2D_DIGITAL_HUMAN_VIDEO";
        /// <summary>job_type of a task made from a photo, as the service's answers spell it.</summary>
        public const string PhotoJobType = "DIGITAL_HUMAN_PHOTO_VIDEO";
        /// <summary>The same kind as the list filter's documentation spells it; accepted as a synonym.</summary>
        public const string PhotoJobTypeAlias = "PHOTO_DIGITAL_HUMAN_VIDEO";

        public static bool IsPhoto(string jobType)
            => string.Equals(jobType, PhotoJobType, StringComparison.OrdinalIgnoreCase) || string.Equals(jobType, PhotoJobTypeAlias, StringComparison.OrdinalIgnoreCase);

        public static OperationId ShowOperation(string jobType) => IsPhoto(jobType) ? OperationId.ShowPhotoDigitalHumanVideo : OperationId.Show2DDigitalHumanVideo;

        public static OperationId CancelOperation(string jobType) => IsPhoto(jobType) ? OperationId.CancelPhotoDigitalHumanVideo : OperationId.Cancel2DDigitalHumanVideo;

        public static MsRequest ShowScript(string scriptId) => new MsRequest(OperationId.ShowVideoScript).WithPath("script_id", scriptId);

        public static MsRequest ShowTask(string jobId, string jobType, bool showScript = false)
        {
            var request = new MsRequest(ShowOperation(jobType)).WithPath("job_id", jobId);
            return showScript ? request.WithQuery("show_script", true) : request;
        }

        public static async Task<MsVideoTask> GetTaskAsync(MsSession session, string jobId, string jobType, CallContext ctx)
            => (await session.Client.SendAsync(ShowTask(jobId, jobType), ctx).ConfigureAwait(false)).As<MsVideoTask>();

        /// <summary>
        /// Waits for all tasks (job id → job type) together and writes each finished task as it ends; a task that
        /// ended FAILED, BLOCK or CANCELED produced no video and becomes an error named by the service's code
        /// instead, and a task still running at the deadline MetaStudio.Timeout. Errors follow the successes (RunReportingAsync).
        /// </summary>
        public static Task WaitAsync(MsSession session, IReadOnlyDictionary<string, string> jobTypes, TimeSpan? timeout, double? pollIntervalSec, CallContext ctx)
        {
            var poller = new JobPoller<MsVideoTask>((id, c) => GetTaskAsync(session, id, jobTypes[id], c), t => t.IsFinished)
            {
                // The two show operations have the same published limit; the slower of them paces the wait.
                RatePerSecond = jobTypes.Values.Select(t => JobPoller<MsVideoTask>.RateOf(session, ShowOperation(t))).DefaultIfEmpty(1).Min(),
                MinimumInterval = TimeSpan.FromSeconds(pollIntervalSec ?? 2),
                Timeout = timeout,
                Activity = $"Waiting for {jobTypes.Count} video task(s)",
                Describe = t => t.State,
                NameOf = t => t.AssetName,
            };
            ctx.Verbose($"Polling {jobTypes.Count} video task(s) every {poller.IntervalFor(jobTypes.Count).TotalSeconds:0.##} s or slower.");
            return poller.RunReportingAsync(jobTypes.Keys.ToList(), ctx, job => job.State == "SUCCEED" ? null : FailureOf(job));
        }

        /// <summary>
        /// A task that produced no video as an error: id = the service's error_code, target = the job id, and the
        /// message names the video ('name' (job id)) so a log line says which input row it was.
        /// </summary>
        public static ErrorRecord FailureOf(MsVideoTask task)
        {
            var code = task.ErrorInfo?.ErrorCode ?? (task.State == "BLOCK" ? "MetaStudio.VideoTaskBlocked"
                : task.State == "CANCELED" ? "MetaStudio.VideoTaskCanceled" : "MetaStudio.VideoTaskFailed");
            var message = task.ErrorInfo?.ErrorMsg ?? $"The task ended {task.State}.";
            var ex = new MsServiceException(message, code, 0, null, ShowOperation(task.JobType).ToString(), task.JobId);
            var category = task.State == "BLOCK" ? ErrorCategory.PermissionDenied : task.State == "CANCELED" ? ErrorCategory.OperationStopped : ErrorCategory.InvalidResult;
            var name = string.IsNullOrEmpty(task.AssetName) ? "" : $"'{task.AssetName}' ";
            return new ErrorRecord(ex, code, category, task.JobId)
            {
                ErrorDetails = new ErrorDetails($"Video task {name}({task.JobId}) {task.State}: {message} ({code})"),
            };
        }
    }
}
