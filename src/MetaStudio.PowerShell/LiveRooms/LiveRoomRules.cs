using System;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using static MetaStudio.PowerShell.Core.Json.JsonNodes;

namespace MetaStudio.PowerShell.LiveRooms
{
    /// <summary>
    /// The documented limits of live rooms and interaction rules, checked before anything is sent so a
    /// mistake costs no request (and no rate budget: room changes are limited to a few per second).
    /// Each check answers null when the value looks right, else a message naming the field.
    /// </summary>
    internal static class LiveRoomRules
    {
        public const int LiveWidth = 1080;
        public const int LiveHeight = 1920;
        public const int MinLiveBitrate = 1000;
        public const int MaxLiveBitrate = 8000;
        public const int MaxReplyTexts = 5;
        public const int MaxReplyTextLength = 1024;
        public const int MaxBackupModels = 5;
        public static readonly int[] EventTypes = { 1, 2, 3, 4, 10 };

        /// <summary>The fields of a room body that were given (a whole room on create, the changes on update).</summary>
        public static string? CheckRoom(JsonObject room)
        {
            return Length(room, "room_name", 1, 256) ?? Length(room, "room_description", 0, 1024) ?? Length(room, "priv_data", 0, 8192)
                ?? CheckVideo(room["video_config"] as JsonObject)
                ?? CheckOutputUrls(room["output_urls"] as JsonArray)
                ?? ((room["backup_model_asset_ids"] as JsonArray)?.Count > MaxBackupModels ? $"A room takes at most {MaxBackupModels} backup model assets." : null)
                ?? CheckScenes(room["scene_scripts"] as JsonArray)
                ?? CheckRules(room["interaction_rules"] as JsonArray)
                ?? CheckPlayPolicy(room["play_policy"] as JsonObject)
                ?? CheckCallback(room["live_event_callback_config"] as JsonObject);
        }

        /// <summary>A livestream is portrait 1080x1920 only, at 1000 to 8000 kbps.</summary>
        public static string? CheckVideo(JsonObject? video)
        {
            if (video == null) return null;
            var bitrate = Number(video["bitrate"]);
            if (bitrate == null || bitrate < MinLiveBitrate || bitrate > MaxLiveBitrate)
                return $"Live video bitrate {video["bitrate"]?.ToJsonString() ?? "(none)"} is out of range; use {MinLiveBitrate} to {MaxLiveBitrate} kbps.";
            var size = $"{Number(video["width"])}x{Number(video["height"])}";
            if (size != $"{LiveWidth}x{LiveHeight}") return $"Live video size {size} is not supported; a livestream is {LiveWidth}x{LiveHeight}.";
            return null;
        }

        private static string? CheckOutputUrls(JsonArray? urls)
        {
            if (urls == null) return null;
            if (urls.Count > 1) return "A room streams to one output URL.";
            foreach (var url in urls.Select(Str))
                if (url == null || !(url.StartsWith("rtmp://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("rtmps://", StringComparison.OrdinalIgnoreCase)) || url.Length > 2048)
                    return $"Output URL '{url}' is not an RTMP URL (rtmp:// or rtmps://, at most 2048 characters).";
            return null;
        }

        private static string? CheckScenes(JsonArray? scenes)
        {
            if (scenes == null) return null;
            foreach (var scene in scenes)
            {
                if (!(scene is JsonObject s)) return "Each scene script must be a hashtable or an object.";
                var name = s["script_name"] == null ? "script_name is required." : Length(s, "script_name", 1, 256);
                if (name != null) return "Scene script: " + name;
                if (!(s["shoot_scripts"] is JsonArray shots) || shots.Count == 0) return $"Scene '{Str(s["script_name"])}' has no shoot_scripts; each scene needs at least one.";
                foreach (var shot in shots.OfType<JsonObject>())
                {
                    var problem = Length(shot, "title", 0, 256);
                    if (problem != null) return $"Scene '{Str(s["script_name"])}': {problem}";
                    var text = Str(shot["text_config"]?["text"]);
                    if (shot["text_config"] != null && string.IsNullOrWhiteSpace(text))
                        return $"Scene '{Str(s["script_name"])}' paragraph {shot["sequence_no"]?.ToJsonString()} has an empty text.";
                }
            }
            return null;
        }

        /// <summary>Interaction rules of a room or of a rule library.</summary>
        public static string? CheckRules(JsonArray? rules)
        {
            if (rules == null) return null;
            foreach (var node in rules)
            {
                if (!(node is JsonObject rule)) return "Each interaction rule must be a hashtable or an object.";
                var label = Str(rule["rule_name"]) ?? "(unnamed)";
                var problem = Length(rule, "rule_name", 0, 256);
                if (problem != null) return problem;
                var eventType = Number(rule["event_type"]);
                if (rule["event_type"] != null && (eventType == null || !EventTypes.Contains((int)eventType.Value) || eventType % 1 != 0))
                    return $"Rule '{label}': event_type {rule["event_type"]?.ToJsonString()} is not one of 1 (comment), 2 (enter), 3 (like), 4 (gift), 10 (preset script match).";
                if (rule["hit_condition"] is JsonObject hit)
                {
                    var priority = Number(hit["priority"]);
                    if (hit["priority"] != null && (priority == null || priority < 0 || priority > 999)) return $"Rule '{label}': priority {hit["priority"]?.ToJsonString()} is out of range; use 0 to 999.";
                    foreach (var tag in (hit["tags"] as JsonArray ?? new JsonArray()).OfType<JsonObject>())
                    {
                        problem = Length(tag, "tag", 0, 256) ?? Length(tag, "value", 0, 1024);
                        if (problem != null) return $"Rule '{label}': {problem}";
                    }
                }
                if (rule["trigger"] is JsonObject trigger)
                {
                    problem = CheckTrigger(trigger);
                    if (problem != null) return $"Rule '{label}': {problem}";
                }
                if ((rule["enabled_scenes"] as JsonArray)?.Count > 100) return $"Rule '{label}': at most 100 enabled scenes.";
            }
            return null;
        }

        private static string? CheckTrigger(JsonObject trigger)
        {
            var mode = Str(trigger["reply_mode"]);
            if (mode == "INTELLIGENT_REPLY" && string.IsNullOrEmpty(Str(trigger["robot_id"]))) return "reply_mode INTELLIGENT_REPLY needs a robot_id.";
            if (trigger["reply_texts"] is JsonArray texts)
            {
                if (texts.Count > MaxReplyTexts) return $"{texts.Count} reply texts; a rule takes at most {MaxReplyTexts}.";
                foreach (var text in texts.Select(Str))
                    if (text == null || text.Length == 0 || text.Length > MaxReplyTextLength) return $"Each reply text needs 1 to {MaxReplyTextLength} characters; one has {text?.Length ?? 0}.";
            }
            if ((trigger["reply_audios"] as JsonArray)?.Count > MaxReplyTexts) return $"A rule takes at most {MaxReplyTexts} reply audios.";
            var window = Number(trigger["time_window"]);
            if (trigger["time_window"] != null && (window == null || window < -1)) return $"time_window {trigger["time_window"]?.ToJsonString()} must be -1 (once per live), 0 (always) or a number of seconds.";
            return null;
        }

        private static string? CheckPlayPolicy(JsonObject? policy)
        {
            if (policy == null) return null;
            var repeat = Number(policy["repeat_count"]);
            if (policy["repeat_count"] != null && (repeat == null || repeat < -1)) return "Play policy repeat_count must be -1 (forever), 0 (once) or more.";
            if (policy["live_exit_config"] is JsonObject exit)
            {
                var hours = Number(exit["max_live_duration"]);
                if (exit["max_live_duration"] != null && (hours == null || hours < 0 || hours > 168)) return "Play policy max_live_duration must be 0 (unlimited) to 168 hours.";
                var minutes = Number(exit["max_exception_waiting_duration"]);
                if (exit["max_exception_waiting_duration"] != null && (minutes == null || minutes < 0 || minutes > 60)) return "Play policy max_exception_waiting_duration must be 0 to 60 minutes.";
            }
            return null;
        }

        private static string? CheckCallback(JsonObject? callback)
        {
            if (callback == null) return null;
            var url = Str(callback["live_event_type_callback_url"]);
            if (url != null && (!url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.Length > 2048))
                return $"Live event callback URL '{url}' must be https and at most 2048 characters.";
            return Length(callback, "key", 0, 32);
        }

        private static string? Length(JsonObject o, string field, int min, int max)
        {
            var node = o[field];
            if (node == null) return min > 0 && o.ContainsKey(field) ? $"{field} is required." : null;
            var text = Str(node) ?? "";
            return text.Length < min || text.Length > max ? $"{field} must be {min} to {max} characters; it has {text.Length}." : null;
        }
    }
}
