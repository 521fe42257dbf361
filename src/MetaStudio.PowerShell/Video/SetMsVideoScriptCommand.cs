using System.Management.Automation;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Http;

namespace MetaStudio.PowerShell.Video
{
    /// <summary>UpdateVideoScript with only the fields given.</summary>
    [MsApi(OperationId.UpdateVideoScript, OperationId.ShowVideoScript)]
    [Cmdlet(VerbsCommon.Set, "MsVideoScript", SupportsShouldProcess = true)]
    [OutputType(typeof(MsVideoScript))]
    public sealed class SetMsVideoScriptCommand : VideoScriptCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public required string ScriptId { get; set; }

        [Parameter]
        [ValidateLength(1, 256)]
        public string? Name { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var body = TryBuildContent(false, ScriptId);
            if (body == null) return;
            SetScriptFields(body, Name);
            if (body.Count == 0)
            {
                WriteError(ErrorRecords.InvalidInput("Nothing to change: give at least one field, e.g. -Name or -Text.", ScriptId));
                return;
            }
            if (!ShouldChange(VideoApi.Scripts, ScriptId, "Update")) return;

            if (TrySend(new MsRequest(OperationId.UpdateVideoScript).WithPath("script_id", ScriptId).WithBody(body)) == null || !PassThru) return;
            WriteShown(VideoApi.Scripts, new[] { ScriptId });
        }
    }
}
