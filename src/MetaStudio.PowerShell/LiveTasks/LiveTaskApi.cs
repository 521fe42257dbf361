using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Jobs;

namespace MetaStudio.PowerShell.LiveTasks
{
    /// <summary>Requests and waits shared by the live task cmdlets.</summary>
    internal static class LiveTaskApi
    {
        public const OperationId ShowOperation = OperationId.ShowSmartLive;

        public static MsRequest Job(OperationId operation, string roomId, string jobId)
            => new MsRequest(operation) { Target = jobId }.WithPath("room_id", roomId).WithPath("job_id", jobId);

        public static async Task<MsLiveTask> GetAsync(MsSession session, string roomId, string jobId, CallContext ctx)
        {
            var task = (await session.Client.SendAsync(Job(ShowOperation, roomId, jobId), ctx).ConfigureAwait(false)).As<MsLiveTask>()?.MergeStart(null, roomId);
            if (task != null && task.JobId == null) task.JobId = jobId;   // the wait keys its tasks by id
            return task;
        }

        /// <summary>
        /// Waits for the tasks (job id → room id) together. A task counts as done when it ends, or with
        /// <paramref name="untilLive"/> as soon as it is on air; each is written when done (merged with
        /// <paramref name="started"/> when given); FAILED/BLOCKED tasks and timeouts become errors after them.
        /// </summary>
        public static Task WaitAsync(MsSession session, IReadOnlyDictionary<string, string> rooms, bool untilLive, TimeSpan? timeout, double? pollIntervalSec,
            CallContext ctx, IReadOnlyDictionary<string, MsLiveTask> started = null)
        {
            var poller = new JobPoller<MsLiveTask>((id, c) => GetAsync(session, rooms[id], id, c), t => t.IsFinished || (untilLive && t.IsLive))
            {
                RatePerSecond = JobPoller<MsLiveTask>.RateOf(session, ShowOperation),
                MinimumInterval = TimeSpan.FromSeconds(pollIntervalSec ?? 2),
                Timeout = timeout,
                Activity = $"Waiting for {rooms.Count} live task(s) to {(untilLive ? "go live" : "end")}",
                Describe = t => t.State,
                NameOf = t => t.RoomName,
            };
            return poller.RunReportingAsync(rooms.Keys.ToList(), ctx,
                task => task.State == "FAILED" || task.State == "BLOCKED" ? FailureOf(task) : null,
                task =>
                {
                    MsLiveTask first = null;
                    started?.TryGetValue(task.JobId, out first);
                    ctx.Output(task.MergeStart(first, rooms[task.JobId]));
                });
        }

        /// <summary>A failed or blocked task as an error: id = the service's error_code, target = the job id.</summary>
        public static ErrorRecord FailureOf(MsLiveTask task)
        {
            var blocked = task.State == "BLOCKED";
            var code = task.ErrorInfo?.ErrorCode ?? (blocked ? "MetaStudio.LiveTaskBlocked" : "MetaStudio.LiveTaskFailed");
            var message = task.ErrorInfo?.ErrorMsg ?? task.BlockReason ?? $"Live task {task.JobId} ended {task.State}.";
            var ex = new MsServiceException(message, code, 0, null, ShowOperation.ToString(), task.JobId);
            var room = string.IsNullOrEmpty(task.RoomName) ? "" : $"of room '{task.RoomName}' ";
            return new ErrorRecord(ex, code, blocked ? ErrorCategory.PermissionDenied : ErrorCategory.InvalidResult, task.JobId)
            {
                ErrorDetails = new ErrorDetails($"Live task {room}({task.JobId}) {task.State}: {message} ({code})"),
            };
        }
    }
}
