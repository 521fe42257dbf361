using System;
using System.Text.Json.Serialization;
using MetaStudio.PowerShell.Core.Json;
using MetaStudio.PowerShell.Core.Model;

namespace MetaStudio.PowerShell.Assets
{
    /// <summary>
    /// What ShowAssetReplicationInfo returns and CreateAssetByReplicationInfo takes back verbatim:
    /// a sealed copy of an asset that another account can import until it expires.
    /// </summary>
    [WireModel("ShowAssetReplicationInfoResponse", "ReplicationAssetInfo")]
    public sealed class MsAssetReplicationInfo : MsObject
    {
        public string? AssetId { get; set; }
        /// <summary>The encrypted asset; opaque to the client.</summary>
        public string? AssetInfo { get; set; }
        public MsEncryptionInfo? EncryptionInfo { get; set; }
        /// <summary>When the info stops working (local time); on the wire epoch milliseconds, sent back unchanged.</summary>
        [JsonConverter(typeof(EpochMillisecondsConverter))]
        public DateTime? ExpireTime { get; set; }
    }

    /// <summary>How AssetInfo is encrypted (encryption_info).</summary>
    [WireModel("ReplicationEncInfo")]
    public sealed class MsEncryptionInfo : MsObject
    {
        public string? Algorithm { get; set; }
        public string? KeyId { get; set; }
        public string? Iv { get; set; }
    }
}
