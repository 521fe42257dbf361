using System.Management.Automation;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Http;

namespace MetaStudio.PowerShell.Files
{
    /// <summary>Deletes a file of an asset (DeleteFile).</summary>
    [MsApi(OperationId.DeleteFile)]
    [Cmdlet(VerbsCommon.Remove, "MsAssetFile", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveMsAssetFileCommand : MsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ValidateMsId]
        public required string[] FileId { get; set; }

        /// <summary>Skips the confirmation prompt (-WhatIf still only shows what would happen).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var id in FileId)
            {
                // The file API has no read, so the file is named by its id.
                if (!ShouldChange("file", id, "Delete", null, force: Force)) continue;
                TrySend(new MsRequest(OperationId.DeleteFile).WithPath("file_id", id));
            }
        }
    }
}
