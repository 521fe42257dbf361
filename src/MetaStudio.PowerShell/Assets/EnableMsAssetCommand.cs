using System.Management.Automation;

namespace MetaStudio.PowerShell.Assets
{
    /// <summary>Activates assets (BatchExecuteAssetAction ACTIVE).</summary>
    [Cmdlet(VerbsLifecycle.Enable, "MsAsset", SupportsShouldProcess = true)]
    [OutputType(typeof(MsAssetActionResult))]
    public sealed class EnableMsAssetCommand : AssetActionCmdlet
    {
        protected override string BatchAction => "ACTIVE";
        protected override string SingleOperation => null;
        protected override string ActionText => "Activate";
    }
}
