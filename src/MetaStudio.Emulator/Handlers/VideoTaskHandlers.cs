using System;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.Emulator.Infrastructure;
using MetaStudio.Emulator.State;

namespace MetaStudio.Emulator.Handlers
{
    /// <summary>
    /// 2D avatar video tasks and their list. A task is WAITING for EmulatorOptions.JobWaitingTime, then
    /// PROCESSING for JobProcessingTime, then SUCCEED with a new VIDEO asset holding an MP4 file.
    /// Test markers in output_asset_config.asset_name (upper case): "FAIL" ends the task FAILED with
    /// error_info MSS.42000007; "SLOW" keeps it PROCESSING for ten minutes; "QUEUED" keeps it WAITING
    /// for ten minutes (so it can be cancelled however slow the machine). Only WAITING tasks can be
    /// cancelled (else 400 MSS.00000003). A callback_config is honoured for loopback URLs only: when the
    /// task ends, {result, asset_id, job_id} is POSTed there, signed as the service does for MSS_A.
    /// </summary>
    internal sealed class VideoTaskHandlers : IHandlerGroup
    {
        public const string FailMarker = "FAIL";
        public const string SlowMarker = "SLOW";
        public const string QueuedMarker = "QUEUED";
        private static readonly HttpClient Callbacks = new() { Timeout = TimeSpan.FromSeconds(10) };

        public const string ModelJobType = "2D_DIGITAL_HUMAN_VIDEO";
        public const string PhotoJobType = "DIGITAL_HUMAN_PHOTO_VIDEO";
        /// <summary>The list filter's documented spelling of photo tasks; the answers spell them PhotoJobType.</summary>
        public const string PhotoJobTypeAlias = "PHOTO_DIGITAL_HUMAN_VIDEO";

        public void Register(EmulatorHost host)
        {
            var state = host.State;
            state.RegisterVideoClear();

            host.Handlers.Add(OperationId.Create2DDigitalHumanVideo, r => Create(host, r, photo: false));
            host.Handlers.Add(OperationId.CreatePhotoDigitalHumanVideo, r => Create(host, r, photo: true));

            host.Handlers.Add(OperationId.Show2DDigitalHumanVideo, r => Show(host, r, photo: false));
            host.Handlers.Add(OperationId.ShowPhotoDigitalHumanVideo, r => Show(host, r, photo: true));

            host.Handlers.Add(OperationId.Cancel2DDigitalHumanVideo, r => Cancel(host, r, photo: false));
            host.Handlers.Add(OperationId.CancelPhotoDigitalHumanVideo, r => Cancel(host, r, photo: true));

            host.Handlers.Add(OperationId.ListDigitalHumanVideo, r =>
            {
                var states = r.Query("state")?.Split(',', StringSplitOptions.RemoveEmptyEntries);
                var since = r.QueryTime("create_since");
                var until = r.QueryTime("create_until");
                var scriptId = r.Query("script_id");
                var assetName = r.Query("asset_name");
                var jobType = r.Query("job_type") == PhotoJobTypeAlias ? PhotoJobType : r.Query("job_type");
                var now = host.Now;
                var matches = state.VideoJobs.Values
                    .Where(j => j.ProjectId == r.ProjectId)
                    .Where(j => states == null || states.Contains(j.StateAt(now)))
                    .Where(j => since == null || j.CreateTime >= since)
                    .Where(j => until == null || j.CreateTime <= until)
                    .Where(j => scriptId == null || j.ScriptId == scriptId)
                    .Where(j => assetName == null || j.AssetName?.Contains(assetName, StringComparison.OrdinalIgnoreCase) == true)
                    .Where(j => jobType == null || jobType == j.JobType)
                    .OrderBy(j => j.CreateTime).ThenBy(j => j.Sequence)
                    .ToList();
                if (r.Query("sort_dir") == "desc") matches.Reverse();
                var (offset, limit) = r.Paging();
                var page = new JsonArray(matches.Skip(offset).Take(limit).Select(j => (JsonNode)ToJson(host, j, DigitalHumanVideoFields)).ToArray());
                return EmuResponse.Ok(new JsonObject { ["count"] = matches.Count, ["jobs"] = page });
            });
        }

        /// <summary>The fields of a list item (DigitalHumanVideo): the show answer's without script_id and the script.</summary>
        private static readonly string[] DigitalHumanVideoFields =
            { "job_id", "state", "job_type", "start_time", "end_time", "duration", "output_asset_config", "error_info", "create_time", "lastupdate_time" };

        private static EmuResponse Create(EmulatorHost host, EmuRequest r, bool photo)
        {
            var state = host.State;
            var body = r.Json() ?? throw EmuError.BadRequest("MSS.00000002", "The request body is empty.");
            var assetName = Wire.Str(body["output_asset_config"]?["asset_name"]);
            if (string.IsNullOrEmpty(assetName)) throw EmuError.Invalid("output_asset_config.asset_name is required.");
            var scriptId = Wire.Str(body["script_id"]);
            JsonObject content = body;
            if (scriptId != null)
            {
                var script = VideoScriptHandlers.Find(state, r, scriptId);
                lock (script) content = (JsonObject)script.Fields.DeepClone();
                foreach (var kv in body.ToList()) content[kv.Key] = kv.Value?.DeepClone();
            }
            if (photo)
            {
                // A photo video speaks with a voice; its avatar is the photo (human_image), not a model.
                if (string.IsNullOrEmpty(Wire.Str(body["human_image"]))) throw EmuError.Invalid("human_image is required.");
                content.Remove("model_asset_id");
            }
            else if (content["model_asset_id"] == null) throw EmuError.Invalid("model_asset_id is required.");
            if (content["voice_config"] == null) throw EmuError.Invalid("voice_config is required.");
            if (content["shoot_scripts"] is not JsonArray { Count: > 0 }) throw EmuError.Invalid("shoot_scripts is required.");
            VideoScriptHandlers.CheckContent(content, photo);
            var callbackUrl = body["callback_config"] is JsonObject cb ? Wire.Str(cb["callback_url"]) : null;
            if (body["callback_config"] != null && string.IsNullOrEmpty(callbackUrl)) throw EmuError.Invalid("callback_config.callback_url is required.");

            // The service names the produced asset at once: a task answers its output asset_id from the start.
            var output = state.AddCreatingAsset(r.ProjectId, assetName, "VIDEO", r.AppUserId);
            var job = new VideoJobRecord
            {
                CreateTime = host.Now,
                ProjectId = r.ProjectId, AppUserId = r.AppUserId, ScriptId = scriptId, AssetName = assetName, Request = content,
                JobType = photo ? PhotoJobType : ModelJobType, OutputAssetId = output.AssetId,
                Waiting = assetName.Contains(QueuedMarker, StringComparison.Ordinal) ? TimeSpan.FromMinutes(10) : host.Options.JobWaitingTime,
                Processing = assetName.Contains(SlowMarker, StringComparison.Ordinal) ? TimeSpan.FromMinutes(10) : host.Options.JobProcessingTime,
                WillFail = assetName.Contains(FailMarker, StringComparison.Ordinal),
            };
            state.VideoJobs[job.JobId] = job;
            // State is computed on read; only the callback needs something to happen on its own.
            if (callbackUrl != null)
                _ = Task.Delay(job.EndTime - host.Now, host.Options.TimeProvider).ContinueWith(_ => Finish(host, job), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return EmuResponse.Ok(new JsonObject { ["job_id"] = job.JobId });
        }

        private static EmuResponse Show(EmulatorHost host, EmuRequest r, bool photo)
        {
            var job = Find(host.State, r, photo);
            var script = string.Equals(r.Query("show_script"), "true", StringComparison.OrdinalIgnoreCase);
            // A photo task has no avatar model and no background music in its answer.
            var fields = script ? (photo ? PhotoScriptFields : ModelScriptFields) : Array.Empty<string>();
            return EmuResponse.Ok(ToJson(host, job, null, fields));
        }

        private static readonly string[] ModelScriptFields = { "model_asset_id", "voice_config", "video_config", "shoot_scripts", "background_music_config" };
        private static readonly string[] PhotoScriptFields = { "voice_config", "video_config", "shoot_scripts" };

        private static EmuResponse Cancel(EmulatorHost host, EmuRequest r, bool photo)
        {
            var job = Find(host.State, r, photo);
            lock (job.Sync)
            {
                var now = job.StateAt(host.Now);
                if (now != "WAITING")
                    throw EmuError.BadRequest("MSS.00000003", $"Only a task in the WAITING state can be canceled; task {job.JobId} is {now}.");
                job.CanceledAt = host.Now;
            }
            Finish(host, job);
            return EmuResponse.NoContent();
        }

        /// <summary>The task of this project, read through its own kind's operations (a photo task is not a 2D one).</summary>
        private static VideoJobRecord Find(EmulatorState state, EmuRequest r, bool photo)
        {
            var id = r.Path("job_id");
            if (state.VideoJobs.TryGetValue(id, out var job) && job.ProjectId == r.ProjectId && job.IsPhoto == photo) return job;
            throw EmuError.NotFound("MSS.00000003", $"The video task '{id}' does not exist.");
        }

        private static JsonObject ToJson(EmulatorHost host, VideoJobRecord job, string[]? only, string[]? scriptFields = null)
        {
            var now = host.Now;
            var state = job.StateAt(now);
            if (state is "SUCCEED" or "FAILED" or "CANCELED") Finish(host, job);
            var o = new JsonObject
            {
                ["job_id"] = job.JobId,
                ["state"] = state,
                ["job_type"] = job.JobType,
                ["create_time"] = Wire.Time(job.CreateTime),
                ["lastupdate_time"] = Wire.Time(job.CanceledAt ?? (now < job.StartTime ? job.CreateTime : now < job.EndTime ? job.StartTime : job.EndTime)),
                ["script_id"] = job.ScriptId,
            };
            var output = new JsonObject { ["asset_id"] = job.OutputAssetId, ["asset_name"] = job.AssetName };
            if (state is not ("WAITING" or "CANCELED")) o["start_time"] = Wire.Time(job.StartTime);
            if (state is "SUCCEED" or "FAILED") o["end_time"] = Wire.Time(job.EndTime);
            if (state == "SUCCEED")
            {
                o["duration"] = Duration(job);
                if (host.State.Assets.TryGetValue(job.OutputAssetId, out var asset) && asset.Files.Count > 0)
                    output["preview_video_url"] = FileHandlers.DownloadUrl(host, asset.Files[0].FileId);
            }
            if (state == "FAILED")
                o["error_info"] = new JsonObject { ["error_code"] = "MSS.42000007", ["error_msg"] = "Avatar inference failed (emulated failure: the output asset name asked for it)." };
            o["output_asset_config"] = output;
            foreach (var key in scriptFields ?? Array.Empty<string>())
                if (job.Request[key] is JsonNode value) o[key] = value.DeepClone();
            if (only != null)
                foreach (var key in o.Select(kv => kv.Key).ToList())
                    if (!only.Contains(key)) o.Remove(key);
            return o;
        }

        private static double Duration(VideoJobRecord job)
        {
            // About 250 characters a minute at normal speed, as the service documents.
            var chars = (job.Request["shoot_scripts"] as JsonArray)?.Sum(s => Wire.Str(s?["shoot_script"]?["text_config"]?["text"])?.Length ?? 0) ?? 0;
            return Math.Max(1, Math.Round(chars * 60.0 / 250, 1));
        }

        /// <summary>Runs once when a task ends: the produced asset, then the callback.</summary>
        private static void Finish(EmulatorHost host, VideoJobRecord job)
        {
            bool sendCallback;
            lock (job.Sync)
            {
                var state = job.StateAt(host.Now);
                if (state is not ("SUCCEED" or "FAILED" or "CANCELED")) return;
                if (host.State.Assets.TryGetValue(job.OutputAssetId, out var asset) && asset.AssetState == "CREATING")
                {
                    if (state == "SUCCEED") host.State.Complete(asset, "video.mp4", Mp4(job.JobId));
                    else lock (asset) asset.AssetState = "FAILED";
                }
                if (state == "CANCELED") return;
                sendCallback = !job.CallbackSent && job.Request["callback_config"] != null;
                job.CallbackSent = true;
            }
            if (sendCallback) _ = SendCallbackAsync(host, job);
        }

        private static async Task SendCallbackAsync(EmulatorHost host, VideoJobRecord job)
        {
            if (job.Request["callback_config"] is not JsonObject cb) return; // Create refuses any other shape
            var url = Wire.Str(cb["callback_url"]);
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !uri.IsLoopback) return; // the emulator never calls out of the machine
            if (Wire.Str(cb["auth_type"]) == "MSS_A")
            {
                var key = Wire.Str(cb["key"]) ?? "";
                var timeStamp = host.Now.ToUnixTimeSeconds().ToString("x", CultureInfo.InvariantCulture);
                var secret = Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(url + timeStamp))).ToLowerInvariant();
                url += (url.Contains('?') ? "&" : "?") + $"secret={secret}&time_stamp={timeStamp}";
            }
            var payload = new JsonObject
            {
                ["result"] = job.WillFail ? "FAILED" : "SUCCEED",
                ["asset_id"] = job.OutputAssetId,
                ["job_id"] = job.JobId,
            };
            try
            {
                using var content = new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json");
                using var _ = await Callbacks.PostAsync(url, content);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // A receiver that is gone is the receiver's problem, as with the real service.
            }
        }

        /// <summary>A tiny file that starts like an MP4 (an ftyp box), unique per task.</summary>
        private static byte[] Mp4(string jobId)
        {
            var tail = Encoding.ASCII.GetBytes("emulated video " + jobId);
            var head = new byte[] { 0, 0, 0, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'m', (byte)'p', (byte)'4', (byte)'2', 0, 0, 0, 0,
                (byte)'m', (byte)'p', (byte)'4', (byte)'2', (byte)'i', (byte)'s', (byte)'o', (byte)'m' };
            return head.Concat(tail).ToArray();
        }
    }
}
