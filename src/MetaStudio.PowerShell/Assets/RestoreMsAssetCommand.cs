using System.Management.Automation;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Cmdlets;

namespace MetaStudio.PowerShell.Assets
{
    /// <summary>Brings assets back from the recycle bin to the state they had before removal.</summary>
    [MsApi(OperationId.RestoreAsset, OperationId.BatchExecuteAssetAction, OperationId.ShowAsset)]
    [Cmdlet(VerbsData.Restore, "MsAsset", SupportsShouldProcess = true)]
    [OutputType(typeof(MsAssetActionResult))]
    public sealed class RestoreMsAssetCommand : AssetActionCmdlet
    {
        private protected override string BatchAction => "RESTORE";
        private protected override OperationId? SingleOperation => OperationId.RestoreAsset;
        private protected override string ActionText => "Restore from the recycle bin";
    }
}
