using System.Collections.Generic;
using System;
using System.Text.Json;
using System.Text.Json.Serialization;
using MetaStudio.PowerShell.Core.Json;
using MetaStudio.PowerShell.Core.Model;
using MetaStudio.PowerShell.Core.Paging;
using MetaStudio.PowerShell.LiveRooms;
using MetaStudio.PowerShell.Video;

namespace MetaStudio.PowerShell.LiveTasks
{
    /// <summary>A livestreaming task of a live room (SmartLiveJob); Start-MsLiveTask adds what only the start answer carries.</summary>
    [WireModel("ShowSmartLiveResponse", "SmartLiveJob", "StartSmartLiveResponse")]
    public sealed class MsLiveTask : MsObject
    {
        /// <summary>States after which a live task never changes again.</summary>
        internal static readonly string[] TerminalStates = { "SUCCEED", "FAILED", "BLOCKED" };

        public string? JobId { get; set; }
        public string? RoomId { get; set; }
        public string? RoomName { get; set; }
        /// <summary>WAITING, PROCESSING (on air), SUCCEED, FAILED or BLOCKED.</summary>
        public string? State { get; set; }
        /// <summary>Seconds the task ran.</summary>
        public double? Duration { get; set; }
        [JsonConverter(typeof(LenientTimeConverter))]
        public DateTime? StartTime { get; set; }
        [JsonConverter(typeof(LenientTimeConverter))]
        public DateTime? EndTime { get; set; }
        public MsErrorInfo? ErrorInfo { get; set; }
        [JsonConverter(typeof(LenientTimeConverter))]
        public DateTime? CreateTime { get; set; }
        [JsonPropertyName("lastupdate_time")]
        [JsonConverter(typeof(LenientTimeConverter))]
        public DateTime? LastUpdateTime { get; set; }
        public MsRtcRoomInfo? RtcRoomInfo { get; set; }
        /// <summary>Where viewers' comments and other events are reported (Send-MsLiveEvent reads its key from here).</summary>
        public string? LiveEventReportUrl { get; set; }
        public MsLiveEventCallbackConfig? LiveEventCallbackConfig { get; set; }
        /// <summary>Seconds the stream was pushed.</summary>
        public double? StreamDuration { get; set; }
        public string? BlockReason { get; set; }
        public string? CoverUrl { get; set; }
        /// <summary>PERIOD, ONDEMAND, ONE_TIME or UNKNOW.</summary>
        public string? UsedResourceType { get; set; }
        /// <summary>Risks the start answer warned about (LiveWarningItem).</summary>
        public MsLiveWarning[]? LiveWarningInfo { get; set; }
        /// <summary>Hours the task may run (0 = unlimited); only the start answer carries it.</summary>
        public int? LimitDuration { get; set; }

        [JsonIgnore]
        public bool IsFinished => State != null && Array.IndexOf(TerminalStates, State) >= 0;

        [JsonIgnore]
        public bool IsLive => State == "PROCESSING";

        /// <summary>Fills what the start answer knew and the read-back does not repeat.</summary>
        internal MsLiveTask MergeStart(MsLiveTask? started, string? roomId)
        {
            if (started != null)
            {
                RtcRoomInfo = RtcRoomInfo ?? started.RtcRoomInfo;
                LiveEventReportUrl = LiveEventReportUrl ?? started.LiveEventReportUrl;
                LiveEventCallbackConfig = LiveEventCallbackConfig ?? started.LiveEventCallbackConfig;
                LiveWarningInfo = LiveWarningInfo ?? started.LiveWarningInfo;
                LimitDuration = LimitDuration ?? started.LimitDuration;
            }
            RoomId = RoomId ?? roomId;
            return this;
        }

        public override string ToString() => $"{JobId} {State}";
    }

    /// <summary>The RTC room a live task streams through (RtcRoomInfo).</summary>
    [WireModel("RTCRoomInfoList")]
    public sealed class MsRtcRoomInfo : MsObject
    {
        public string? AppId { get; set; }
        public string? RoomId { get; set; }
        public MsRtcUser[]? Users { get; set; }

        public override string? ToString() => RoomId;
    }

    /// <summary>A user of the RTC room (RtcUserInfo): CAPTURE, ANIMATION, RENDER or PLAYER.</summary>
    [WireModel("RTCUserInfo")]
    public sealed class MsRtcUser : MsObject
    {
        public string? UserType { get; set; }
        public string? UserId { get; set; }
        public string? Signature { get; set; }
        /// <summary>Until when the signature is valid (local time; epoch seconds on the wire).</summary>
        [JsonConverter(typeof(LenientTimeConverter))]
        public DateTime? Ctime { get; set; }

        public override string ToString() => $"{UserType} {UserId}";
    }

    /// <summary>A risk of the live task (LiveWarningItem), e.g. TOO_LESSS_SCRIPT_ITEMS or RANDOM_PLAY_CLOSED.</summary>
    [WireModel("LiveWarningItem")]
    public sealed class MsLiveWarning : MsObject
    {
        public string? WarningType { get; set; }

        public override string? ToString() => WarningType;
    }

    /// <summary>The answer to a live command: Result is the service's result text, parsed when it is JSON.</summary>
    [WireModel("ExecuteSmartLiveCommandResponse")]
    public sealed class MsLiveCommandResult : MsObject
    {
        public string? CommandId { get; set; }
        public string? Command { get; set; }

        [JsonPropertyName("result")]
        [JsonInclude]
        internal JsonElement? RawResult { get; set; }

        /// <summary>The result: objects when the service answered JSON, else its text.</summary>
        [JsonIgnore]
        public object? Result
        {
            get
            {
                if (!RawResult.HasValue) return null;
                var raw = RawResult.Value;
                if (raw.ValueKind != JsonValueKind.String) return MsJson.ToPowerShell(raw);
                var text = raw.GetString() ?? "";   // a JSON string's text is never null
                var trimmed = text.TrimStart();
                if (trimmed.Length == 0 || (trimmed[0] != '{' && trimmed[0] != '[')) return text;
                try
                {
                    using (var doc = JsonDocument.Parse(text)) return MsJson.ToPowerShell(doc.RootElement.Clone());
                }
                catch (JsonException)
                {
                    return text;
                }
            }
        }

        public override string ToString() => $"{Command} {CommandId}";
    }

    [WireModel("ListSmartLiveJobsResponse", "ListSmartLiveResponse")]
    internal sealed class LiveTaskList : IListPage<MsLiveTask>
    {
        public int? Count { get; set; }
        public MsLiveTask[]? SmartLiveJobs { get; set; }
        IList<MsLiveTask>? IListPage<MsLiveTask>.Items => SmartLiveJobs;
    }

    [WireModel("LiveEventReportResponse")]
    internal sealed class LiveEventReportResponse
    {
        public string? LiveEventReportUrl { get; set; }
    }
}
