using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Json;
using MetaStudio.PowerShell.Core.Spec;
using System.Text.Json.Nodes;

namespace MetaStudio.PowerShell.Products
{
    /// <summary>
    /// Requests and body pieces shared by the product cmdlets. The Read* methods turn what a user passes
    /// (hashtables, PSCustomObjects, MsAsset or MsProductMedia objects, plain strings) into the wire shape
    /// and throw ArgumentException with a message naming the bad item, so cmdlets can reject input before sending.
    /// </summary>
    internal static class ProductApi
    {
        /// <summary>The asset types a product takes (the official ProductMediaInfo.asset_type).</summary>
        public static IReadOnlyList<string> MediaTypes => ApiSpec.Bundled.Models["ProductMediaInfo"].Fields?["asset_type"].Enum
            ?? throw new InvalidOperationException("The API spec lists no asset types for ProductMediaInfo.");
        public const int MaxTags = 50;
        public const int MaxTagBytes = 16;

        public static MsRequest Show(string productId) => new MsRequest(OperationId.ShowProduct).WithPath("product_id", productId);

        public static readonly Resource<MsProduct> Products = new Resource<MsProduct>("product", Show, p => p.Name);

        public static async Task<MsProduct> ShowAsync(MsClient client, string productId, CallContext ctx)
            => (await client.SendAsync(Show(productId), ctx).ConfigureAwait(false)).AsRequired<MsProduct>();

        /// <summary>Null when the tags are acceptable, else what is wrong with them.</summary>
        public static string? CheckTags(string[]? tags)
        {
            if (tags == null) return null;
            if (tags.Length > MaxTags) return $"A product takes at most {MaxTags} tags, not {tags.Length}.";
            foreach (var tag in tags)
            {
                if (string.IsNullOrEmpty(tag)) return "A tag cannot be empty.";
                var bytes = Encoding.UTF8.GetByteCount(tag);
                if (bytes > MaxTagBytes) return $"The tag '{tag}' is {bytes} bytes in UTF-8; a tag is at most {MaxTagBytes} bytes.";
            }
            return null;
        }

        /// <summary>One asset_item / asset_list entry from an MsAsset, MsProductMedia, hashtable or object.</summary>
        public static Dictionary<string, object> ReadAsset(object item)
        {
            var id = Text(Property(item, "AssetId", "asset_id"));
            if (!ValidateMsIdAttribute.IsValid(id)) throw new ArgumentException($"Asset item '{Describe(item)}' has no valid AssetId (asset_id).");
            var type = Text(Property(item, "AssetType", "asset_type"))?.ToUpperInvariant();
            return MediaItem(id, type, ToOrder(Property(item, "Order", "order"), id));
        }

        public static Dictionary<string, object> MediaItem(string assetId, string? assetType, int? order)
        {
            if (assetType == null || !MediaTypes.Contains(assetType))
                throw new ArgumentException($"Asset {assetId} is of type '{assetType}'; a product takes only IMAGE, VIDEO or AUDIO assets.");
            var entry = new Dictionary<string, object> { ["asset_id"] = assetId, ["asset_type"] = assetType };
            if (order.HasValue) entry["order"] = order.Value;
            return entry;
        }

        /// <summary>One text_item / text_list entry: a string is a text without a title; objects give Title and Text.</summary>
        public static Dictionary<string, object> ReadText(object item)
        {
            var baseObject = item is PSObject pso ? pso.BaseObject : item;
            if (baseObject is string s) return TextItem(null, s);
            return TextItem(Text(Property(item, "Title", "title")), Text(Property(item, "Text", "text")));
        }

        public static Dictionary<string, object> TextItem(string? title, string? text)
        {
            if (text == null || text.Length == 0) throw new ArgumentException($"The product text '{title}' has no text.");
            var entry = new Dictionary<string, object> { ["text"] = text };
            if (title != null && title.Length > 0) entry["title"] = title;
            return entry;
        }

        /// <summary>
        /// The product as an UpdateProduct body. UpdateProduct replaces the whole product, so an update that
        /// should change one field sends back everything else as it is: the product read back, in the update
        /// model's shape (what only the service sets, such as ids, times and URLs, is left out).
        /// </summary>
        public static JsonObject AsUpdateBody(MsResponse shown, IDictionary<string, object?> changes)
        {
            var body = ReadMergeWrite.Merge(shown, OperationId.UpdateProduct, changes);
            // Only ACTIVED and UNACTIVED can be set; BLOCK and DELETED are the service's own.
            var state = JsonNodes.Str(body["state"]);
            if (state != "ACTIVED" && state != "UNACTIVED") body.Remove("state");
            return body;
        }

        private static int? ToOrder(object? value, string? assetId)
        {
            if (value == null) return null;
            if (int.TryParse(Convert.ToString(value, CultureInfo.InvariantCulture), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0) return n;
            throw new ArgumentException($"The order '{value}' of asset {assetId} is not a whole number of 0 or more.");
        }

        private static object? Property(object item, params string[] names)
        {
            var baseObject = item is PSObject pso ? pso.BaseObject : item;
            if (baseObject is IDictionary dict)
            {
                foreach (DictionaryEntry e in dict)
                    if (names.Any(n => string.Equals(n, e.Key?.ToString(), StringComparison.OrdinalIgnoreCase))) return Unwrap(e.Value);
                return null;
            }
            var wrapped = PSObject.AsPSObject(item);
            foreach (var name in names)
            {
                var p = wrapped.Properties[name];
                if (p != null) return Unwrap(p.Value);
            }
            return null;
        }

        private static object Unwrap(object v) => v is PSObject p ? p.BaseObject : v;

        private static string? Text(object? v) => v == null ? null : Convert.ToString(v, CultureInfo.InvariantCulture);

        private static string Describe(object item) => item == null ? "(null)" : PSObject.AsPSObject(item).ToString();
    }
}
