using System.Management.Automation;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Jobs;

namespace MetaStudio.PowerShell.Video
{
    /// <summary>
    /// Waits for every task from the pipeline together, writing each one as soon as it reaches
    /// SUCCEED, FAILED, CANCELED or BLOCK. Photo tasks are read with ShowPhotoDigitalHumanVideo.
    /// </summary>
    [MsApi(OperationId.Show2DDigitalHumanVideo, OperationId.ShowPhotoDigitalHumanVideo)]
    [Cmdlet(VerbsLifecycle.Wait, "MsVideoTask")]
    [OutputType(typeof(MsVideoTask))]
    public sealed class WaitMsVideoTaskCommand : WaitJobsCmdlet<MsVideoTask>
    {
        /// <summary>Model or photo task: picks the show operation (a piped task brings its own).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateSet(VideoApi.ModelJobType, VideoApi.PhotoJobType, VideoApi.PhotoJobTypeAlias)]
        public string? JobType { get; set; }

        internal override JobKind<MsVideoTask> Kind => VideoTaskJobs.Instance;

        private protected override string? Scope => JobType;
    }
}
