using System.Management.Automation;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Http;

namespace MetaStudio.PowerShell.Video
{
    /// <summary>CopyVideoScripts, then outputs the new copy.</summary>
    [MsApi(OperationId.CopyVideoScripts, OperationId.ShowVideoScript)]
    [Cmdlet(VerbsCommon.Copy, "MsVideoScript", SupportsShouldProcess = true)]
    [OutputType(typeof(MsVideoScript))]
    public sealed class CopyMsVideoScriptCommand : MsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public required string ScriptId { get; set; }

        protected override void ProcessRecord()
        {
            if (!ShouldChange(VideoApi.Scripts, ScriptId, "Copy")) return;
            var copied = TrySend(new MsRequest(OperationId.CopyVideoScripts).WithPath("script_id", ScriptId));
            var id = copied?.As<VideoScriptIdResponse>()?.ScriptId;
            if (id == null) return;
            var shown = TrySend(VideoApi.ShowScript(id));
            if (shown != null) WriteObject(shown.As<MsVideoScript>());
        }
    }
}
