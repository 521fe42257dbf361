using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Errors;

namespace MetaStudio.PowerShell.Products
{
    /// <summary>
    /// The product fields New-MsProduct and Set-MsProduct share, turned into body fields with one check
    /// of everything before a request is sent.
    /// </summary>
    public abstract class ProductContentCmdlet : MsCmdlet
    {
        private protected ProductContentCmdlet() { } // derived only by this module's own classes
        [Parameter]
        [AllowEmptyString]
        public string? Description { get; set; }

        /// <summary>Up to 50 tags of at most 16 bytes (UTF-8) each.</summary>
        [Parameter]
        [AllowEmptyCollection]
        public string[]? Tag { get; set; }

        /// <summary>Image asset shown as the product's cover (otherwise the service uses the first image).</summary>
        [Parameter]
        [ValidateMsId]
        public string? CoverAssetId { get; set; }

        /// <summary>Texts (text_list): strings, or hashtables/objects with Title and Text (e.g. a product's TextList).</summary>
        [Parameter]
        [AllowEmptyCollection]
        public object[]? Text { get; set; }

        /// <summary>Assets (asset_list): MsAsset objects, a product's AssetList, or hashtables with asset_id, asset_type and order.</summary>
        [Parameter]
        [AllowEmptyCollection]
        public object[]? Asset { get; set; }

        /// <summary>The body fields the content parameters give, or null after writing an error for bad input.</summary>
        private protected Dictionary<string, object?>? TryBuildContent(object target)
        {
            var fields = new Dictionary<string, object?>();
            try
            {
                var tagProblem = ProductApi.CheckTags(Tag);
                if (tagProblem != null) throw new ArgumentException(tagProblem);
                if (Description != null) fields["description"] = Description;
                if (Tag != null) fields["tags"] = Tag;
                if (CoverAssetId != null) fields["cover"] = new Dictionary<string, object> { ["asset_id"] = CoverAssetId };
                if (Text != null) fields["text_list"] = Named(nameof(Text), () => Text.Select(ProductApi.ReadText).ToList());
                if (Asset != null) fields["asset_list"] = Named(nameof(Asset), () => Asset.Select(ProductApi.ReadAsset).ToList());
            }
            catch (ArgumentException ex)
            {
                WriteError(ErrorRecords.InvalidInput(ex.Message, target));
                return null;
            }
            return fields;
        }

        // An item that cannot be read is named by the parameter it came in.
        private static T Named<T>(string parameter, Func<T> read)
        {
            try
            {
                return read();
            }
            catch (ArgumentException ex)
            {
                throw new ArgumentException($"-{parameter}: {ex.Message}", ex);
            }
        }
    }
}
