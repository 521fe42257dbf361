using System.Collections.Generic;
using System.Management.Automation;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Http;

namespace MetaStudio.PowerShell.Files
{
    /// <summary>Tells the service a file's upload ended (ConfirmFileUpload): CREATED, FAILED or CANCELLED.</summary>
    [Cmdlet(VerbsLifecycle.Complete, "MsAssetFile", SupportsShouldProcess = true)]
    [OutputType(typeof(void))]
    public sealed class CompleteMsAssetFileCommand : MsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ValidateMsId]
        public string FileId { get; set; }

        [Parameter]
        [ValidateSet("CREATED", "FAILED", "CANCELLED")]
        public string State { get; set; } = "CREATED";

        /// <summary>Let the service analyse the file's metadata (image, video and audio MAIN files only).</summary>
        [Parameter]
        public SwitchParameter AutoMetaAnalysis { get; set; }

        protected override void ProcessRecord()
        {
            if (!ShouldChange("file", FileId, $"Confirm upload as {State}", null)) return;
            var body = new Dictionary<string, object> { ["state"] = State };
            if (AutoMetaAnalysis) body["auto_meta_analysis"] = true;
            TrySend(new MsRequest("ConfirmFileUpload").WithPath("file_id", FileId).WithBody(body));
        }
    }
}
