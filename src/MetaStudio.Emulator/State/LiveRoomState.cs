using System;
using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace MetaStudio.Emulator.State
{
    /// <summary>A live room as stored: the fields of the last create or update body, and its last live task.</summary>
    public sealed class LiveRoomRecord
    {
        public string RoomId { get; init; } = EmulatorState.NewId();
        public string? ProjectId { get; init; }
        public JsonObject Fields { get; set; } = new();
        public DateTimeOffset CreateTime { get; init; } = DateTimeOffset.UtcNow;
        public DateTimeOffset UpdateTime { get; set; } = DateTimeOffset.UtcNow;
        /// <summary>Set by live tasks: the state and window of the room's last task (null = never went live).</summary>
        public string? LastJobStatus { get; set; }
        public DateTimeOffset? LastJobStartTime { get; set; }
        public DateTimeOffset? LastJobEndTime { get; set; }
    }

    /// <summary>An interaction rule library.</summary>
    public sealed class RuleGroupRecord
    {
        public string GroupId { get; init; } = EmulatorState.NewId();
        public string? ProjectId { get; init; }
        public string? GroupName { get; set; }
        public JsonArray Rules { get; set; } = new();
        public DateTimeOffset CreateTime { get; init; } = DateTimeOffset.UtcNow;
        public DateTimeOffset UpdateTime { get; set; } = DateTimeOffset.UtcNow;
    }

    public sealed partial class EmulatorState
    {
        public ConcurrentDictionary<string, LiveRoomRecord> LiveRooms { get; } = new();
        public ConcurrentDictionary<string, RuleGroupRecord> RuleGroups { get; } = new();
    }
}
