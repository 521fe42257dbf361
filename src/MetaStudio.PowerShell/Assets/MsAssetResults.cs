namespace MetaStudio.PowerShell.Assets
{
    /// <summary>The outcome of Copy-MsAsset (the service answers with no body).</summary>
    public sealed class MsAssetCopyResult
    {
        public string? SourceAssetId { get; set; }
        public string? Region { get; set; }
        public string? RequestId { get; set; }
    }

    /// <summary>The outcome of one asset in Remove/Restore/Enable/Disable-MsAsset -PassThru.</summary>
    public sealed class MsAssetActionResult
    {
        public string? AssetId { get; set; }
        public string? Action { get; set; }
        public string? Status { get; set; }
    }
}
