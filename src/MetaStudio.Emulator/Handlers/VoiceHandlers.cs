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
    /// Voice training jobs. Create and ShowJobUploadingAddress hand out single-use URLs
    /// on the OBS stand-in (one PUT each, signed for a Content-Type); CommitVoiceTrainingJob needs the
    /// package or at least one audio/text pair and moves the job through SYSTEM_AUDITING
    /// (EmulatorOptions.ModelVerifyTime) and PROCESSING (ModelTrainingTime) to SUCCEED, which creates the
    /// VOICE_MODEL asset. Voice-name markers (upper case): "FAIL" ends FAILED; "REJECT" fails the first
    /// review (AUDIT_FAILED, errors in the audit result; a new commit passes); "REVIEW" ends USER_RESULT_REVIEW.
    /// </summary>
    internal sealed class VoiceHandlers : IHandlerGroup
    {
        public const string FailMarker = "FAIL";
        public const string RejectMarker = "REJECT";
        public const string ReviewMarker = "REVIEW";
        private static readonly Dictionary<OperationId, (string JobType, int Segments)> Editions = new()
        {
            [OperationId.CreateTrainingBasicJob] = ("BASIC", 20),
            [OperationId.CreateTrainingMiddleJob] = ("MIDDLE", 100),
            [OperationId.CreateTrainingAdvanceJob] = ("ADVANCE", 1),
        };

        public void Register(EmulatorHost host)
        {
            var state = host.State;
            state.OnClear(() => state.VoiceJobs.Clear());

            host.Handlers.Add(OperationId.ShowTenantDurationCfg, r => EmuResponse.Ok(new JsonObject
            {
                ["tenant_id"] = r.ProjectId,
                ["basic_min"] = 60, ["basic_max"] = 300, ["basic_advice_value"] = 120,
                ["middle_min"] = 300, ["middle_max"] = 1800, ["middle_advice_value"] = 600,
                ["advance_min"] = 1800, ["advance_max"] = 7200, ["advance_advice_value"] = 3600,
                ["flexus_min"] = 10, ["flexus_max"] = 60, ["flexus_advice_value"] = 30,
                ["short_assess_min"] = 5, ["short_assess_max"] = 30,
            }));

            foreach (var (operation, edition) in Editions)
                host.Handlers.Add(operation, r =>
                {
                    var body = r.Json() ?? throw EmuError.BadRequest("MSS.00000002", "The request body is empty.");
                    var name = Wire.Str(body["voice_name"]);
                    if (string.IsNullOrEmpty(name) || name.Length > 256) throw EmuError.Invalid("voice_name is required (1 to 256 characters).");
                    Check(body);
                    var job = new VoiceJobRecord
                    {
                        CreateTime = host.Now, UpdateTime = host.Now,
                        ProjectId = r.ProjectId, AppUserId = r.AppUserId, JobType = edition.JobType, Segments = edition.Segments, Fields = body,
                        Auditing = host.Options.ModelVerifyTime, Processing = host.Options.ModelTrainingTime,
                        RejectFirst = name.Contains(RejectMarker, StringComparison.Ordinal),
                        WillFail = name.Contains(FailMarker, StringComparison.Ordinal),
                        NeedsReview = name.Contains(ReviewMarker, StringComparison.Ordinal),
                    };
                    Log(host, job, "USER_CREATE_JOB", null);
                    state.VoiceJobs[job.JobId] = job;
                    var urls = IssueUrls(host, job);
                    var o = new JsonObject { ["job_id"] = job.JobId, ["authorization_letter_uploading_url"] = urls["authorization_letter_uploading_url"]!.DeepClone() };
                    if (urls["package_url"] is JsonObject package) o["training_data_uploading_url"] = package["training_data_uploading_url"]!.DeepClone();
                    if (urls["segment_url"] is JsonObject segments) o["segment_uploading_url"] = segments.DeepClone();
                    return EmuResponse.Ok(o);
                });

            host.Handlers.Add(OperationId.ShowVoiceTrainingJob, r => EmuResponse.Ok(ToJson(host, Find(state, r.Path("job_id"), r))));

            host.Handlers.Add(OperationId.ListVoiceTrainingJob, r =>
            {
                var states = r.Query("state")?.Split(',', StringSplitOptions.RemoveEmptyEntries);
                var since = Millis(r, "create_since");
                var until = Millis(r, "create_until");
                var name = r.Query("voice_name");
                var tag = r.Query("tag");
                var type = r.Query("job_type");
                var batch = r.Query("batch_name");
                var jobId = r.Query("job_id");
                var now = host.Now;
                var matches = state.VoiceJobs.Values
                    .Where(j => j.ProjectId == r.ProjectId)
                    .Where(j => states == null || states.Contains(j.StateAt(now)))
                    .Where(j => since == null || j.CreateTime.ToUnixTimeMilliseconds() >= since)
                    .Where(j => until == null || j.CreateTime.ToUnixTimeMilliseconds() <= until)
                    .Where(j => name == null || (j.VoiceName ?? "").Contains(name, StringComparison.OrdinalIgnoreCase))
                    .Where(j => tag == null || Wire.Str(j.Fields["tag"]) == tag)
                    .Where(j => type == null || j.JobType == type)
                    .Where(j => batch == null || j.BatchName == batch)
                    .Where(j => jobId == null || j.JobId == jobId)
                    .Where(j => r.Query("is_ondemand_resource") is not "true")
                    .OrderBy(j => j.CreateTime).ThenBy(j => j.Sequence)
                    .ToList();
                if (r.Query("sort_dir") == "desc") matches.Reverse();
                var (offset, limit) = r.Paging();
                var page = new JsonArray(matches.Skip(offset).Take(limit).Select(j => (JsonNode)ToJson(host, j)).ToArray());
                return EmuResponse.Ok(new JsonObject { ["count"] = matches.Count, ["jobs"] = page });
            });

            host.Handlers.Add(OperationId.CommitVoiceTrainingJob, r =>
            {
                var job = Find(state, r.Path("job_id"), r);
                var body = r.Json() ?? new JsonObject();
                Check(body);
                lock (job.Sync)
                {
                    var now = job.StateAt(host.Now);
                    if (now is not ("CREATING" or "AUDIT_FAILED"))
                        throw EmuError.BadRequest("MSS.00000003", $"Voice training job {job.JobId} is {now}; only a CREATING or AUDIT_FAILED job can be committed.");
                    if (!job.HasData)
                        throw EmuError.BadRequest("MSS.00000003", $"Voice training job {job.JobId} has no training data; upload the package or the sentence audio and text first.");
                    foreach (var key in new[] { "tag", "description", "sex", "voice_name", "language", "phone" })
                        if (body[key] is JsonNode value) job.Fields[key] = value.DeepClone();
                    job.Commits++;
                    job.CommittedAt = host.Now;
                    job.UpdateTime = job.CommittedAt.Value;
                    Log(host, job, "USER_COMMIT_JOB", null);
                }
                return EmuResponse.NoContent();
            });

            host.Handlers.Add(OperationId.DeleteVoiceTrainingJob, r =>
            {
                var job = Find(state, r.Path("job_id"), r);
                state.VoiceJobs.TryRemove(job.JobId, out _);
                host.Obs.Revoke(job.JobId);
                return EmuResponse.NoContent();
            });

            host.Handlers.Add(OperationId.ListJobOperationLog, r =>
            {
                var logs = Logs(Find(state, r.Path("job_id"), r), host.Now);
                var (offset, limit) = r.Paging();
                return EmuResponse.Ok(new JsonObject
                {
                    ["count"] = logs.Count,
                    ["operations"] = new JsonArray(logs.Skip(offset).Take(limit).Select(l => l.DeepClone()).ToArray()),
                });
            });

            host.Handlers.Add(OperationId.ShowJobUploadingAddress, r => EmuResponse.Ok(IssueUrls(host, Find(state, r.Path("job_id"), r))));

            host.Handlers.Add(OperationId.ShowJobAuditResult, r =>
            {
                var job = Find(state, r.Path("job_id"), r);
                var now = host.Now;
                var o = new JsonObject();
                if (job.CommittedAt != null && now >= job.AuditedAt)
                {
                    var errors = new JsonArray();
                    if (job.Rejected)
                        errors.Add(new JsonObject
                        {
                            ["audio_name"] = "0.wav", ["text_name"] = "0.txt", ["error_code"] = "MSS.VOICE.0001",
                            ["error_message"] = "The recording does not match its text (emulated rejection: the voice name asked for it).",
                        });
                    o["system_audit_result"] = new JsonObject { ["audit_time"] = job.AuditedAt.Value.ToUnixTimeMilliseconds(), ["errors"] = errors };
                }
                return EmuResponse.Ok(o);
            });

            host.Handlers.Add(OperationId.SetJobBatchName, r =>
            {
                var body = r.Json() ?? throw EmuError.BadRequest("MSS.00000002", "The request body is empty.");
                var batch = Wire.Str(body["batch_name"]);
                if (string.IsNullOrEmpty(batch)) throw EmuError.Invalid("batch_name is required.");
                var ids = (body["job_ids"] as JsonArray)?.Select(Wire.Str).ToList();
                if (ids == null || ids.Count == 0) throw EmuError.Invalid("job_ids is required.");
                var jobs = ids.Select(id => Find(state, id, r)).ToList();
                foreach (var job in jobs)
                    lock (job.Sync)
                    {
                        job.BatchName = batch;
                        Log(host, job, "USER_SET_BATCH", batch);
                    }
                return EmuResponse.NoContent();
            });

            host.Handlers.Add(OperationId.ConfirmTrainingSegment, r =>
            {
                var job = Find(state, r.Query("job_id"), r);
                if (!int.TryParse(r.Query("index"), out var index) || index < 0) throw EmuError.Invalid("index must be a sentence index (0 or more).");
                lock (job.Sync)
                {
                    var matched = job.UploadedSegments.Contains(index);
                    if (matched)
                    {
                        job.Confirmed.Add(index);
                        Log(host, job, "USER_CONFIRM_SEGMENT", index.ToString());
                    }
                    return EmuResponse.Ok(new JsonObject
                    {
                        ["confirm_result"] = matched,
                        ["unmatched_index_hit"] = matched ? new JsonArray() : new JsonArray(index),
                    });
                }
            });

            host.Handlers.Add(OperationId.ShowTrainingSegmentInfo, r =>
            {
                var job = Find(state, r.Query("job_id"), r);
                lock (job.Sync)
                    return EmuResponse.Ok(new JsonObject { ["confirmed_index"] = new JsonArray(job.Confirmed.Select(i => (JsonNode)i).ToArray()) });
            });
        }

        private static void Check(JsonObject body)
        {
            OneOf(body, "tag", "ECOMMERCE", "NEWS", "MARKETING");
            OneOf(body, "language", "CN", "EN");
            OneOf(body, "create_type", "PACKAGE", "SEGMENT");
        }

        private static void OneOf(JsonObject body, string key, params string[] allowed)
        {
            var value = Wire.Str(body[key]);
            if (value != null && !allowed.Contains(value)) throw EmuError.Invalid($"{key} '{value}' is not one of {string.Join(", ", allowed)}.");
        }

        private static long? Millis(EmuRequest r, string name)
        {
            var text = r.Query(name);
            if (text == null) return null;
            return long.TryParse(text, out var ms) ? ms : throw EmuError.Invalid($"{name} must be epoch milliseconds, not '{text}'.");
        }

        private static void Log(EmulatorHost host, VoiceJobRecord job, string type, string? description) => job.UserLogs.Add((host.Now, type, description));

        /// <summary>A fresh set of single-use URLs for the job (by its create_type); the previous set stops working.</summary>
        private static JsonObject IssueUrls(EmulatorHost host, VoiceJobRecord job)
        {
            host.Obs.Revoke(job.JobId);
            string Url(string slot, string? contentType) => host.Obs.SingleUseUrl(new UploadRules
            {
                Owner = job.JobId,
                SingleUse = true,
                ContentType = contentType,
                Check = _ => host.State.VoiceJobs.ContainsKey(job.JobId) ? null
                    : ObsRefusal.NoSuchKey("The upload URL does not name a voice training job that is waiting for material."),
                Store = bytes =>
                {
                    job.Uploads[slot] = bytes;
                    lock (job.Sync) Log(host, job, "USER_UPLOAD", slot);
                },
            });
            var type = Wire.Str(job.Fields["create_type"]);
            var o = new JsonObject { ["authorization_letter_uploading_url"] = Url("authorization_letter", null) };
            if (type != "SEGMENT") o["package_url"] = new JsonObject { ["training_data_uploading_url"] = Url("package", "application/zip") };
            if (type != "PACKAGE")
                o["segment_url"] = new JsonObject
                {
                    ["audio_uploading_url"] = new JsonArray(Enumerable.Range(0, job.Segments).Select(i => (JsonNode)Url("audio/" + i, "audio/wav")).ToArray()),
                    ["txt_uploading_url"] = new JsonArray(Enumerable.Range(0, job.Segments).Select(i => (JsonNode)Url("txt/" + i, "text/plain")).ToArray()),
                };
            return o;
        }

        private static VoiceJobRecord Find(EmulatorState state, string? id, EmuRequest r)
        {
            if (string.IsNullOrEmpty(id)) throw EmuError.Invalid("job_id is required.");
            if (state.VoiceJobs.TryGetValue(id, out var job) && job.ProjectId == r.ProjectId) return job;
            throw EmuError.NotFound("MSS.00000003", $"The voice training job '{id}' does not exist.");
        }

        private static JsonObject ToJson(EmulatorHost host, VoiceJobRecord job)
        {
            var now = host.Now;
            string state;
            lock (job.Sync)
            {
                state = job.StateAt(now);
                // The voice asset appears the first time anyone sees the job succeed.
                if (state == "SUCCEED" && job.AssetId == null)
                    // Create refuses a job without voice_name, and an update only replaces it with another value.
                    job.AssetId = host.State.AddReadyAsset(job.ProjectId, job.VoiceName!, "VOICE_MODEL", "voice.zip",
                        Encoding.UTF8.GetBytes("emulated voice model " + job.JobId), job.AppUserId).AssetId;
            }
            var f = job.Fields;
            var o = new JsonObject
            {
                ["job_id"] = job.JobId,
                ["job_type"] = job.JobType,
                ["voice_name"] = job.VoiceName,
                ["state"] = state,
                ["reject_times"] = job.RejectFirst && job.Commits >= 1 && (job.Commits > 1 || now >= job.AuditedAt) ? 1 : 0,
                ["create_time"] = job.CreateTime.ToUnixTimeMilliseconds(),
                ["lastupdate_time"] = LastUpdate(job, state).ToUnixTimeMilliseconds(),
                ["batch_name"] = job.BatchName,
            };
            // The description is taken, but the job's answer (TrainingJobInfo) does not give it back.
            foreach (var key in new[] { "sex", "language", "create_type", "tag", "phone" })
                if (f[key] is JsonNode value) o[key] = value.DeepClone();
            if (job.AppUserId != null) o["app_user_id"] = job.AppUserId;
            if (job.AssetId != null) o["asset_id"] = job.AssetId;
            if (state == "FAILED")
            {
                o["job_failed_code"] = "MSS.VOICE.0002";
                o["job_failed_reason"] = "Training failed (emulated failure: the voice name asked for it).";
            }
            return o;
        }

        private static DateTimeOffset LastUpdate(VoiceJobRecord job, string state) => state switch
        {
            "CREATING" or "SYSTEM_AUDITING" => job.UpdateTime,
            "AUDIT_FAILED" or "PROCESSING" => job.AuditedAt!.Value,
            _ => job.EndTime!.Value,
        };

        /// <summary>The job's history: what users did, and the system's steps derived from the timestamps.</summary>
        private static List<JsonObject> Logs(VoiceJobRecord job, DateTimeOffset now)
        {
            List<(DateTimeOffset At, string Type, string User, string? Description)> logs;
            lock (job.Sync) logs = job.UserLogs.Select(l => (l.At, l.Type, "USER", l.Description)).ToList();
            if (job.AuditedAt is { } audited && job.EndTime is { } end && now >= audited)
            {
                var state = job.StateAt(now);
                logs.Add((audited, job.Rejected ? "SYSTEM_AUDIT_FAILED" : "SYSTEM_AUDIT_SUCCESS", "SYSTEM", null));
                if (state is "FAILED" or "SUCCEED" or "USER_RESULT_REVIEW") logs.Add((end, "SYSTEM_JOB_" + state, "SYSTEM", null));
            }
            // OperationLogItem: time (epoch ms), action, operator, external_info; a failed review says why there.
            return logs.OrderBy(l => l.At).Select(l =>
            {
                var o = new JsonObject { ["time"] = l.At.ToUnixTimeMilliseconds(), ["action"] = l.Type, ["operator"] = l.User };
                if (l.Type == "SYSTEM_AUDIT_FAILED")
                    o["external_info"] = new JsonObject { ["algorithm_failure_reason"] = "The recordings do not match their texts (emulated review failure: the voice name asked for it)." };
                return o;
            }).ToList();
        }
    }
}
