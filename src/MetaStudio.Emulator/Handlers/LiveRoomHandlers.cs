using System;
using System.Linq;
using System.Text.Json.Nodes;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.Emulator.Infrastructure;
using MetaStudio.Emulator.State;
using static MetaStudio.Emulator.Infrastructure.Wire;

namespace MetaStudio.Emulator.Handlers
{
    /// <summary>
    /// Live rooms (CreateSmartLiveRoom … DeleteSmartLiveRoom) and interaction rule libraries. A room is kept
    /// as the body the client sent; an update replaces it whole (room_name required), as the service does.
    /// A library update replaces the name and, when given, the rules; ShowInteractionRuleGroup reads one library
    /// with its rules. Unknown ids are 404 MSS.00000003.
    /// The service's limits are checked: names, a live video config (1080x1920, 1000–8000 kbps), one RTMP
    /// output URL, at most 5 backup models, rule priorities and at most 5 reply texts of 1024 characters.
    /// </summary>
    internal sealed class LiveRoomHandlers : IHandlerGroup
    {

        public void Register(EmulatorHost host)
        {
            var state = host.State;
            state.OnClear(() => { state.LiveRooms.Clear(); state.RuleGroups.Clear(); });

            host.Handlers.Add(OperationId.CreateSmartLiveRoom, r =>
            {
                var body = CheckRoom(r.Json());
                var room = new LiveRoomRecord { ProjectId = r.ProjectId, Fields = body };
                state.LiveRooms[room.RoomId] = room;
                return EmuResponse.Ok(new JsonObject { ["room_id"] = room.RoomId });
            });

            host.Handlers.Add(OperationId.ListSmartLiveRooms, r =>
            {
                var name = r.Query("room_name");
                var model = r.Query("model_name");
                var type = r.Query("room_type");
                var liveStates = r.Query("live_state")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var start = r.QueryTime("start_time");
                var end = r.QueryTime("end_time");
                var matches = state.LiveRooms.Values
                    .Where(x => x.ProjectId == r.ProjectId)
                    .Where(x => name == null || (Str(x.Fields["room_name"]) ?? "").Contains(name, StringComparison.OrdinalIgnoreCase))
                    .Where(x => type == null || RoomType(x) == type)
                    .Where(x => model == null || ModelNames(state, x).Any(n => n.Contains(model, StringComparison.OrdinalIgnoreCase)))
                    .Where(x => liveStates == null || liveStates.Contains(x.LastJobStatus ?? "NULL"))
                    .Where(x => start == null || (x.LastJobStartTime.HasValue && x.LastJobStartTime >= start))
                    .Where(x => end == null || (x.LastJobStartTime.HasValue && x.LastJobStartTime <= end))
                    .OrderBy(x => x.CreateTime).ThenBy(x => x.RoomId, StringComparer.Ordinal)
                    .ToList();
                var (offset, limit) = r.Paging();
                var page = new JsonArray(matches.Skip(offset).Take(limit).Select(x => Summary(state, x)).ToArray<JsonNode>());
                return EmuResponse.Ok(new JsonObject { ["count"] = matches.Count, ["smart_live_rooms"] = page });
            });

            host.Handlers.Add(OperationId.ShowSmartLiveRoom, r => EmuResponse.Ok(Details(state, FindRoom(state, r))));

            host.Handlers.Add(OperationId.UpdateSmartLiveRoom, r =>
            {
                var room = FindRoom(state, r);
                var body = CheckRoom(r.Json());
                lock (room)
                {
                    room.Fields = body;
                    room.UpdateTime = DateTimeOffset.UtcNow;
                }
                return EmuResponse.Ok(Details(state, room));
            });

            host.Handlers.Add(OperationId.DeleteSmartLiveRoom, r =>
            {
                state.LiveRooms.TryRemove(FindRoom(state, r).RoomId, out _);
                return EmuResponse.NoContent();
            });

            host.Handlers.Add(OperationId.CreateInteractionRuleGroup, r =>
            {
                var body = r.Json() ?? new JsonObject();
                var group = new RuleGroupRecord { ProjectId = r.ProjectId, GroupName = GroupName(body), Rules = CheckRules(body["interaction_rules"] as JsonArray) ?? new JsonArray() };
                state.RuleGroups[group.GroupId] = group;
                return EmuResponse.Ok(new JsonObject { ["group_id"] = group.GroupId });
            });

            host.Handlers.Add(OperationId.ListInteractionRuleGroups, r =>
            {
                var name = r.Query("group_name");
                var since = r.QueryTime("create_since");
                var until = r.QueryTime("create_until");
                var matches = state.RuleGroups.Values
                    .Where(g => g.ProjectId == r.ProjectId)
                    .Where(g => name == null || g.GroupName?.Contains(name, StringComparison.OrdinalIgnoreCase) == true)
                    .Where(g => since == null || g.CreateTime >= since)
                    .Where(g => until == null || g.CreateTime <= until)
                    .OrderBy(g => g.CreateTime).ThenBy(g => g.GroupId, StringComparer.Ordinal)
                    .ToList();
                var (offset, limit) = r.Paging();
                // The service no longer fills interaction_rules in the list.
                var page = new JsonArray(matches.Skip(offset).Take(limit).Select(g => Group(g, withRules: false)).ToArray<JsonNode>());
                return EmuResponse.Ok(new JsonObject { ["count"] = matches.Count, ["interaction_rule_groups"] = page });
            });

            host.Handlers.Add(OperationId.ShowInteractionRuleGroup, r => EmuResponse.Ok(Group(FindGroup(state, r), withRules: true)));

            host.Handlers.Add(OperationId.UpdateInteractionRuleGroup, r =>
            {
                var group = FindGroup(state, r);
                var body = r.Json() ?? new JsonObject();
                var name = GroupName(body);
                var rules = CheckRules(body["interaction_rules"] as JsonArray);
                lock (group)
                {
                    group.GroupName = name;
                    if (rules != null) group.Rules = rules;
                    group.UpdateTime = DateTimeOffset.UtcNow;
                    return EmuResponse.Ok(Group(group, withRules: true));
                }
            });

            host.Handlers.Add(OperationId.DeleteInteractionRuleGroup, r =>
            {
                state.RuleGroups.TryRemove(FindGroup(state, r).GroupId, out _);
                return EmuResponse.NoContent();
            });
        }

        internal static LiveRoomRecord FindRoom(EmulatorState state, EmuRequest r)
        {
            var id = r.Path("room_id");
            if (id != null && state.LiveRooms.TryGetValue(id, out var room) && room.ProjectId == r.ProjectId) return room;
            throw EmuError.NotFound("MSS.00000003", $"The live room '{id}' does not exist.");
        }

        private static RuleGroupRecord FindGroup(EmulatorState state, EmuRequest r)
        {
            var id = r.Path("group_id");
            if (id != null && state.RuleGroups.TryGetValue(id, out var group) && group.ProjectId == r.ProjectId) return group;
            throw EmuError.NotFound("MSS.00000003", $"The interaction rule library '{id}' does not exist.");
        }

        private static JsonObject CheckRoom(JsonObject? body)
        {
            body ??= new JsonObject();
            var name = Str(body["room_name"]);
            if (string.IsNullOrEmpty(name) || name.Length > 256) throw EmuError.Invalid("room_name must be 1 to 256 characters.");
            if ((Str(body["room_description"]) ?? "").Length > 1024) throw EmuError.Invalid("room_description must be at most 1024 characters.");
            CheckStream(body);
            if ((body["backup_model_asset_ids"] as JsonArray)?.Count > 5) throw EmuError.Invalid("backup_model_asset_ids takes at most 5 ids.");
            foreach (var scene in (body["scene_scripts"] as JsonArray ?? new JsonArray()).OfType<JsonObject>())
            {
                var scriptName = Str(scene["script_name"]);
                if (string.IsNullOrEmpty(scriptName) || scriptName.Length > 256) throw EmuError.Invalid("scene_scripts.script_name must be 1 to 256 characters.");
                if (!(scene["shoot_scripts"] is JsonArray shots) || shots.Count == 0) throw EmuError.Invalid("scene_scripts.shoot_scripts is required.");
            }
            if (body["interaction_rules"] is JsonArray rules) body["interaction_rules"] = CheckRules(rules);
            return body;
        }

        /// <summary>The stream settings a room and a live task share: a live video config and one RTMP output URL.</summary>
        internal static void CheckStream(JsonObject body)
        {
            if (body["video_config"] is JsonObject video)
            {
                if (Num(video["bitrate"]) is null or < 1000 or > 8000) throw EmuError.Invalid("video_config.bitrate must be 1000 to 8000 for a livestream.");
                if ($"{Num(video["width"])}x{Num(video["height"])}" != "1080x1920") throw EmuError.Invalid("video_config must be 1080x1920 for a livestream.");
            }
            if (body["output_urls"] is JsonArray urls && (urls.Count > 1 || urls.Any(u => !(Str(u) ?? "").StartsWith("rtmp", StringComparison.OrdinalIgnoreCase))))
                throw EmuError.Invalid("output_urls takes one RTMP URL.");
        }

        /// <summary>Checks rules and numbers them (rule_index), as the service does.</summary>
        private static JsonArray? CheckRules(JsonArray? rules)
        {
            if (rules == null) return null;
            var result = new JsonArray();
            var index = 1;
            foreach (var node in rules)
            {
                if (node is not JsonObject rule) throw EmuError.Invalid("interaction_rules items must be objects.");
                rule = (JsonObject)rule.DeepClone();
                if ((Str(rule["rule_name"]) ?? "").Length > 256) throw EmuError.Invalid("rule_name must be at most 256 characters.");
                if (rule["event_type"] != null && Num(rule["event_type"]) is not (1 or 2 or 3 or 4 or 10)) throw EmuError.Invalid("event_type must be 1, 2, 3, 4 or 10.");
                if (rule["hit_condition"]?["priority"] is JsonNode p && Num(p) is null or < 0 or > 999) throw EmuError.Invalid("hit_condition.priority must be 0 to 999.");
                if (rule["trigger"]?["reply_texts"] is JsonArray texts && (texts.Count > 5 || texts.Any(t => (Str(t) ?? "").Length is 0 or > 1024)))
                    throw EmuError.Invalid("trigger.reply_texts takes at most 5 texts of 1 to 1024 characters.");
                rule["rule_index"] ??= (index).ToString(System.Globalization.CultureInfo.InvariantCulture);
                rule["enabled"] ??= true;
                index++;
                result.Add(rule);
            }
            return result;
        }

        private static string GroupName(JsonObject body)
        {
            var name = Str(body["group_name"]);
            if (string.IsNullOrEmpty(name) || name.Length > 256) throw EmuError.Invalid("group_name must be 1 to 256 characters.");
            return name;
        }

        private static string RoomType(LiveRoomRecord room) => Str(room.Fields["room_type"]) ?? "NORMAL";

        private static string[] ModelIds(LiveRoomRecord room)
            => (room.Fields["scene_scripts"] as JsonArray ?? new JsonArray()).Select(s => Str(s?["model_asset_id"])).OfType<string>().Distinct().ToArray();

        // A room's model is named by its asset when the asset exists here, else by its id.
        private static string[] ModelNames(EmulatorState state, LiveRoomRecord room)
            => ModelIds(room).Select(id => state.Assets.TryGetValue(id, out var a) ? a.AssetName ?? id : id).ToArray();

        private static JsonArray ModelInfos(EmulatorState state, LiveRoomRecord room)
            => new(ModelIds(room).Select(id => (JsonNode)new JsonObject
            {
                ["model_asset_id"] = id,
                ["asset_name"] = state.Assets.TryGetValue(id, out var a) ? a.AssetName : null,
                ["backup_model_asset_ids"] = room.Fields["backup_model_asset_ids"]?.DeepClone(),
            }).ToArray());

        private static JsonObject Summary(EmulatorState state, LiveRoomRecord room)
        {
            lock (room)
            {
                var o = new JsonObject
                {
                    ["room_id"] = room.RoomId,
                    ["room_name"] = room.Fields["room_name"]?.DeepClone(),
                    ["room_type"] = RoomType(room),
                    ["room_state"] = "ENABLE",
                    ["model_infos"] = ModelInfos(state, room),
                    ["create_time"] = Time(room.CreateTime),
                    ["update_time"] = Time(room.UpdateTime),
                };
                if (room.Fields["room_description"] is JsonNode value) o["room_description"] = value.DeepClone();
                if (room.LastJobStatus != null) o["last_job_status"] = room.LastJobStatus;
                if (room.LastJobStartTime.HasValue) o["last_job_start_time"] = Time(room.LastJobStartTime.Value);
                if (room.LastJobEndTime.HasValue) o["last_job_end_time"] = Time(room.LastJobEndTime.Value);
                return o;
            }
        }

        /// <summary>What only the list's room summaries carry (SmartLiveRoomBaseInfo); a room's details do not.</summary>
        private static readonly string[] SummaryOnly = { "model_infos", "last_job_status", "last_job_start_time", "last_job_end_time" };

        private static JsonObject Details(EmulatorState state, LiveRoomRecord room)
        {
            lock (room)
            {
                var o = (JsonObject)room.Fields.DeepClone();
                foreach (var kv in Summary(state, room).ToList())
                    if (!SummaryOnly.Contains(kv.Key)) o[kv.Key] = kv.Value?.DeepClone();
                o["view_mode"] ??= "VERTICAL";
                return o;
            }
        }

        private static JsonObject Group(RuleGroupRecord g, bool withRules)
        {
            lock (g)
            {
                var o = new JsonObject
                {
                    ["group_id"] = g.GroupId,
                    ["group_name"] = g.GroupName,
                    ["create_time"] = Time(g.CreateTime),
                    ["update_time"] = Time(g.UpdateTime),
                };
                if (withRules) o["interaction_rules"] = g.Rules.DeepClone();
                return o;
            }
        }
    }
}
