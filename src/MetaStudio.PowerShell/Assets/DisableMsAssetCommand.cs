using System.Management.Automation;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Cmdlets;

namespace MetaStudio.PowerShell.Assets
{
    /// <summary>Deactivates assets (BatchExecuteAssetAction UNACTIVE).</summary>
    [MsApi(OperationId.BatchExecuteAssetAction, OperationId.ShowAsset)]
    [Cmdlet(VerbsLifecycle.Disable, "MsAsset", SupportsShouldProcess = true)]
    [OutputType(typeof(MsAssetActionResult))]
    public sealed class DisableMsAssetCommand : AssetActionCmdlet
    {
        private protected override string BatchAction => "UNACTIVE";
        private protected override OperationId? SingleOperation => null;
        private protected override string ActionText => "Deactivate";
    }
}
