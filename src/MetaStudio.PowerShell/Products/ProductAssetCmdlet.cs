using System.Collections.Generic;
using System.Management.Automation;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Http;

namespace MetaStudio.PowerShell.Products
{
    /// <summary>
    /// SetProductAsset for one asset or text per pipeline item. Asset and text parameters bind by property
    /// name, so MsAsset objects, a product's AssetList and its TextList can be piped in.
    /// </summary>
    public abstract class ProductAssetCmdlet : MsCmdlet
    {
        private protected ProductAssetCmdlet() { } // derived only by this module's own classes
        private protected const string AssetSet = "Asset";
        private protected const string TextSet = "Text";
        private readonly List<string> _changed = new List<string>();

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public required string ProductId { get; set; }

        [Parameter(Mandatory = true, Position = 1, ParameterSetName = AssetSet, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public string? AssetId { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = AssetSet, ValueFromPipelineByPropertyName = true)]
        [ValidateSet("IMAGE", "VIDEO", "AUDIO")]
        public string? AssetType { get; set; }

        [Parameter(ParameterSetName = TextSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? Title { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = TextSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? Text { get; set; }

        /// <summary>Outputs each changed product once, after the last item.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>LINK or UNLINK.</summary>
        private protected abstract string Action { get; }
        private protected abstract string ActionText { get; }
        /// <summary>asset_item.order, for LINK.</summary>
        private protected virtual int? AssetOrder => null;

        private protected virtual bool Confirm(string action, bool force = false) => ShouldChange(ProductApi.Products, ProductId, action, force: force);

        protected override void ProcessRecord()
        {
            var body = new Dictionary<string, object> { ["action"] = Action };
            string what;
            if (ParameterSetName == AssetSet)
            {
                // -AssetId and -AssetType are mandatory in this set, -Text in the other.
                body["asset_item"] = ProductApi.MediaItem(AssetId!, AssetType!.ToUpperInvariant(), AssetOrder);
                what = $"{AssetType.ToUpperInvariant()} asset {AssetId}";
            }
            else
            {
                body["text_item"] = ProductApi.TextItem(Title, Text);
                what = Title != null ? $"text '{Title}'" : "text '" + (Text!.Length > 40 ? Text.Substring(0, 40) + "..." : Text) + "'";
            }
            if (!Confirm($"{ActionText} {what}")) return;
            if (TrySend(new MsRequest(OperationId.SetProductAsset).WithPath("product_id", ProductId).WithBody(body)) != null && !_changed.Contains(ProductId))
                _changed.Add(ProductId);
        }

        protected override void EndProcessing()
        {
            if (!PassThru) return;
            foreach (var id in _changed)
            {
                var shown = TrySend(ProductApi.Show(id));
                if (shown != null) WriteObject(shown.As<MsProduct>());
            }
        }
    }
}
