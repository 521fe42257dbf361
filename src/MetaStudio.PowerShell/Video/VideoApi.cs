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
        /// Waits for all tasks together and writes each as it ends: the task itself, plus an error named by
        /// the service's code for FAILED/BLOCK, or MetaStudio.Timeout for tasks still running at the deadline.
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
            };
            ctx.Verbose($"Polling {jobIds.Count} video task(s) every {poller.IntervalFor(jobIds.Count).TotalSeconds:0.##} s or slower.");
            return poller.RunReportingAsync(jobIds, ctx, job =>
            {
                ctx.Output(job);
                if (job.State == "FAILED" || job.State == "BLOCK") ctx.Error(FailureOf(job));
            });
        }

        /// <summary>A failed task as an error: id = the service's error_code, target = the job id.</summary>
        public static ErrorRecord FailureOf(MsVideoTask task)
        {
            var code = task.ErrorInfo?.ErrorCode ?? (task.State == "BLOCK" ? "MetaStudio.VideoTaskBlocked" : "MetaStudio.VideoTaskFailed");
            var message = task.ErrorInfo?.ErrorMsg ?? $"Video task {task.JobId} ended {task.State}.";
            var ex = new MsServiceException(message, code, 0, null, ShowTaskOperation, task.JobId);
            return new ErrorRecord(ex, code, task.State == "BLOCK" ? ErrorCategory.PermissionDenied : ErrorCategory.InvalidResult, task.JobId)
            {
                ErrorDetails = new ErrorDetails($"Video task {task.JobId} {task.State}: {message} ({code})"),
            };
        }
    }
}
