using MetaStudio.PowerShell.Core.Model;

namespace MetaStudio.PowerShell.Assets
{
    /// <summary>One entry of ListAssetSummary (DigitalAssetSummary).</summary>
    [WireModel("DigitalAssetSummary")]
    public sealed class MsAssetSummary : MsObject
    {
        public string? AssetId { get; set; }
        public string? AssetName { get; set; }
        public string? AssetType { get; set; }
        public string? AssetState { get; set; }
        public string? BlockReasonCode { get; set; }
        public string? CoverUrl { get; set; }
        public string? ThumbnailUrl { get; set; }
    }
}
