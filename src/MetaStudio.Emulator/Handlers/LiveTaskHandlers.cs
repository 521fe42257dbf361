using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.Emulator.Infrastructure;
using MetaStudio.Emulator.State;
using static MetaStudio.Emulator.Infrastructure.Wire;

namespace MetaStudio.Emulator.Handlers
{
    /// <summary>
    /// Livestreaming tasks of live rooms. A task is WAITING for EmulatorOptions.JobWaitingTime, then
    /// PROCESSING (on air) until StopSmartLive ends it SUCCEED. Test marker: a room whose name contains
    /// "FAIL" (upper case) goes FAILED with error_info MSS.00000021 after JobProcessingTime on air.
    /// A room has at most one task WAITING or PROCESSING (another start is 400 MSS.00000020). Commands
    /// need a task on air (else 400 MSS.00000022) and are recorded on the task. LiveEventReport checks
    /// auth_key/expires_time (query or x-mss-* headers) against the last ones handed out (else 401
    /// MSS.00000023) and with refresh_url=true hands out new ones. The room's last_job_* fields follow
    /// its newest task. Unknown rooms and tasks are 404 MSS.00000003. The MSS.0000002x codes are the
    /// emulator's own (the service's codes for these cases are not documented).
    /// </summary>
    internal sealed class LiveTaskHandlers : IHandlerGroup
    {
        public const string FailMarker = "FAIL";
        public const string BusyCode = "MSS.00000020";
        public const string FailedCode = "MSS.00000021";
        public const string NotLiveCode = "MSS.00000022";
        public const string ReportKeyCode = "MSS.00000023";
        private static readonly TimeSpan ReportKeyLifetime = TimeSpan.FromHours(1);

        public void Register(EmulatorHost host)
        {
            var state = host.State;
            state.OnClear(() => state.LiveJobs.Clear());

            host.Handlers.Add(OperationId.StartSmartLive, r =>
            {
                var room = LiveRoomHandlers.FindRoom(state, r);
                var body = r.Json() ?? new JsonObject();
                CheckStart(body);
                LiveJobRecord job;
                lock (room)
                {
                    var running = state.LiveJobs.Values.FirstOrDefault(j => j.RoomId == room.RoomId && j.IsActive);
                    if (running != null) throw EmuError.BadRequest(BusyCode, $"The live room '{room.RoomId}' is already live (job {running.JobId}); stop that task first.");
                    job = new LiveJobRecord { CreateTime = host.Now, LastUpdateTime = host.Now, ProjectId = r.ProjectId, RoomId = room.RoomId, RoomName = Str(room.Fields["room_name"]), Request = body };
                    NewReportKey(host, job);
                    state.LiveJobs[job.JobId] = job;
                    room.LastJobStatus = job.State;
                    room.LastJobStartTime = job.CreateTime;
                    room.LastJobEndTime = null;
                }
                var willFail = (job.RoomName ?? "").Contains(FailMarker, StringComparison.Ordinal);
                _ = Task.Delay(host.Options.JobWaitingTime, host.Options.TimeProvider).ContinueWith(_ =>
                {
                    Move(host, room, job, "PROCESSING");
                    if (willFail) Task.Delay(host.Options.JobProcessingTime, host.Options.TimeProvider).ContinueWith(__ => Move(host, room, job, "FAILED"), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                var o = new JsonObject
                {
                    ["job_id"] = job.JobId,
                    ["rtc_room_info"] = RtcRoom(host, job),
                    ["live_event_report_url"] = ReportUrl(r, job),
                    ["live_warning_info"] = new JsonArray(),
                    ["limit_duration"] = 0,
                };
                if (body["live_event_callback_config"] is JsonNode value) o["live_event_callback_config"] = value.DeepClone();
                return EmuResponse.Ok(o);
            });

            host.Handlers.Add(OperationId.ShowSmartLive, r => EmuResponse.Ok(ToJson(host, r, FindJob(state, r))));

            host.Handlers.Add(OperationId.ListSmartLive, r =>
            {
                var room = LiveRoomHandlers.FindRoom(state, r);
                return List(host, r, state.LiveJobs.Values.Where(j => j.RoomId == room.RoomId));
            });

            host.Handlers.Add(OperationId.ListSmartLiveJobs, r =>
            {
                var name = r.Query("room_name");
                return List(host, r, state.LiveJobs.Values.Where(j => j.ProjectId == r.ProjectId)
                    .Where(j => name == null || (j.RoomName ?? "").Contains(name, StringComparison.OrdinalIgnoreCase)));
            });

            host.Handlers.Add(OperationId.StopSmartLive, r =>
            {
                var job = FindJob(state, r);
                state.LiveRooms.TryGetValue(job.RoomId, out var room);
                Move(host, room, job, "SUCCEED");
                return EmuResponse.NoContent();
            });

            host.Handlers.Add(OperationId.ExecuteSmartLiveCommand, r =>
            {
                var job = FindJob(state, r);
                var body = r.Json() ?? new JsonObject();
                // Which commands exist is the official model's check, made before any handler runs.
                var command = Str(body["command"]) ?? throw EmuError.Invalid("command is required.");
                var parameters = body["params"] as JsonObject;
                if (command == "INSERT_PLAY_SCRIPT" && string.IsNullOrEmpty(Str(parameters?["text_config"]?["text"])))
                    throw EmuError.Invalid("params.text_config.text is required for INSERT_PLAY_SCRIPT.");
                var playType = Str(parameters?["play_type"]);
                if (playType != null && playType is not ("APPEND" or "INSERT" or "PLAY_NOW")) throw EmuError.Invalid($"params.play_type '{playType}' is invalid.");
                var commandId = EmulatorState.NewId();
                lock (job.Sync)
                {
                    if (job.State != "PROCESSING") throw EmuError.BadRequest(NotLiveCode, $"The live task '{job.JobId}' is {job.State}, not live.");
                    job.Commands.Add(new JsonObject { ["command_id"] = commandId, ["command"] = command, ["params"] = parameters?.DeepClone() });
                }
                var o = new JsonObject { ["command_id"] = commandId, ["command"] = command };
                var result = Result(state, job, command);
                if (result != null) o["result"] = result;
                return EmuResponse.Ok(o);
            });

            host.Handlers.Add(OperationId.LiveEventReport, r =>
            {
                var job = FindJob(state, r);
                var key = r.Query("auth_key") ?? r.Http.Request.Headers["x-mss-auth-key"].FirstOrDefault();
                var expires = r.Query("expires_time") ?? r.Http.Request.Headers["x-mss-expires-time"].FirstOrDefault();
                var body = r.Json() ?? throw EmuError.Invalid("The request body is empty.");
                if (Num(body["total"]) is not double total) throw EmuError.Invalid("total is required.");
                var events = body["events"] as JsonArray ?? new JsonArray();
                if ((int)total != events.Count) throw EmuError.Invalid($"total {total} does not match the {events.Count} events sent.");
                foreach (var e in events)
                {
                    if (e is not JsonObject ev || Num(ev["timestamp"]) == null) throw EmuError.Invalid("events.timestamp is required.");
                    if (ev["type"] != null && Num(ev["type"]) is not (1 or 2 or 3 or 4 or 5 or 6)) throw EmuError.Invalid("events.type must be 1 to 6.");
                    if (ev["content"] != null && ev["content"] is not JsonValue) throw EmuError.Invalid("events.content must be a JSON-encoded string.");
                }
                lock (job.Sync)
                {
                    var now = host.Now.ToUnixTimeMilliseconds();
                    if (key == null || key != job.AuthKey || expires != job.ExpiresTime.ToString(CultureInfo.InvariantCulture) || now > job.ExpiresTime)
                        throw new EmuError(401, ReportKeyCode, "auth_key or expires_time is invalid or expired.");
                    if (job.State != "PROCESSING") throw EmuError.BadRequest(NotLiveCode, $"The live task '{job.JobId}' is {job.State}, not live.");
                    foreach (var e in events.OfType<JsonObject>()) job.Events.Add((JsonObject)e.DeepClone()); // each one checked above
                    if (string.Equals(r.Query("refresh_url"), "true", StringComparison.OrdinalIgnoreCase)) NewReportKey(host, job);
                }
                return EmuResponse.Ok(new JsonObject { ["live_event_report_url"] = ReportUrl(r, job) });
            });
        }

        private static void CheckStart(JsonObject body)
        {
            LiveRoomHandlers.CheckStream(body);
            if ((Str(body["interaction_callback_url"]) ?? "").Length > 2048) throw EmuError.Invalid("interaction_callback_url must be at most 2048 characters.");
        }

        /// <summary>Moves a task on, unless it already ended (a stop wins over a pending timer), and mirrors it on its room.</summary>
        private static void Move(EmulatorHost host, LiveRoomRecord? room, LiveJobRecord job, string to)
        {
            lock (job.Sync)
            {
                if (!job.IsActive) return;
                var now = host.Now;
                job.State = to;
                job.LastUpdateTime = now;
                if (to == "PROCESSING") job.StartTime = now;
                else job.EndTime = now;
                if (to == "FAILED") job.ErrorInfo = new JsonObject { ["error_code"] = FailedCode, ["error_msg"] = "The livestream was interrupted (emulated failure)." };
            }
            if (room == null) return;
            lock (room)
            {
                // Only the room's newest task speaks for the room.
                if (room.LastJobStartTime != job.CreateTime) return;
                room.LastJobStatus = job.State;
                if (job.EndTime.HasValue) room.LastJobEndTime = job.EndTime;
            }
        }

        private static void NewReportKey(EmulatorHost host, LiveJobRecord job)
        {
            job.AuthKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
            job.ExpiresTime = (host.Now + ReportKeyLifetime).ToUnixTimeMilliseconds();
        }

        private static string ReportUrl(EmuRequest r, LiveJobRecord job)
        {
            lock (job.Sync)
            {
                var path = $"v1/{r.ProjectId}/smart-live-rooms/{job.RoomId}/smart-live-jobs/{job.JobId}/live-event-report";
                return new Uri(r.BaseUri, path) + $"?auth_key={job.AuthKey}&expires_time={job.ExpiresTime.ToString(CultureInfo.InvariantCulture)}";
            }
        }

        private static JsonObject RtcRoom(EmulatorHost host, LiveJobRecord job) => new()
        {
            ["app_id"] = "emulator-rtc-app",
            ["room_id"] = "rtc-" + job.JobId,
            ["users"] = new JsonArray(new JsonObject { ["user_type"] = "PLAYER", ["user_id"] = "player-" + job.JobId[..8], ["signature"] = "emulated", ["ctime"] = host.Now.AddHours(24).ToUnixTimeSeconds() }),
        };

        private static LiveJobRecord FindJob(EmulatorState state, EmuRequest r)
        {
            var room = LiveRoomHandlers.FindRoom(state, r);
            var id = r.Path("job_id");
            if (id != null && state.LiveJobs.TryGetValue(id, out var job) && job.RoomId == room.RoomId) return job;
            throw EmuError.NotFound("MSS.00000003", $"The live task '{id}' does not exist in room '{room.RoomId}'.");
        }

        private static EmuResponse List(EmulatorHost host, EmuRequest r, IEnumerable<LiveJobRecord> jobs)
        {
            var states = r.Query("state")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var since = r.QueryTime("create_since");
            var until = r.QueryTime("create_until");
            var sortDir = r.Query("sort_dir");
            if (sortDir != null && sortDir is not ("asc" or "desc")) throw EmuError.Invalid($"sort_dir '{sortDir}' must be asc or desc.");
            var matches = jobs
                .Where(j => states == null || states.Contains(j.State))
                .Where(j => since == null || j.CreateTime >= since)
                .Where(j => until == null || j.CreateTime <= until);
            var ordered = (sortDir == "desc" ? matches.OrderByDescending(j => j.CreateTime).ThenByDescending(j => j.Sequence)
                : matches.OrderBy(j => j.CreateTime).ThenBy(j => j.Sequence)).ToList();
            var (offset, limit) = r.Paging();
            var page = new JsonArray(ordered.Skip(offset).Take(limit).Select(j => (JsonNode)ToJson(host, r, j)).ToArray());
            return EmuResponse.Ok(new JsonObject { ["count"] = ordered.Count, ["smart_live_jobs"] = page });
        }

        private static JsonObject ToJson(EmulatorHost host, EmuRequest r, LiveJobRecord job)
        {
            lock (job.Sync)
            {
                var end = job.EndTime ?? host.Now;
                var o = new JsonObject
                {
                    ["job_id"] = job.JobId,
                    ["room_id"] = job.RoomId,
                    ["room_name"] = job.RoomName,
                    ["state"] = job.State,
                    ["create_time"] = Time(job.CreateTime),
                    ["lastupdate_time"] = Time(job.LastUpdateTime),
                    ["rtc_room_info"] = RtcRoom(host, job),
                    ["live_event_report_url"] = ReportUrl(r, job),
                    ["used_resource_type"] = "ONDEMAND",
                    ["duration"] = job.StartTime.HasValue ? Math.Round((end - job.StartTime.Value).TotalSeconds, 3) : 0,
                    ["stream_duration"] = job.StartTime.HasValue ? Math.Round((end - job.StartTime.Value).TotalSeconds, 3) : 0,
                };
                if (job.StartTime.HasValue) o["start_time"] = Time(job.StartTime.Value);
                if (job.EndTime.HasValue) o["end_time"] = Time(job.EndTime.Value);
                if (job.ErrorInfo != null) o["error_info"] = job.ErrorInfo.DeepClone();
                if (job.Request["live_event_callback_config"] is JsonNode value) o["live_event_callback_config"] = value.DeepClone();
                return o;
            }
        }

        /// <summary>The result text of the commands that answer something (JSON, as the service sends it).</summary>
        private static string? Result(EmulatorState state, LiveJobRecord job, string command)
        {
            switch (command)
            {
                case "GET_CURRENT_PLAYING_SCRIPTS":
                    JsonArray scenes;
                    if (!state.LiveRooms.TryGetValue(job.RoomId, out var room)) scenes = new JsonArray();
                    else lock (room) scenes = (JsonArray)(room.Fields["scene_scripts"]?.DeepClone() ?? new JsonArray());
                    // A rewritten script replaces the room's scenes for the rest of the broadcast.
                    lock (job.Sync)
                    {
                        var rewrite = job.Commands.LastOrDefault(c => Str(c["command"]) == "REWRITE_PLAY_SCRIPT")?["params"]?["scene_scripts"] as JsonArray;
                        if (rewrite != null) scenes = (JsonArray)rewrite.DeepClone();
                    }
                    return new JsonObject { ["scene_scripts"] = scenes }.ToJsonString();
                case "GET_LIVE_JOB_CONFIG_INFO":
                    lock (job.Sync)
                    {
                        var config = (JsonObject)job.Request.DeepClone();
                        config.Remove("stream_keys");
                        return config.ToJsonString();
                    }
                default:
                    return null;
            }
        }
    }
}
