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
    /// Video scripts (CreateVideoScripts … CopyVideoScripts). Scripts are kept as the JSON the client
    /// sent; an update replaces the top-level fields it names and keeps the others. An unknown id is
    /// answered 404 MSS.00000003. Listing filters by name (contains, case-insensitive), script_catalog
    /// (every stored script is a VIDEO_DRAFT; there are no system templates) and view_mode (when given).
    /// </summary>
    internal sealed class VideoScriptHandlers : IHandlerGroup
    {
        private static readonly string[] ResizeSizes = { "1920x1080", "1080x1920", "1280x720", "720x1280", "3840x2160", "2160x3840" };

        public void Register(EmulatorHost host)
        {
            var state = host.State;
            state.RegisterVideoClear();

            host.Handlers.Add(OperationId.CreateVideoScripts, r =>
            {
                var body = r.Json() ?? new JsonObject();
                CheckContent(body);
                var record = new VideoScriptRecord { ProjectId = r.ProjectId, Fields = body };
                state.VideoScripts[record.ScriptId] = record;
                return EmuResponse.Ok(new JsonObject { ["script_id"] = record.ScriptId, ["audio_files"] = new JsonObject { ["audio_file_url"] = new JsonArray() } });
            });

            host.Handlers.Add(OperationId.ListVideoScripts, r =>
            {
                var name = r.Query("name");
                var catalog = r.Query("script_catalog") ?? "VIDEO_DRAFT";
                var view = r.Query("view_mode");
                var matches = state.VideoScripts.Values
                    .Where(s => s.ProjectId == r.ProjectId && catalog == "VIDEO_DRAFT")
                    .Where(s => name == null || (Str(s.Fields["script_name"]) ?? "").Contains(name, StringComparison.OrdinalIgnoreCase))
                    .Where(s => view == null || (Str(s.Fields["view_mode"]) ?? "LANDSCAPE") == view)
                    .OrderBy(s => s.CreateTime).ThenBy(s => s.ScriptId, StringComparer.Ordinal)
                    .ToList();
                var (offset, limit) = r.Paging();
                var page = new JsonArray(matches.Skip(offset).Take(limit).Select(Summary).ToArray<JsonNode>());
                return EmuResponse.Ok(new JsonObject { ["count"] = matches.Count, ["video_scripts"] = page });
            });

            host.Handlers.Add(OperationId.ShowVideoScript, r => EmuResponse.Ok(Details(Find(state, r))));

            host.Handlers.Add(OperationId.UpdateVideoScript, r =>
            {
                var script = Find(state, r);
                var body = r.Json() ?? new JsonObject();
                CheckContent(body);
                lock (script)
                {
                    foreach (var kv in body.ToList()) script.Fields[kv.Key] = kv.Value?.DeepClone();
                    script.UpdateTime = DateTimeOffset.UtcNow;
                }
                return EmuResponse.Ok(new JsonObject { ["script_id"] = script.ScriptId, ["audio_files"] = new JsonObject { ["audio_file_url"] = new JsonArray() } });
            });

            host.Handlers.Add(OperationId.DeleteVideoScript, r =>
            {
                var script = Find(state, r);
                state.VideoScripts.TryRemove(script.ScriptId, out _);
                return EmuResponse.NoContent();
            });

            host.Handlers.Add(OperationId.CopyVideoScripts, r =>
            {
                var source = Find(state, r);
                JsonObject fields;
                lock (source) fields = (JsonObject)source.Fields.DeepClone();
                fields["script_name"] = (Str(fields["script_name"]) ?? "script") + "_copy";
                var copy = new VideoScriptRecord { ProjectId = r.ProjectId, Fields = fields };
                state.VideoScripts[copy.ScriptId] = copy;
                return EmuResponse.Ok(new JsonObject { ["script_id"] = copy.ScriptId });
            });
        }

        internal static VideoScriptRecord Find(EmulatorState state, EmuRequest r, string? scriptId = null)
        {
            var id = scriptId ?? r.Path("script_id");
            if (id != null && state.VideoScripts.TryGetValue(id, out var script) && script.ProjectId == r.ProjectId) return script;
            throw EmuError.NotFound("MSS.00000003", $"The video script '{id}' does not exist.");
        }

        /// <summary>The checks the service makes on script content (also used for video tasks).</summary>
        internal static void CheckContent(JsonObject body, bool photo = false)
        {
            if (body["video_config"] is JsonObject video)
            {
                var bitrate = Num(video["bitrate"]);
                if (bitrate is null or < 40 or > 30000) throw EmuError.Invalid("video_config.bitrate must be 40 to 30000.");
                // A photo video has the photo's size.
                if (!photo && (Str(video["clip_mode"]) ?? "RESIZE") == "RESIZE" && !ResizeSizes.Contains($"{Num(video["width"])}x{Num(video["height"])}"))
                    throw EmuError.Invalid($"video_config size {Num(video["width"])}x{Num(video["height"])} is not supported.");
            }
            if (body["voice_config"] is JsonObject voice && string.IsNullOrEmpty(Str(voice["voice_asset_id"])))
                throw EmuError.Invalid("voice_config.voice_asset_id is required.");
            if (body["shoot_scripts"] is JsonArray shots)
            {
                foreach (var shot in shots.OfType<JsonObject>())
                {
                    if ((Str(shot["shoot_script"]?["script_type"]) ?? "TEXT") != "TEXT") continue;
                    var text = Str(shot["shoot_script"]?["text_config"]?["text"]);
                    if (string.IsNullOrEmpty(text) || text.Length > 10000) throw EmuError.Invalid("shoot_script.text_config.text must be 1 to 10000 characters.");
                }
            }
        }

        private static JsonObject Summary(VideoScriptRecord s)
        {
            lock (s)
            {
                return new JsonObject
                {
                    ["script_id"] = s.ScriptId,
                    ["script_name"] = s.Fields["script_name"]?.DeepClone() ?? "",
                    ["script_description"] = s.Fields["script_description"]?.DeepClone(),
                    ["model_asset_id"] = s.Fields["model_asset_id"]?.DeepClone(),
                    ["model_asset_type"] = s.Fields["model_asset_type"]?.DeepClone(),
                    ["script_type"] = "TEXT",
                    ["text"] = FirstText(s.Fields),
                    ["create_time"] = Time(s.CreateTime),
                    ["update_time"] = Time(s.UpdateTime),
                };
            }
        }

        private static JsonObject Details(VideoScriptRecord s)
        {
            lock (s)
            {
                var o = (JsonObject)s.Fields.DeepClone();
                o["script_id"] = s.ScriptId;
                o["view_mode"] ??= "LANDSCAPE";
                o["create_time"] = Time(s.CreateTime);
                o["update_time"] = Time(s.UpdateTime);
                return o;
            }
        }

        private static string? FirstText(JsonObject fields)
            => (fields["shoot_scripts"] as JsonArray)?.Select(x => Str(x?["shoot_script"]?["text_config"]?["text"])).FirstOrDefault(t => t != null);
    }
}
