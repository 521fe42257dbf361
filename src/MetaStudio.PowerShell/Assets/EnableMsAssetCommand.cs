using System.Management.Automation;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Cmdlets;

namespace MetaStudio.PowerShell.Assets
{
    /// <summary>Activates assets (BatchExecuteAssetAction ACTIVE).</summary>
    [MsApi(OperationId.BatchExecuteAssetAction, OperationId.ShowAsset)]
    [Cmdlet(VerbsLifecycle.Enable, "MsAsset", SupportsShouldProcess = true)]
    [OutputType(typeof(MsAssetActionResult))]
    public sealed class EnableMsAssetCommand : AssetActionCmdlet
    {
        private protected override string BatchAction => "ACTIVE";
        private protected override OperationId? SingleOperation => null;
        private protected override string ActionText => "Activate";
    }
}
