using System.Management.Automation;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Catalog;

namespace MetaStudio.PowerShell.Products
{
    /// <summary>SetProductAsset with action LINK: adds an image, video or audio asset, or a text, to a product.</summary>
    [MsApi(OperationId.SetProductAsset, OperationId.ShowProduct)]
    [Cmdlet(VerbsCommon.Add, "MsProductAsset", DefaultParameterSetName = AssetSet, SupportsShouldProcess = true)]
    [OutputType(typeof(MsProduct))]
    public sealed class AddMsProductAssetCommand : ProductAssetCmdlet
    {
        /// <summary>Position among the product's assets; 0 or none keeps the order of adding. The first image is the cover.</summary>
        [Parameter(ParameterSetName = AssetSet, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(0, int.MaxValue)]
        public int? Order { get; set; }

        private protected override string Action => "LINK";
        private protected override string ActionText => "Add";
        private protected override int? AssetOrder => Order;
    }
}
