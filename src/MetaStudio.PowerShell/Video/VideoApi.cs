using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Jobs;

namespace MetaStudio.PowerShell.Video
{
    /// <summary>Requests and waits shared by the video cmdlets.</summary>
    internal static class VideoApi
    {
        public const string ShowTaskOperation = "Show2DDigitalHumanVideo";

        public static MsRequest ShowScript(string scriptId) => new MsRequest("ShowVideoScript").WithPath("script_id", scriptId);

        public static MsRequest ShowTask(string jobId, bool showScript = false)
        {
            var request = new MsRequest(ShowTaskOperation).WithPath("job_id", jobId);
            return showScript ? request.WithQuery("show_script", true) : request;
        }

        public static async Task<MsVideoTask> GetTaskAsync(MsSession session, string jobId, CallContext ctx)
            => (await session.Client.SendAsync(ShowTask(jobId), ctx).ConfigureAwait(false)).As<MsVideoTask>();

        /// <summary>
        /// Waits for all tasks together and writes each finished task as it ends; a task that ended FAILED,
        /// BLOCK or CANCELED produced no video and becomes an error named by the service's code instead, and a
        /// task still running at the deadline MetaStudio.Timeout. Errors follow the successes (RunReportingAsync).
        /// </summary>
        public static Task WaitAsync(MsSession session, IReadOnlyList<string> jobIds, System.TimeSpan? timeout, double? pollIntervalSec, CallContext ctx)
        {
            var poller = new JobPoller<MsVideoTask>((id, c) => GetTaskAsync(session, id, c), t => t.IsFinished)
            {
                RatePerSecond = JobPoller<MsVideoTask>.RateOf(session, ShowTaskOperation),
                MinimumInterval = System.TimeSpan.FromSeconds(pollIntervalSec ?? 2),
                Timeout = timeout,
                Activity = $"Waiting for {jobIds.Count} video task(s)",
                Describe = t => t.State,
                NameOf = t => t.AssetName,
            };
            ctx.Verbose($"Polling {jobIds.Count} video task(s) every {poller.IntervalFor(jobIds.Count).TotalSeconds:0.##} s or slower.");
            return poller.RunReportingAsync(jobIds, ctx, job => job.State == "SUCCEED" ? null : FailureOf(job));
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
            var ex = new MsServiceException(message, code, 0, null, ShowTaskOperation, task.JobId);
            var category = task.State == "BLOCK" ? ErrorCategory.PermissionDenied : task.State == "CANCELED" ? ErrorCategory.OperationStopped : ErrorCategory.InvalidResult;
            var name = string.IsNullOrEmpty(task.AssetName) ? "" : $"'{task.AssetName}' ";
            return new ErrorRecord(ex, code, category, task.JobId)
            {
                ErrorDetails = new ErrorDetails($"Video task {name}({task.JobId}) {task.State}: {message} ({code})"),
            };
        }
    }
}
