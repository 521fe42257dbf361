using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.Emulator.Infrastructure;
using MetaStudio.Emulator.Obs;
using MetaStudio.Emulator.State;

namespace MetaStudio.Emulator.Handlers
{
    /// <summary>
    /// Avatar (2D) model training jobs. Create and update hand out single-use upload URLs
    /// on the OBS stand-in (one PUT each, Content-MD5 checked when sent, bytes recorded; served back under
    /// /obs-download/training/{job_id}/{slot});
    /// SUBMITVERIFYING needs the whole training video and moves the job from WAIT_FILE_UPLOAD through
    /// AUTO_VERIFYING (EmulatorOptions.ModelVerifyTime) and TRAINING (ModelTrainingTime) to JOB_SUCCESS,
    /// which creates the HUMAN_MODEL_2D asset. Name markers (upper case): "FAIL" ends the job TRAIN_FAILED;
    /// "CONFIRM" stops it in WAIT_USER_CONFIRM after verification; "SLOW" keeps it TRAINING for ten minutes. Only WAIT_FILE_UPLOAD jobs can be updated.
    /// </summary>
    internal sealed class ImagingHandlers : IHandlerGroup
    {
        public const string FailMarker = "FAIL";
        public const string ConfirmMarker = "CONFIRM";
        public const string SlowMarker = "SLOW";
        private const string DownloadKey = "training";
        private static readonly string[] Services = { "VIDEO_2D", "LIVE_2D", "CHAT_2D" };
        private static readonly string[] Singles = { "audio", "cover", "id_card_image1", "id_card_image2", "grant_file" };

        public void Register(EmulatorHost host)
        {
            var state = host.State;
            state.OnClear(() => state.TrainingJobs.Clear());
            host.Obs.Publish(DownloadKey, key => Uploaded(state, key));

            host.Handlers.Add(OperationId.Create2dModelTrainingJob, r =>
            {
                var body = CheckBody(r);
                var name = Wire.Str(body["name"]);
                var job = new TrainingJobRecord
                {
                    CreateTime = host.Now, UpdateTime = host.Now,
                    ProjectId = r.ProjectId, AppUserId = r.AppUserId, Fields = body,
                    Verifying = host.Options.ModelVerifyTime,
                };
                Configure(job, body, host.Options);
                state.TrainingJobs[job.JobId] = job;
                return EmuResponse.Ok(IssueUrls(host, job));
            });

            host.Handlers.Add(OperationId.Update2dModelTrainingJob, r =>
            {
                var job = Find(state, r);
                var body = CheckBody(r);
                lock (job.Sync)
                {
                    var now = job.StateAt(host.Now);
                    if (now != "WAIT_FILE_UPLOAD")
                        throw EmuError.BadRequest("MSS.00000003", $"Training job {job.JobId} is {now}; only a job in WAIT_FILE_UPLOAD can be updated.");
                    job.Fields = body;
                    job.UpdateTime = host.Now;
                    Configure(job, body, host.Options);
                    return EmuResponse.Ok(IssueUrls(host, job));
                }
            });

            host.Handlers.Add(OperationId.Show2dModelTrainingJob, r => EmuResponse.Ok(ToJson(host, Find(state, r), detail: true)));

            host.Handlers.Add(OperationId.Delete2dModelTrainingJob, r =>
            {
                var job = Find(state, r);
                state.TrainingJobs.TryRemove(job.JobId, out _);
                host.Obs.Revoke(job.JobId);
                return EmuResponse.NoContent();
            });

            host.Handlers.Add(OperationId.List2dModelTrainingJob, r =>
            {
                var states = r.Query("state")?.Split(',', StringSplitOptions.RemoveEmptyEntries);
                var since = r.QueryTime("create_since");
                var until = r.QueryTime("create_until");
                var name = r.Query("name");
                var batch = r.Query("batch_name");
                var tag = r.Query("tag");
                var jobId = r.Query("job_id");
                var resolution = r.Query("model_resolution");
                var flexus = r.Query("is_flexus");
                var now = host.Now;
                var matches = state.TrainingJobs.Values
                    .Where(j => j.ProjectId == r.ProjectId)
                    .Where(j => states == null || states.Contains(j.StateAt(now)))
                    .Where(j => since == null || j.CreateTime >= since)
                    .Where(j => until == null || j.CreateTime <= until)
                    .Where(j => name == null || (j.Name ?? "").Contains(name, StringComparison.OrdinalIgnoreCase))
                    .Where(j => batch == null || Wire.Str(j.Fields["batch_name"]) == batch)
                    .Where(j => tag == null || Tags(j).Contains(tag))
                    .Where(j => jobId == null || j.JobId == jobId)
                    .Where(j => resolution == null || resolution == "1080P")
                    .Where(j => flexus == null || string.Equals(flexus, IsFlexus(j) ? "true" : "false", StringComparison.OrdinalIgnoreCase))
                    .OrderBy(j => j.CreateTime).ThenBy(j => j.Sequence)
                    .ToList();
                if (r.Query("sort_dir") == "desc") matches.Reverse();
                var (offset, limit) = r.Paging();
                var page = new JsonArray(matches.Skip(offset).Take(limit).Select(j => (JsonNode)ToJson(host, j, detail: false)).ToArray());
                return EmuResponse.Ok(new JsonObject { ["count"] = matches.Count, ["jobs"] = page });
            });

            host.Handlers.Add(OperationId.Execute2dModelTrainingCommandByUser, r =>
            {
                var job = Find(state, r);
                var body = r.Json() ?? throw EmuError.BadRequest("MSS.00000002", "The request body is empty.");
                var command = Wire.Str(body["command"]);
                if (string.IsNullOrEmpty(command)) throw EmuError.Invalid("command is required.");
                lock (job.Sync)
                {
                    var now = job.StateAt(host.Now);
                    switch (command)
                    {
                        case "SUBMITVERIFYING":
                            if (now != "WAIT_FILE_UPLOAD") return Result($"Training job {job.JobId} is {now}; only a job in WAIT_FILE_UPLOAD can be submitted.");
                            if (!job.VideoUploaded) return Result("The training video has not been uploaded; PUT it to the training_video_upload_url first.");
                            job.SubmittedAt = host.Now;
                            job.UpdateTime = job.SubmittedAt.Value;
                            return Result(null);
                        case "GET_MULTIPART_UPLOADED":
                        case "CONFIRM_MULTIPART_UPLOADED":
                            return Result(job.VideoUploaded || command == "GET_MULTIPART_UPLOADED" ? null : "Not every part of the training video has been uploaded.");
                        default:
                            return Result($"The command {command} is not available to this tenant in job state {now}.");
                    }
                }
            });
        }

        private static EmuResponse Result(string? failure)
        {
            var o = new JsonObject { ["commond_result"] = failure == null ? "EXCUTE_SUCCESS" : "EXCUTE_FAILED" };
            if (failure != null) o["excute_failed_msg"] = failure;
            return EmuResponse.Ok(o);
        }

        private static JsonObject CheckBody(EmuRequest r)
        {
            var body = r.Json() ?? throw EmuError.BadRequest("MSS.00000002", "The request body is empty.");
            var name = Wire.Str(body["name"]);
            if (string.IsNullOrEmpty(name) || name.Length > 64) throw EmuError.Invalid("name is required (1 to 64 characters).");
            // model_version, audio_source_type and command_message are enums of the official model, checked before any handler.
            if (body["supported_service"] is JsonArray services && services.Any(s => !Services.Contains(Wire.Str(s))))
                throw EmuError.Invalid("supported_service holds an unknown service.");
            var parts = Wire.Num(body["video_multipart_count"]);
            if (parts != null && (parts < 1 || parts > 1000)) throw EmuError.Invalid("video_multipart_count must be 1 to 1000.");
            return body;
        }

        private static void OneOf(JsonObject body, string key, string[] allowed)
        {
            var value = Wire.Str(body[key]);
            if (value != null && !allowed.Contains(value)) throw EmuError.Invalid($"{key} '{value}' is not one of {string.Join(", ", allowed)}.");
        }

        private static void Configure(TrainingJobRecord job, JsonObject body, EmulatorOptions options)
        {
            var name = job.Name ?? "";
            job.VideoParts = (int)(Wire.Num(body["video_multipart_count"]) ?? 1);
            job.WillFail = name.Contains(FailMarker, StringComparison.Ordinal);
            job.WaitsForConfirm = name.Contains(ConfirmMarker, StringComparison.Ordinal);
            job.Training = name.Contains(SlowMarker, StringComparison.Ordinal) ? TimeSpan.FromMinutes(10) : options.ModelTrainingTime;
        }

        /// <summary>A fresh set of single-use URLs for the job; the previous set stops working.</summary>
        private static JsonObject? IssueUrls(EmulatorHost host, TrainingJobRecord job)
        {
            host.Obs.Revoke(job.JobId);
            string Url(string slot) => host.Obs.SingleUseUrl(new UploadRules
            {
                Owner = job.JobId,
                SingleUse = true,
                Check = _ => host.State.TrainingJobs.ContainsKey(job.JobId) ? null
                    : ObsRefusal.NoSuchKey("The upload URL does not name a training job that is waiting for material."),
                Store = bytes => job.Uploads[slot] = bytes,
            });
            var actionParts = (int)(Wire.Num(job.Fields["action_video_multipart_count"]) ?? 1);
            var o = new JsonObject
            {
                ["job_id"] = job.JobId,
                ["training_video_upload_url"] = new JsonArray(Enumerable.Range(0, job.VideoParts).Select(i => (JsonNode)Url("training_video/" + i)).ToArray()),
                ["action_video_upload_url"] = new JsonArray(Enumerable.Range(0, actionParts).Select(i => (JsonNode)Url("action_video/" + i)).ToArray()),
            };
            foreach (var slot in Singles) o[slot + "_upload_url"] = Url(slot);
            return o;
        }

        private static TrainingJobRecord Find(EmulatorState state, EmuRequest r)
        {
            var id = r.Path("job_id");
            if (state.TrainingJobs.TryGetValue(id, out var job) && job.ProjectId == r.ProjectId) return job;
            throw EmuError.NotFound("MSS.00000003", $"The training job '{id}' does not exist.");
        }

        private static string[] Tags(TrainingJobRecord j)
            => (j.Fields["tags"] as JsonArray)?.Select(Wire.Str).OfType<string>().ToArray() ?? Array.Empty<string>();

        private static bool IsFlexus(TrainingJobRecord j) => string.Equals(Wire.Str(j.Fields["is_flexus"]), "true", StringComparison.OrdinalIgnoreCase);

        private static JsonObject ToJson(EmulatorHost host, TrainingJobRecord job, bool detail)
        {
            var now = host.Now;
            string state;
            lock (job.Sync)
            {
                state = job.StateAt(now);
                // The model asset appears the first time anyone sees the job succeed.
                if (state == "JOB_SUCCESS" && job.AssetId == null)
                    // name is required by the request model, which the dispatcher checks before any handler.
                    job.AssetId = host.State.AddReadyAsset(job.ProjectId, job.Name!, "HUMAN_MODEL_2D", "model.zip",
                        Encoding.UTF8.GetBytes("emulated avatar model " + job.JobId), job.AppUserId).AssetId;
            }
            var f = job.Fields;
            var o = new JsonObject
            {
                ["job_id"] = job.JobId,
                ["name"] = job.Name,
                ["state"] = state,
                ["asset_id"] = job.AssetId,
                ["project_id"] = job.ProjectId,
                ["create_time"] = Wire.Time(job.CreateTime),
                ["last_update_time"] = Wire.Time(LastUpdate(job, now)),
                ["model_version"] = Wire.Str(f["model_version"]) ?? "V3",
                ["matting_type"] = "AI",
                ["model_resolution"] = "1080P",
                ["is_flexus"] = IsFlexus(job),
            };
            foreach (var key in new[] { "contact", "batch_name", "tags" })
                if (f[key] is JsonNode value) o[key] = value.DeepClone();
            if (job.AppUserId != null) o["app_user_id"] = job.AppUserId;
            if (job.Uploads.ContainsKey("cover")) o["cover_download_url"] = DownloadUrl(host, job, "cover");
            if (!detail) return o;

            if (job.VideoUploaded) o["training_video_download_url"] = DownloadUrl(host, job, "training_video");
            foreach (var (slot, key) in new[] { ("id_card_image1", "id_card_image1_download_url"), ("id_card_image2", "id_card_image2_download_url"),
                         ("grant_file", "grant_file_download_url"), ("audio", "audio_file_download_url") })
                if (job.Uploads.ContainsKey(slot)) o[key] = DownloadUrl(host, job, slot);
            o["is_background_replacement"] = string.Equals(Wire.Str(f["is_background_replacement"]), "true", StringComparison.OrdinalIgnoreCase);
            foreach (var key in new[] { "audio_source_type", "supported_service" })
                if (f[key] is JsonNode value) o[key] = value.DeepClone();
            o["is_mask_file_uploaded"] = false;
            o["flexus_retry_count"] = 0;
            o["operation_logs"] = Logs(job, now);
            o["comment_logs"] = new JsonArray();
            return o;
        }

        private static DateTimeOffset LastUpdate(TrainingJobRecord job, DateTimeOffset now)
        {
            if (job.SubmittedAt is not { } submitted) return job.UpdateTime;
            var verified = submitted + job.Verifying;
            var end = verified + job.Training;
            if (now < verified || job.WaitsForConfirm) return now < verified ? submitted : verified;
            return now < end ? verified : end;
        }

        /// <summary>The job's history as the service reports it, derived from its timestamps.</summary>
        private static JsonArray Logs(TrainingJobRecord job, DateTimeOffset now)
        {
            var logs = new List<(DateTimeOffset At, string Type, string User, string? Description)> { (job.CreateTime, "USER_CREATE_JOD", "USER", null) };
            if (job.SubmittedAt is { } submitted)
            {
                logs.Add((submitted, "USER_VERIFYING_SUBMITTED", "USER", null));
                if (now >= job.VerifiedAt)
                {
                    logs.Add((job.VerifiedAt.Value, "SYSTEM_VERIFY_SUCCESS", "SYSTEM", null));
                    if (!job.WaitsForConfirm) logs.Add((job.VerifiedAt.Value, "SYSTEM_TRAINING", "SYSTEM", null));
                }
                if (!job.WaitsForConfirm && now >= job.EndTime)
                    logs.Add(job.WillFail
                        ? (job.EndTime.Value, "SYSTEM_TRAIN_FAILED", "SYSTEM", "Training failed (emulated failure: the job name asked for it).")
                        : (job.EndTime.Value, "SYSTEM_JOB_SUCCESS", "SYSTEM", null));
            }
            return new JsonArray(logs.Select(l =>
            {
                var o = new JsonObject { ["operate_time"] = Wire.Time(l.At), ["log_type"] = l.Type, ["operate_user"] = l.User };
                if (l.Description != null) o["log_description"] = l.Description;
                return (JsonNode)o;
            }).ToArray());
        }

        private static string DownloadUrl(EmulatorHost host, TrainingJobRecord job, string slot)
            => host.Obs.DownloadUrl(DownloadKey, job.JobId + "/" + slot);

        /// <summary>Uploaded material by "{job_id}/{slot}" (a multipart video joined), for its download URL; null when absent.</summary>
        private static ObsObject? Uploaded(EmulatorState state, string key)
        {
            var rest = key.Split('/');
            if (rest.Length != 2 || !state.TrainingJobs.TryGetValue(rest[0], out var job)) return null;
            var content = rest[1] == "training_video"
                ? (job.VideoUploaded ? Enumerable.Range(0, job.VideoParts).SelectMany(i => job.Uploads["training_video/" + i]).ToArray() : null)
                : job.Uploads.TryGetValue(rest[1], out var b) ? b : null;
            return content == null ? null : new ObsObject(content);
        }
    }
}
