using System.Collections.Generic;
using System.Management.Automation;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Http;

namespace MetaStudio.PowerShell.Files
{
    /// <summary>Tells the service a file's upload ended (ConfirmFileUpload): CREATED, FAILED or CANCELLED.</summary>
    [MsApi(OperationId.ConfirmFileUpload)]
    [Cmdlet(VerbsLifecycle.Complete, "MsAssetFile", SupportsShouldProcess = true)]
    [OutputType(typeof(void))]
    public sealed class CompleteMsAssetFileCommand : MsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ValidateMsId]
        public required string FileId { get; set; }

        [Parameter]
        [ValidateSet("CREATED", "FAILED", "CANCELLED")]
        public string State { get; set; } = "CREATED";

        protected override void ProcessRecord()
        {
            if (!ShouldChange("file", FileId, $"Confirm upload as {State}", null)) return;
            var body = new Dictionary<string, object> { ["state"] = State };
            TrySend(new MsRequest(OperationId.ConfirmFileUpload).WithPath("file_id", FileId).WithBody(body));
        }
    }
}
