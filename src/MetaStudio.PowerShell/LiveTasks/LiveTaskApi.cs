using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Jobs;

namespace MetaStudio.PowerShell.LiveTasks
{
    /// <summary>Requests and waits shared by the live task cmdlets.</summary>
    internal static class LiveTaskApi
    {
        public const OperationId ShowOperation = OperationId.ShowSmartLive;

        public static MsRequest Job(OperationId operation, string? roomId, string jobId)
            => new MsRequest(operation) { Target = jobId }.WithPath("room_id", roomId).WithPath("job_id", jobId);

        public static Task<MsLiveTask?> GetAsync(MsSession session, string? roomId, string jobId, CallContext ctx)
            => LiveTaskJobs.UntilEnd.GetAsync(session, new JobRef(jobId, roomId), ctx);
    }

    /// <summary>
    /// A live task as a job: read with ShowSmartLive (the job's scope is its room). SUCCEED ends it well, FAILED and
    /// BLOCKED without a broadcast; waited on until live (<see cref="UntilLive"/>), PROCESSING ends the wait too.
    /// </summary>
    internal sealed class LiveTaskJobs : JobKind<MsLiveTask>
    {
        public static readonly LiveTaskJobs UntilEnd = new LiveTaskJobs(false);
        public static readonly LiveTaskJobs UntilLive = new LiveTaskJobs(true);

        private readonly bool _untilLive;

        private LiveTaskJobs(bool untilLive) : base("live task", "LiveTask", LiveTaskApi.ShowOperation) => _untilLive = untilLive;

        public override string Activity(int count) => $"Waiting for {count} live task(s) to {(_untilLive ? "go live" : "end")}";
        public override MsRequest StatusRequest(JobRef job) => LiveTaskApi.Job(LiveTaskApi.ShowOperation, job.Scope, job.Id);
        public override string? StateOf(MsLiveTask job) => job.State;
        public override string? NameOf(MsLiveTask job) => job.RoomName;
        protected override string? FailureCode(MsLiveTask job) => job.ErrorInfo?.ErrorCode;
        protected override string? FailureReason(MsLiveTask job) => job.ErrorInfo?.ErrorMsg ?? job.BlockReason;

        protected override MsLiveTask? Read(MsResponse response, JobRef job)
        {
            var task = response.As<MsLiveTask>()?.MergeStart(null, job.Scope);
            if (task != null && task.JobId == null) task.JobId = job.Id;
            return task;
        }

        public override JobOutcome OutcomeOf(MsLiveTask job)
        {
            switch (job.State)
            {
                case "SUCCEED": return JobOutcome.Succeeded;
                case "FAILED": return JobOutcome.Failed;
                case "BLOCKED": return JobOutcome.Blocked;
                case "PROCESSING" when _untilLive: return JobOutcome.Succeeded;
                default: return JobOutcome.Running;
            }
        }
    }
}
