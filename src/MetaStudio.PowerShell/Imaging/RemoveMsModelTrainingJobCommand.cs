using System.Management.Automation;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Http;

namespace MetaStudio.PowerShell.Imaging
{
    /// <summary>Delete2dModelTrainingJob. A deleted job (and its uploaded material) cannot be restored, hence ConfirmImpact High.</summary>
    [MsApi(OperationId.Delete2dModelTrainingJob, OperationId.Show2dModelTrainingJob)]
    [Cmdlet(VerbsCommon.Remove, "MsModelTrainingJob", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveMsModelTrainingJobCommand : MsBulkCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public required string JobId { get; set; }

        /// <summary>Skips the confirmation (-WhatIf still only reports).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord() => Remove(ImagingApi.Jobs, JobId, new MsRequest(OperationId.Delete2dModelTrainingJob).WithPath("job_id", JobId), Force);
    }
}
