using System.Collections.Generic;
using System;
using System.Text.Json.Serialization;
using MetaStudio.PowerShell.Core.Json;
using MetaStudio.PowerShell.Core.Model;
using MetaStudio.PowerShell.Core.Paging;

namespace MetaStudio.PowerShell.Video
{
    /// <summary>A video production task. AssetId is the produced video's asset, for Get-MsAsset and Save-MsAssetFile.</summary>
    [WireModel("Show2DDigitalHumanVideoResponse", "ShowPhotoDigitalHumanVideoResponse", "DigitalHumanVideo")]
    public sealed class MsVideoTask : MsObject
    {
        /// <summary>States after which a task never changes again.</summary>
        internal static readonly string[] TerminalStates = { "SUCCEED", "FAILED", "CANCELED", "BLOCK" };

        public string? JobId { get; set; }
        /// <summary>WAITING, PROCESSING, SUCCEED, FAILED, CANCELED or BLOCK.</summary>
        public string? State { get; set; }
        public string? JobType { get; set; }
        [JsonConverter(typeof(LenientTimeConverter))]
        public DateTime? StartTime { get; set; }
        [JsonConverter(typeof(LenientTimeConverter))]
        public DateTime? EndTime { get; set; }
        /// <summary>Length of the produced video in seconds.</summary>
        public double? Duration { get; set; }
        public MsOutputAssetInfo? OutputAssetConfig { get; set; }
        public MsErrorInfo? ErrorInfo { get; set; }
        [JsonConverter(typeof(LenientTimeConverter))]
        public DateTime? CreateTime { get; set; }
        [JsonPropertyName("lastupdate_time")]
        [JsonConverter(typeof(LenientTimeConverter))]
        public DateTime? LastUpdateTime { get; set; }
        public string? ScriptId { get; set; }
        public string? ModelAssetId { get; set; }
        public MsVoiceConfig? VoiceConfig { get; set; }
        public MsVideoConfig? VideoConfig { get; set; }
        public MsShootScript[]? ShootScripts { get; set; }

        /// <summary>The produced video's asset id: the service names it when the task is created; the asset is CREATING until the task succeeds.</summary>
        [JsonIgnore]
        public string? AssetId => OutputAssetConfig?.AssetId;

        /// <summary>The produced video's name (-OutputAssetName), which tells tasks apart in tables and messages.</summary>
        [JsonIgnore]
        public string? AssetName => OutputAssetConfig?.AssetName;

        [JsonIgnore]
        public bool IsFinished => State != null && Array.IndexOf(TerminalStates, State) >= 0;

        public override string ToString() => $"{JobId} {State}";
    }

    /// <summary>The asset a task produces (OutputAssetInfo).</summary>
    [WireModel("OutputAssetInfo")]
    public sealed class MsOutputAssetInfo : MsObject
    {
        public string? AssetId { get; set; }
        public string? AssetName { get; set; }
        public string? CoverUrl { get; set; }
        public string? PreviewVideoUrl { get; set; }

        public override string? ToString() => AssetName;
    }

    /// <summary>Why a task failed: the service's code and message.</summary>
    [WireModel("ErrorResponse")]
    public sealed class MsErrorInfo : MsObject
    {
        public string? ErrorCode { get; set; }
        public string? ErrorMsg { get; set; }

        public override string ToString() => $"{ErrorCode}: {ErrorMsg}";
    }

    [WireModel("ListDigitalHumanVideoResponse")]
    internal sealed class VideoTaskList : IListPage<MsVideoTask>
    {
        public int? Count { get; set; }
        public MsVideoTask[]? Jobs { get; set; }
        IList<MsVideoTask>? IListPage<MsVideoTask>.Items => Jobs;
    }

    [WireModel("ListVideoScriptsResponse")]
    internal sealed class VideoScriptList : IListPage<MsVideoScript>
    {
        public int? Count { get; set; }
        public MsVideoScript[]? VideoScripts { get; set; }
        IList<MsVideoScript>? IListPage<MsVideoScript>.Items => VideoScripts;
    }
}
