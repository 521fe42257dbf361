using System.Management.Automation;

namespace MetaStudio.PowerShell.Assets
{
    /// <summary>Deactivates assets (BatchExecuteAssetAction UNACTIVE).</summary>
    [Cmdlet(VerbsLifecycle.Disable, "MsAsset", SupportsShouldProcess = true)]
    [OutputType(typeof(MsAssetActionResult))]
    public sealed class DisableMsAssetCommand : AssetActionCmdlet
    {
        protected override string BatchAction => "UNACTIVE";
        protected override string SingleOperation => null;
        protected override string ActionText => "Deactivate";
    }
}
