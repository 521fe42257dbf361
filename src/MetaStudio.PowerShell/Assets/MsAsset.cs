using System;
using System.Management.Automation;
using System.Text.Json;
using System.Text.Json.Serialization;
using MetaStudio.PowerShell.Core.Json;
using MetaStudio.PowerShell.Core.Model;

namespace MetaStudio.PowerShell.Assets
{
    /// <summary>A digital asset (DigitalAssetInfo).</summary>
    [WireModel("ShowAssetResponse", "DigitalAssetInfo", "UpdateDigitalAssetResponse")]
    public sealed class MsAsset : MsObject
    {
        public string? AssetId { get; set; }
        public string? AssetName { get; set; }
        public string? AssetType { get; set; }
        public string? AssetState { get; set; }
        public string? AssetDescription { get; set; }
        public string[]? Tags { get; set; }
        /// <summary>Creation time, UTC (read leniently: one odd format must not make the whole asset unreadable).</summary>
        [JsonConverter(typeof(LenientTimeConverter))]
        public DateTime? CreateTime { get; set; }

        [JsonConverter(typeof(LenientTimeConverter))]
        public DateTime? UpdateTime { get; set; }
        public string? ProjectId { get; set; }
        public string? ProduceId { get; set; }
        public string? AppUserId { get; set; }
        public string? FailType { get; set; }
        public string? BlockReasonCode { get; set; }
        public string? Reason { get; set; }
        public int? AssetOrder { get; set; }
        public string[]? SupportedService { get; set; }
        public MsAssetFileInfo[]? Files { get; set; }

        [JsonPropertyName("asset_extra_meta")]
        [JsonInclude]
        internal JsonElement? ExtraMetaJson { get; set; }

        [JsonPropertyName("system_properties")]
        [JsonInclude]
        internal JsonElement? SystemPropertiesJson { get; set; }

        [JsonPropertyName("auto_operation_config")]
        [JsonInclude]
        internal JsonElement? AutoOperationConfigJson { get; set; }

        /// <summary>Type-specific metadata, as PowerShell objects.</summary>
        [JsonIgnore]
        public object? AssetExtraMeta => AsPowerShell(ExtraMetaJson);

        [JsonIgnore]
        public object? SystemProperties => AsPowerShell(SystemPropertiesJson);

        [JsonIgnore]
        public object? AutoOperationConfig => AsPowerShell(AutoOperationConfigJson);

        private static object? AsPowerShell(JsonElement? e) => e.HasValue ? MsJson.ToPowerShell(e.Value) : null;

        public override string? ToString() => AssetId;
    }

    /// <summary>A file of an asset as ShowAsset lists it (AssetFileInfo).</summary>
    [WireModel("AssetFileInfo")]
    public sealed class MsAssetFileInfo : MsObject
    {
        public string? FileId { get; set; }
        public string? FileName { get; set; }
        public string? AssetFileCategory { get; set; }
        public long? FileSize { get; set; }
        public string? FileMd5 { get; set; }
        public string? FileType { get; set; }
        public string? State { get; set; }
        /// <summary>Signed URL, valid for 24 hours after the asset was read.</summary>
        public string? DownloadUrl { get; set; }
        public string? BlockReasonCode { get; set; }
        public string? Reason { get; set; }

        public override string? ToString() => FileName;
    }
}
