using System;
using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace MetaStudio.Emulator.State
{
    /// <summary>A video script as stored: the fields the client sent, merged on update.</summary>
    public sealed class VideoScriptRecord
    {
        public string ScriptId { get; init; } = EmulatorState.NewId();
        public string? ProjectId { get; init; }
        public JsonObject Fields { get; set; } = new();
        public DateTimeOffset CreateTime { get; init; } = DateTimeOffset.UtcNow;
        public DateTimeOffset UpdateTime { get; set; } = DateTimeOffset.UtcNow;
    }

    /// <summary>
    /// A video production task. Its state follows from the clock (WAITING, then PROCESSING, then the
    /// end state), so no background work is needed to move it; Finish runs once when it ends.
    /// </summary>
    public sealed class VideoJobRecord
    {
        public string JobId { get; init; } = EmulatorState.NewId();
        public long Sequence { get; init; } = EmulatorState.NextSequence();
        public string? ProjectId { get; init; }
        public string? AppUserId { get; init; }
        public string? ScriptId { get; init; }
        public string? AssetName { get; init; }
        /// <summary>2D_DIGITAL_HUMAN_VIDEO (from an avatar model) or DIGITAL_HUMAN_PHOTO_VIDEO (from a photo).</summary>
        public string JobType { get; init; } = "2D_DIGITAL_HUMAN_VIDEO";
        public bool IsPhoto => JobType == "DIGITAL_HUMAN_PHOTO_VIDEO";
        public required JsonObject Request { get; init; }
        public DateTimeOffset CreateTime { get; init; } = DateTimeOffset.UtcNow;
        public TimeSpan Waiting { get; init; }
        public TimeSpan Processing { get; init; }
        /// <summary>Ends FAILED with MSS.42000007 instead of SUCCEED.</summary>
        public bool WillFail { get; init; }
        public DateTimeOffset? CanceledAt { get; set; }
        /// <summary>The produced video's asset, named when the task is created (CREATING until it succeeds).</summary>
        public required string OutputAssetId { get; init; }
        public bool CallbackSent { get; set; }
        public object Sync { get; } = new();

        public DateTimeOffset StartTime => CreateTime + Waiting;
        public DateTimeOffset EndTime => CreateTime + Waiting + Processing;

        public string StateAt(DateTimeOffset now)
        {
            if (CanceledAt.HasValue) return "CANCELED";
            if (now < StartTime) return "WAITING";
            if (now < EndTime) return "PROCESSING";
            return WillFail ? "FAILED" : "SUCCEED";
        }
    }

    /// <summary>A TTS preview job; its audio is ready once the clock passes ReadyAt.</summary>
    public sealed class TtsJobRecord
    {
        public string JobId { get; init; } = EmulatorState.NewId();
        public string? ProjectId { get; init; }
        public DateTimeOffset ReadyAt { get; init; }
        public required byte[] Audio { get; init; }
        /// <summary>Synthesis failed (text containing "TTSFAIL"): the file answer carries an error code and never completes.</summary>
        public bool Failed { get; init; }
    }

    public sealed partial class EmulatorState
    {
        public ConcurrentDictionary<string, VideoScriptRecord> VideoScripts { get; } = new();
        public ConcurrentDictionary<string, VideoJobRecord> VideoJobs { get; } = new();
        public ConcurrentDictionary<string, TtsJobRecord> TtsJobs { get; } = new();

        private int _videoClearRegistered;

        /// <summary>Registers emptying of the video tables once (called by the video handler groups).</summary>
        internal void RegisterVideoClear()
        {
            if (System.Threading.Interlocked.Exchange(ref _videoClearRegistered, 1) == 1) return;
            OnClear(() => { VideoScripts.Clear(); VideoJobs.Clear(); TtsJobs.Clear(); });
        }
    }
}
