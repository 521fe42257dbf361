using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace MetaStudio.Emulator.State
{
    /// <summary>A livestreaming task: its state moves on timers (WAITING → PROCESSING → stopped or failed), under Sync.</summary>
    public sealed class LiveJobRecord
    {
        public string JobId { get; init; } = EmulatorState.NewId();
        public long Sequence { get; init; } = EmulatorState.NextSequence();
        public string? ProjectId { get; init; }
        public required string RoomId { get; init; }
        public string? RoomName { get; init; }
        public required JsonObject Request { get; init; }
        public DateTimeOffset CreateTime { get; init; } = DateTimeOffset.UtcNow;
        public string State { get; set; } = "WAITING";
        public DateTimeOffset LastUpdateTime { get; set; } = DateTimeOffset.UtcNow;
        public DateTimeOffset? StartTime { get; set; }
        public DateTimeOffset? EndTime { get; set; }
        public JsonObject? ErrorInfo { get; set; }
        /// <summary>The live event report key and its expiry (epoch ms) last handed out.</summary>
        public string? AuthKey { get; set; }
        public long ExpiresTime { get; set; }
        /// <summary>Every command sent, as {command, params}.</summary>
        public List<JsonObject> Commands { get; } = new();
        /// <summary>Every reported event, as sent.</summary>
        public List<JsonObject> Events { get; } = new();
        public object Sync { get; } = new();

        public bool IsActive => State is "WAITING" or "PROCESSING";
    }

    public sealed partial class EmulatorState
    {
        public ConcurrentDictionary<string, LiveJobRecord> LiveJobs { get; } = new();
    }
}
