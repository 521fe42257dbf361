using System.Management.Automation;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Cmdlets;

namespace MetaStudio.PowerShell.Assets
{
    /// <summary>
    /// Moves assets to the recycle bin (restorable, hence ConfirmImpact Medium), or with -Permanent deletes them
    /// for good, which asks as a High impact change does.
    /// </summary>
    [MsApi(OperationId.DeleteAsset, OperationId.BatchExecuteAssetAction, OperationId.ShowAsset)]
    [Cmdlet(VerbsCommon.Remove, "MsAsset", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(MsAssetActionResult))]
    public sealed class RemoveMsAssetCommand : AssetActionCmdlet
    {
        /// <summary>Delete for good (mode=force) instead of moving to the recycle bin.</summary>
        [Parameter]
        public SwitchParameter Permanent { get; set; }

        /// <summary>Skips the confirmation prompt of -Permanent (-WhatIf still only shows what would happen).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        private protected override string BatchAction => Permanent ? "DELETE_FORCE" : "DELETE";
        private protected override OperationId? SingleOperation => OperationId.DeleteAsset;
        private protected override string ActionText => Permanent ? "Delete permanently" : "Move to the recycle bin";

        private protected override MsRequest SingleRequest(string id) => base.SingleRequest(id).WithQuery("mode", Permanent ? "force" : null);

        private protected override bool Confirm(string id)
            => ShouldChange(AssetApi.Assets, id, ActionText, Permanent ? ConfirmImpact.High : ConfirmImpact.Medium, Force);
    }
}
