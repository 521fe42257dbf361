using System.Management.Automation;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Http;

namespace MetaStudio.PowerShell.Video
{
    /// <summary>Cancel2DDigitalHumanVideo: the service cancels only tasks still WAITING.</summary>
    [Cmdlet(VerbsLifecycle.Stop, "MsVideoTask", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(MsVideoTask))]
    public sealed class StopMsVideoTaskCommand : MsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public string JobId { get; set; }

        /// <summary>Skips the confirmation (-WhatIf still only reports).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Outputs the task after cancelling it.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            if (!ShouldChange("video task", JobId, "Cancel", NameFrom<MsVideoTask>(VideoApi.ShowTask(JobId), t => t.AssetName), force: Force)) return;
            if (TrySend(new MsRequest("Cancel2DDigitalHumanVideo").WithPath("job_id", JobId)) == null || !PassThru) return;
            var shown = TrySend(VideoApi.ShowTask(JobId));
            if (shown != null) WriteObject(shown.As<MsVideoTask>());
        }
    }
}
