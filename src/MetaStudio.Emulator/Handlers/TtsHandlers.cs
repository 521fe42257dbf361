using System;
using System.IO;
using System.Text;
using System.Text.Json.Nodes;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.Emulator.Infrastructure;
using MetaStudio.Emulator.Obs;
using MetaStudio.Emulator.State;

namespace MetaStudio.Emulator.Handlers
{
    /// <summary>
    /// TTS previews. A job's audio is ready after EmulatorOptions.TtsTime: a real WAV (16 kHz mono PCM,
    /// a short tone) served by the OBS stand-in at /obs-download/tts/{job_id}.wav once ready.
    /// Text containing "TTSFAIL" makes a job whose file answer is an error code that never completes.
    /// </summary>
    internal sealed class TtsHandlers : IHandlerGroup
    {
        private const string DownloadKey = "tts";
        public const string FailMarker = "TTSFAIL";
        public const string FailCode = "MSS.00010008";

        public void Register(EmulatorHost host)
        {
            var state = host.State;
            state.RegisterVideoClear();

            host.Handlers.Add(OperationId.CreateTtsAudition, r =>
            {
                var body = r.Json() ?? throw EmuError.BadRequest("MSS.00000002", "The request body is empty.");
                var text = Wire.Str(body["text"]);
                if (string.IsNullOrWhiteSpace(text)) throw EmuError.Invalid("text is required.");
                if (string.IsNullOrEmpty(Wire.Str(body["emotion"]))) throw EmuError.Invalid("emotion is required.");
                foreach (var (name, min, max) in new[] { ("speed", 50, 200), ("pitch", 50, 200), ("volume", 90, 240) })
                {
                    if (body[name] == null) continue;
                    var v = Wire.Num(body[name]);
                    if (v is null || v < min || v > max) throw EmuError.Invalid($"{name} must be {min} to {max}.");
                }
                var job = new TtsJobRecord { ProjectId = r.ProjectId, ReadyAt = host.Now + host.Options.TtsTime, Audio = Wav(text.Length),
                    Failed = text.Contains(FailMarker, StringComparison.Ordinal) };
                state.TtsJobs[job.JobId] = job;
                return EmuResponse.Ok(new JsonObject { ["job_id"] = job.JobId });
            });

            host.Handlers.Add(OperationId.ShowTtsAuditionFile, r =>
            {
                var id = r.Path("job_id");
                if (!state.TtsJobs.TryGetValue(id, out var job) || job.ProjectId != r.ProjectId)
                    throw EmuError.NotFound("MSS.00000003", $"The TTS job '{id}' does not exist.");
                if (job.Failed)
                    return EmuResponse.Ok(new JsonObject
                    {
                        ["is_file_complete"] = false, ["code"] = FailCode, ["message"] = "Speech synthesis failed for this text.", ["files"] = new JsonArray(),
                    });
                var complete = host.Now >= job.ReadyAt;
                var files = new JsonArray();
                if (complete) files.Add(new JsonObject { ["download_url"] = host.Obs.DownloadUrl(DownloadKey, job.JobId + ".wav") });
                return EmuResponse.Ok(new JsonObject
                {
                    ["is_file_complete"] = complete,
                    ["code"] = complete ? "0" : "1",
                    ["message"] = complete ? "success" : "processing",
                    ["files"] = files,
                });
            });

            host.Obs.Publish(DownloadKey, key => state.TtsJobs.TryGetValue(Path.GetFileNameWithoutExtension(key), out var job) && host.Now >= job.ReadyAt
                ? new ObsObject(job.Audio, "audio/wav") : null);
        }

        /// <summary>A valid RIFF/WAVE file: 16-bit mono PCM at 16 kHz, a 440 Hz tone whose length follows the text.</summary>
        internal static byte[] Wav(int textLength)
        {
            const int rate = 16000;
            var samples = rate * Math.Clamp(textLength, 4, 40) / 40; // 0.1 to 1 second
            using var ms = new MemoryStream();
            using var w = new BinaryWriter(ms, Encoding.ASCII);
            w.Write(Encoding.ASCII.GetBytes("RIFF"));
            w.Write(36 + samples * 2);
            w.Write(Encoding.ASCII.GetBytes("WAVE"));
            w.Write(Encoding.ASCII.GetBytes("fmt "));
            w.Write(16);
            w.Write((short)1);      // PCM
            w.Write((short)1);      // mono
            w.Write(rate);
            w.Write(rate * 2);      // byte rate
            w.Write((short)2);      // block align
            w.Write((short)16);     // bits per sample
            w.Write(Encoding.ASCII.GetBytes("data"));
            w.Write(samples * 2);
            for (var i = 0; i < samples; i++) w.Write((short)(Math.Sin(2 * Math.PI * 440 * i / rate) * 8000));
            w.Flush();
            return ms.ToArray();
        }
    }
}
