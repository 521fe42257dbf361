using MetaStudio.PowerShell.Core.Model;

namespace MetaStudio.PowerShell.Assets
{
    /// <summary>One entry of ListAssetSummary.</summary>
    public sealed class MsAssetSummary : MsObject
    {
        public string AssetId { get; set; }
        public string AssetName { get; set; }
        public string AssetType { get; set; }
        public string CoverUrl { get; set; }
    }
}
