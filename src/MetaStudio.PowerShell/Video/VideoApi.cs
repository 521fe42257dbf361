using System;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Jobs;
using MetaStudio.PowerShell.Core.Cmdlets;

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

        public static bool IsPhoto(string? jobType)
            => string.Equals(jobType, PhotoJobType, StringComparison.OrdinalIgnoreCase) || string.Equals(jobType, PhotoJobTypeAlias, StringComparison.OrdinalIgnoreCase);

        public static OperationId ShowOperation(string? jobType) => IsPhoto(jobType) ? OperationId.ShowPhotoDigitalHumanVideo : OperationId.Show2DDigitalHumanVideo;

        public static OperationId CancelOperation(string? jobType) => IsPhoto(jobType) ? OperationId.CancelPhotoDigitalHumanVideo : OperationId.Cancel2DDigitalHumanVideo;

        public static MsRequest ShowScript(string scriptId) => new MsRequest(OperationId.ShowVideoScript).WithPath("script_id", scriptId);

        /// <summary>A script read back by id; the answer does not always repeat the id, so it is filled in.</summary>
        public static async Task<MsVideoScript> ReadScriptAsync(MsClient client, string scriptId, CallContext ctx)
        {
            var script = (await client.SendAsync(ShowScript(scriptId), ctx).ConfigureAwait(false)).AsRequired<MsVideoScript>();
            if (script.ScriptId == null) script.ScriptId = scriptId;
            return script;
        }

        public static readonly Resource<MsVideoScript> Scripts = new Resource<MsVideoScript>("video script", ShowScript, s => s.ScriptName);

        /// <summary>Video tasks of one job type (the show operation depends on it).</summary>
        public static Resource<MsVideoTask> Tasks(string? jobType, bool showScript = false)
            => new Resource<MsVideoTask>("video task", id => ShowTask(id, jobType, showScript), t => t.AssetName);

        public static MsRequest ShowTask(string jobId, string? jobType, bool showScript = false)
        {
            var request = new MsRequest(ShowOperation(jobType)).WithPath("job_id", jobId);
            return showScript ? request.WithQuery("show_script", true) : request;
        }

        public static Task<MsVideoTask> GetTaskAsync(MsSession session, string jobId, string? jobType, CallContext ctx)
            => VideoTaskJobs.Instance.GetRequiredAsync(session, new JobRef(jobId, jobType), ctx);
    }

    /// <summary>
    /// A video task as a job: read with Show2DDigitalHumanVideo, or ShowPhotoDigitalHumanVideo for photo tasks (the
    /// job's scope is its job type); SUCCEED ends it well, FAILED, BLOCK and CANCELED without a video.
    /// </summary>
    internal sealed class VideoTaskJobs : JobKind<MsVideoTask>
    {
        public static readonly VideoTaskJobs Instance = new VideoTaskJobs();

        private VideoTaskJobs() : base("video task", "VideoTask", OperationId.Show2DDigitalHumanVideo)
        {
        }

        public override OperationId StatusOperation(JobRef job) => VideoApi.ShowOperation(job.Scope);
        public override MsRequest StatusRequest(JobRef job) => VideoApi.ShowTask(job.Id, job.Scope);
        protected override OperationId OperationOf(string id, MsVideoTask job) => VideoApi.ShowOperation(job.JobType);
        public override string? StateOf(MsVideoTask job) => job.State;
        public override string? NameOf(MsVideoTask job) => job.AssetName;
        protected override string? FailureCode(MsVideoTask job) => job.ErrorInfo?.ErrorCode;
        protected override string? FailureReason(MsVideoTask job) => job.ErrorInfo?.ErrorMsg;

        public override JobOutcome OutcomeOf(MsVideoTask job)
        {
            switch (job.State)
            {
                case "SUCCEED": return JobOutcome.Succeeded;
                case "FAILED": return JobOutcome.Failed;
                case "BLOCK": return JobOutcome.Blocked;
                case "CANCELED": return JobOutcome.Canceled;
                default: return JobOutcome.Running;
            }
        }
    }
}
