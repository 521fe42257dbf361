using System.Collections.Generic;
using System;
using System.Text.Json.Serialization;
using MetaStudio.PowerShell.Core.Json;
using MetaStudio.PowerShell.Core.Model;
using MetaStudio.PowerShell.Core.Paging;
using MetaStudio.PowerShell.Video;

namespace MetaStudio.PowerShell.LiveRooms
{
    /// <summary>An intelligent live room: its scenes, interaction rules and output settings, and its last live task.</summary>
    [WireModel("ShowSmartLiveRoomResponse", "SmartLiveRoomBaseInfo", "UpdateSmartLiveRoomResponse")]
    public sealed class MsLiveRoom : MsObject
    {
        public string? RoomId { get; set; }
        public string? RoomName { get; set; }
        public string? RoomType { get; set; }
        public string? RoomState { get; set; }
        public string? RoomDescription { get; set; }
        public string? CoverUrl { get; set; }
        public string? Thumbnail { get; set; }
        public string? ViewMode { get; set; }
        public MsLiveModelInfo[]? ModelInfos { get; set; }
        public MsLiveSceneScript[]? SceneScripts { get; set; }
        public MsInteractionRule[]? InteractionRules { get; set; }
        public MsPlayPolicy? PlayPolicy { get; set; }
        public MsVideoConfig? VideoConfig { get; set; }
        public string[]? OutputUrls { get; set; }
        public string[]? BackupModelAssetIds { get; set; }
        public MsLiveEventCallbackConfig? LiveEventCallbackConfig { get; set; }
        public MsErrorInfo? ErrorInfo { get; set; }
        public string? PrivData { get; set; }
        [JsonConverter(typeof(LenientTimeConverter))]
        public DateTime? CreateTime { get; set; }
        [JsonConverter(typeof(LenientTimeConverter))]
        public DateTime? UpdateTime { get; set; }
        [JsonConverter(typeof(LenientTimeConverter))]
        public DateTime? LastJobStartTime { get; set; }
        [JsonConverter(typeof(LenientTimeConverter))]
        public DateTime? LastJobEndTime { get; set; }
        public string? LastJobStatus { get; set; }

        // A stream key lets anyone push to the channel, so it stays out of what PowerShell shows and formats.
        [JsonInclude]
        internal string[]? StreamKeys { get; set; }

        /// <summary>How many stream keys the room holds (the keys themselves are not shown).</summary>
        [JsonIgnore]
        public int StreamKeyCount => StreamKeys?.Length ?? 0;

        public override string ToString() => $"{RoomName} ({RoomId})";
    }

    /// <summary>The avatar of a room (ModelInfo).</summary>
    [WireModel("ModelInfo")]
    public sealed class MsLiveModelInfo : MsObject
    {
        public string? ModelAssetId { get; set; }
        public string? AssetName { get; set; }
        public string[]? BackupModelAssetIds { get; set; }

        public override string? ToString() => AssetName ?? ModelAssetId;
    }

    /// <summary>One scene of a room (LiveVideoScriptInfo): who speaks, with which voice, what.</summary>
    [WireModel("LiveVideoScriptInfo")]
    public sealed class MsLiveSceneScript : MsObject
    {
        public string? ScriptId { get; set; }
        public string? ScriptName { get; set; }
        public string? ScriptDescription { get; set; }
        public string? ModelAssetId { get; set; }
        public MsVoiceConfig? VoiceConfig { get; set; }
        public MsLiveShootScript[]? ShootScripts { get; set; }

        public override string? ToString() => ScriptName;
    }

    /// <summary>One numbered paragraph of a scene (LiveShootScriptItem); Text is a shortcut to its text.</summary>
    [WireModel("LiveShootScriptItem")]
    public sealed class MsLiveShootScript : MsObject
    {
        public int? SequenceNo { get; set; }
        public string? Title { get; set; }
        public MsTextConfig? TextConfig { get; set; }

        [JsonIgnore]
        public string? Text => TextConfig?.Text;

        public override string ToString() => $"{SequenceNo}: {Text}";
    }

    /// <summary>How a room plays its scenes (PlayPolicy).</summary>
    [WireModel("PlayPolicy")]
    public sealed class MsPlayPolicy : MsObject
    {
        public int? RepeatCount { get; set; }
        public bool? AutoPlayScript { get; set; }
        public string? PlayMode { get; set; }
        public string? RandomPlayMode { get; set; }
    }

    /// <summary>Where the service reports live events (LiveEventCallBackConfig); the signing key is not modelled.</summary>
    [WireModel("LiveEventCallBackConfig", "LiveRoomEventCallBackConfig")]
    public sealed class MsLiveEventCallbackConfig : MsObject
    {
        public string? LiveEventTypeCallbackUrl { get; set; }
        public string? AuthType { get; set; }
        public string[]? CallbackEventType { get; set; }

        public override string? ToString() => LiveEventTypeCallbackUrl;
    }

    [WireModel("ListSmartLiveRoomsResponse")]
    internal sealed class LiveRoomList : IListPage<MsLiveRoom>
    {
        public int? Count { get; set; }
        public MsLiveRoom[]? SmartLiveRooms { get; set; }
        IList<MsLiveRoom>? IListPage<MsLiveRoom>.Items => SmartLiveRooms;
    }
}
