using System.Management.Automation;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Http;

namespace MetaStudio.PowerShell.Video
{
    /// <summary>Cancel2DDigitalHumanVideo (CancelPhotoDigitalHumanVideo for photo tasks): the service cancels only tasks still WAITING.</summary>
    [MsApi(OperationId.Cancel2DDigitalHumanVideo, OperationId.CancelPhotoDigitalHumanVideo, OperationId.Show2DDigitalHumanVideo, OperationId.ShowPhotoDigitalHumanVideo)]
    [Cmdlet(VerbsLifecycle.Stop, "MsVideoTask", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(MsVideoTask))]
    public sealed class StopMsVideoTaskCommand : MsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public required string JobId { get; set; }

        /// <summary>Model or photo task: picks the cancel operation (a piped task brings its own).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateSet(VideoApi.ModelJobType, VideoApi.PhotoJobType, VideoApi.PhotoJobTypeAlias)]
        public string? JobType { get; set; }

        /// <summary>Skips the confirmation (-WhatIf still only reports).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Outputs the task after cancelling it.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            if (!ShouldChange(VideoApi.Tasks(JobType), JobId, "Cancel", force: Force)) return;
            if (TrySend(new MsRequest(VideoApi.CancelOperation(JobType)).WithPath("job_id", JobId)) == null || !PassThru) return;
            WriteShown(VideoApi.Tasks(JobType), new[] { JobId });
        }
    }
}
