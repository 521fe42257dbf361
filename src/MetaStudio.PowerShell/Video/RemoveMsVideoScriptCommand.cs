using System.Management.Automation;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Http;

namespace MetaStudio.PowerShell.Video
{
    /// <summary>DeleteVideoScript. Scripts have no recycle bin, hence ConfirmImpact High.</summary>
    [MsApi(OperationId.DeleteVideoScript, OperationId.ShowVideoScript)]
    [Cmdlet(VerbsCommon.Remove, "MsVideoScript", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveMsVideoScriptCommand : MsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public string ScriptId { get; set; }

        /// <summary>Skips the confirmation (-WhatIf still only reports).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            if (!ShouldChange("video script", ScriptId, "Delete", NameFrom<MsVideoScript>(VideoApi.ShowScript(ScriptId), s => s.ScriptName), force: Force)) return;
            TrySend(new MsRequest(OperationId.DeleteVideoScript).WithPath("script_id", ScriptId));
        }
    }
}
