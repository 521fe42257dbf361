using System;
using System.Text.Json.Serialization;
using MetaStudio.PowerShell.Core.Model;

namespace MetaStudio.PowerShell.Assets
{
    /// <summary>
    /// What ShowAssetReplicationInfo returns and CreateAssetByReplicationInfo takes back verbatim:
    /// a sealed copy of an asset that another account can import until it expires.
    /// </summary>
    public sealed class MsAssetReplicationInfo : MsObject
    {
        public string AssetId { get; set; }
        /// <summary>The encrypted asset; opaque to the client.</summary>
        public string AssetInfo { get; set; }
        public MsEncryptionInfo EncryptionInfo { get; set; }
        /// <summary>Expiry as the service sends it: epoch milliseconds.</summary>
        public long ExpireTime { get; set; }

        [JsonIgnore]
        public DateTime ExpiresAt => DateTimeOffset.FromUnixTimeMilliseconds(ExpireTime).UtcDateTime;
    }

    public sealed class MsEncryptionInfo : MsObject
    {
        public string Algorithm { get; set; }
        public string KeyId { get; set; }
        public string Iv { get; set; }
    }

    /// <summary>The outcome of Copy-MsAsset (the service answers with no body).</summary>
    public sealed class MsAssetCopyResult
    {
        public string SourceAssetId { get; set; }
        public string Region { get; set; }
        public string RequestId { get; set; }
    }

    /// <summary>The outcome of one asset in Remove/Restore/Enable/Disable-MsAsset -PassThru.</summary>
    public sealed class MsAssetActionResult
    {
        public string AssetId { get; set; }
        public string Action { get; set; }
        public string Status { get; set; }
    }
}
