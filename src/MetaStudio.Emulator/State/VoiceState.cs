using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace MetaStudio.Emulator.State
{
    /// <summary>
    /// A voice training job. CREATING until committed; after that its state follows from the clock
    /// (SYSTEM_AUDITING, then AUDIT_FAILED or PROCESSING, then the end state), so nothing runs in the background.
    /// </summary>
    public sealed class VoiceJobRecord
    {
        public string JobId { get; init; } = EmulatorState.NewId();
        public long Sequence { get; init; } = EmulatorState.NextSequence();
        public string? ProjectId { get; init; }
        public string? AppUserId { get; init; }
        /// <summary>BASIC, MIDDLE or ADVANCE.</summary>
        public string? JobType { get; init; }
        public DateTimeOffset CreateTime { get; init; } = DateTimeOffset.UtcNow;
        public DateTimeOffset UpdateTime { get; set; } = DateTimeOffset.UtcNow;
        /// <summary>The create body, with commit fields written over it.</summary>
        public JsonObject Fields { get; set; } = new();
        public string? VoiceName => Fields["voice_name"]?.GetValue<string>();
        public string? BatchName { get; set; }
        public int Segments { get; init; }
        /// <summary>Bytes received, by slot ("package", "audio/0", "txt/0", "authorization_letter").</summary>
        public ConcurrentDictionary<string, byte[]> Uploads { get; } = new();
        public DateTimeOffset? CommittedAt { get; set; }
        public int Commits { get; set; }
        public TimeSpan Auditing { get; set; }
        public TimeSpan Processing { get; set; }
        /// <summary>The first commit's review fails (AUDIT_FAILED).</summary>
        public bool RejectFirst { get; set; }
        public bool WillFail { get; set; }
        public bool NeedsReview { get; set; }
        public string? AssetId { get; set; }
        public SortedSet<int> Confirmed { get; } = new();
        /// <summary>What users did, in order; system steps are derived from the timestamps.</summary>
        public List<(DateTimeOffset At, string Type, string? Description)> UserLogs { get; } = new();
        public object Sync { get; } = new();

        public DateTimeOffset? AuditedAt => CommittedAt + Auditing;
        public DateTimeOffset? EndTime => CommittedAt + Auditing + Processing;
        public bool Rejected => RejectFirst && Commits == 1;

        public IEnumerable<int> UploadedSegments => Enumerable.Range(0, Segments)
            .Where(i => Uploads.ContainsKey("audio/" + i) && Uploads.ContainsKey("txt/" + i));

        public bool HasData => Uploads.ContainsKey("package") || UploadedSegments.Any();

        public string StateAt(DateTimeOffset now)
        {
            if (CommittedAt == null) return "CREATING";
            if (now < AuditedAt) return "SYSTEM_AUDITING";
            if (Rejected) return "AUDIT_FAILED";
            if (now < EndTime) return "PROCESSING";
            return WillFail ? "FAILED" : NeedsReview ? "USER_RESULT_REVIEW" : "SUCCEED";
        }
    }

    public sealed partial class EmulatorState
    {
        public ConcurrentDictionary<string, VoiceJobRecord> VoiceJobs { get; } = new();
    }
}
