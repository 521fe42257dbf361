using System.Management.Automation;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Http;

namespace MetaStudio.PowerShell.Voice
{
    /// <summary>DeleteVoiceTrainingJob. A deleted job and its recordings cannot be restored, hence ConfirmImpact High.</summary>
    [MsApi(OperationId.DeleteVoiceTrainingJob, OperationId.ShowVoiceTrainingJob)]
    [Cmdlet(VerbsCommon.Remove, "MsVoiceTrainingJob", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveMsVoiceTrainingJobCommand : MsBulkCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public required string JobId { get; set; }

        /// <summary>Skips the confirmation (-WhatIf still only reports).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord() => Remove(VoiceApi.Jobs, JobId, new MsRequest(OperationId.DeleteVoiceTrainingJob).WithPath("job_id", JobId), Force);
    }
}
