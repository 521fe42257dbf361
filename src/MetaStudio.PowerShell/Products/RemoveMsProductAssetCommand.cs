using System.Management.Automation;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Catalog;

namespace MetaStudio.PowerShell.Products
{
    /// <summary>SetProductAsset with action UNLINK: takes an asset or a text off a product (the asset itself stays).</summary>
    [MsApi(OperationId.SetProductAsset, OperationId.ShowProduct)]
    [Cmdlet(VerbsCommon.Remove, "MsProductAsset", DefaultParameterSetName = AssetSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(MsProduct))]
    public sealed class RemoveMsProductAssetCommand : ProductAssetCmdlet
    {
        /// <summary>Skips the confirmation (-WhatIf still only reports).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        private protected override string Action => "UNLINK";
        private protected override string ActionText => "Unlink";

        private protected override bool Confirm(string action, bool force = false) => base.Confirm(action, Force);
    }
}
