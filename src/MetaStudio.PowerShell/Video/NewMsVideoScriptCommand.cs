using System.Management.Automation;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Cmdlets;

namespace MetaStudio.PowerShell.Video
{
    /// <summary>CreateVideoScripts, then outputs the stored script.</summary>
    [MsApi(OperationId.CreateVideoScripts, OperationId.ShowVideoScript)]
    [Cmdlet(VerbsCommon.New, "MsVideoScript", SupportsShouldProcess = true)]
    [OutputType(typeof(MsVideoScript))]
    public sealed class NewMsVideoScriptCommand : VideoScriptCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateLength(1, 256)]
        public required string Name { get; set; }

        protected override void ProcessRecord()
        {
            var body = TryBuildContent(true, Name);
            if (body == null) return;
            SetScriptFields(body, Name);
            if (!ShouldProcess(Name, "Create video script")) return;

            var session = CurrentSession;
            WriteCreate(new Creation<MsVideoScript>("video script", Name, new MsRequest(OperationId.CreateVideoScripts) { Target = Name }.WithBody(body),
                (id, _) => new MsVideoScript { ScriptId = id, ScriptName = Name })
            {
                ReadBack = (id, _, ctx) => VideoApi.ReadScriptAsync(session.Client, id, ctx),
                LookFor = _ => $"Look for it with: Get-MsVideoScript | Where-Object ScriptName -eq '{Name}'",
            });
        }
    }
}
