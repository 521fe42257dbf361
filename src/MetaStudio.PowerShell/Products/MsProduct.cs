using System.Collections.Generic;
using System;
using System.Text.Json.Serialization;
using MetaStudio.PowerShell.Core.Json;
using MetaStudio.PowerShell.Core.Model;
using MetaStudio.PowerShell.Core.Paging;

namespace MetaStudio.PowerShell.Products
{
    /// <summary>A live-room product (ProductDetailInfo): what a streamer sells, with its pictures, videos and selling points.</summary>
    [WireModel("ShowProductResponse", "ProductDetailInfo")]
    public sealed class MsProduct : MsObject
    {
        public string? ProductId { get; set; }
        public string? Name { get; set; }
        public string? Description { get; set; }
        public string[]? Tags { get; set; }
        public MsProductCover? Cover { get; set; }
        public MsProductText[]? TextList { get; set; }
        public MsProductMedia[]? AssetList { get; set; }
        /// <summary>ACTIVED, UNACTIVED, BLOCK or DELETED.</summary>
        public string? State { get; set; }
        [JsonConverter(typeof(LenientTimeConverter))]
        public DateTime? CreateTime { get; set; }
        [JsonConverter(typeof(LenientTimeConverter))]
        public DateTime? UpdateTime { get; set; }

        public override string ToString() => $"{Name} ({ProductId})";
    }

    /// <summary>The product's cover picture (ProductCoverDetailInfo).</summary>
    [WireModel("ProductCoverDetailInfo")]
    public sealed class MsProductCover : MsObject
    {
        public string? AssetId { get; set; }
        public string? CoverUrl { get; set; }
        public string? ThumbnailUrl { get; set; }

        public override string? ToString() => AssetId;
    }

    /// <summary>A titled text of a product (ProductTextInfo), e.g. a selling point the avatar can read.</summary>
    [WireModel("ProductTextInfo")]
    public sealed class MsProductText : MsObject
    {
        public string? Title { get; set; }
        public string? Text { get; set; }

        public override string? ToString() => string.IsNullOrEmpty(Title) ? Text : $"{Title}: {Text}";
    }

    /// <summary>An image, video or audio asset of a product (ProductMediaDetailInfo).</summary>
    [WireModel("ProductMediaDetailInfo")]
    public sealed class MsProductMedia : MsObject
    {
        public string? AssetId { get; set; }
        /// <summary>IMAGE, VIDEO or AUDIO.</summary>
        public string? AssetType { get; set; }
        /// <summary>Position among the product's assets; 0 or none means in the order they were added.</summary>
        public int? Order { get; set; }
        public string? AssetName { get; set; }
        public string? AssetState { get; set; }
        public string? CoverUrl { get; set; }
        public string? ThumbnailUrl { get; set; }
        public string? MainUrl { get; set; }

        public override string ToString() => $"{AssetType} {AssetId}";
    }

    [WireModel("ListProductsResponse")]
    internal sealed class ProductList : IListPage<MsProduct>
    {
        public int? Count { get; set; }
        public MsProduct[]? Products { get; set; }
        IList<MsProduct>? IListPage<MsProduct>.Items => Products;
    }
}
