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
    public sealed class CopyMsVideoScriptCommand : MsBulkCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public required string ScriptId { get; set; }

        protected override void ProcessRecord()
        {
            if (!ShouldChange(VideoApi.Scripts, ScriptId, "Copy")) return;
            var session = CurrentSession;
            var source = ScriptId;
            WriteCreate(new Creation<MsVideoScript>("copy of video script " + source, null,
                new MsRequest(OperationId.CopyVideoScripts) { Target = source }.WithPath("script_id", source),
                (id, _) => new MsVideoScript { ScriptId = id })
            {
                ReadBack = (id, _, ctx) => VideoApi.ReadScriptAsync(session.Client, id, ctx),
                LookFor = _ => "Look for the copy with: Get-MsVideoScript (a copy carries the source script's name)",
            });
        }
    }
}
