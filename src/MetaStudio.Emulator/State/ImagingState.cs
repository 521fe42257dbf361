using System;
using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace MetaStudio.Emulator.State
{
    /// <summary>
    /// An avatar (2D) model training job. WAIT_FILE_UPLOAD until SUBMITVERIFYING; after that its state
    /// follows from the clock (AUTO_VERIFYING, TRAINING, then the end state), so nothing runs in the background.
    /// </summary>
    public sealed class TrainingJobRecord
    {
        public string JobId { get; init; } = EmulatorState.NewId();
        public long Sequence { get; init; } = EmulatorState.NextSequence();
        public string? ProjectId { get; init; }
        public string? AppUserId { get; init; }
        public DateTimeOffset CreateTime { get; init; } = DateTimeOffset.UtcNow;
        public DateTimeOffset UpdateTime { get; set; } = DateTimeOffset.UtcNow;
        /// <summary>The body of the last create or update.</summary>
        public JsonObject Fields { get; set; } = new();
        public string? Name => Fields["name"]?.GetValue<string>();
        /// <summary>How many parts the training video is uploaded in (one URL each).</summary>
        public int VideoParts { get; set; } = 1;
        /// <summary>Bytes received, by slot ("training_video/0", "cover", ...).</summary>
        public ConcurrentDictionary<string, byte[]> Uploads { get; } = new();
        public DateTimeOffset? SubmittedAt { get; set; }
        public TimeSpan Verifying { get; set; }
        public TimeSpan Training { get; set; }
        /// <summary>Ends TRAIN_FAILED instead of JOB_SUCCESS.</summary>
        public bool WillFail { get; set; }
        /// <summary>Stops in WAIT_USER_CONFIRM after verification.</summary>
        public bool WaitsForConfirm { get; set; }
        public string? AssetId { get; set; }
        public object Sync { get; } = new();

        public DateTimeOffset? VerifiedAt => SubmittedAt + Verifying;
        public DateTimeOffset? EndTime => SubmittedAt + Verifying + Training;

        public bool VideoUploaded
        {
            get
            {
                for (var i = 0; i < VideoParts; i++)
                    if (!Uploads.ContainsKey("training_video/" + i)) return false;
                return true;
            }
        }

        public string StateAt(DateTimeOffset now)
        {
            if (SubmittedAt == null) return "WAIT_FILE_UPLOAD";
            if (now < VerifiedAt) return "AUTO_VERIFYING";
            if (WaitsForConfirm) return "WAIT_USER_CONFIRM";
            if (now < EndTime) return "TRAINING";
            return WillFail ? "TRAIN_FAILED" : "JOB_SUCCESS";
        }
    }

    public sealed partial class EmulatorState
    {
        public ConcurrentDictionary<string, TrainingJobRecord> TrainingJobs { get; } = new();
    }
}
