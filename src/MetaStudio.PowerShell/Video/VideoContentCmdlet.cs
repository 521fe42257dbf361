using System;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Json;
using static MetaStudio.PowerShell.Core.Json.JsonNodes;

namespace MetaStudio.PowerShell.Video
{
    /// <summary>
    /// The parameters that describe what a video says and looks like, shared by New-/Set-MsVideoScript
    /// and Start-MsVideoTask: typed parameters for the common fields, hashtables for the rest, and
    /// one check of the merged result before anything is sent.
    /// </summary>
    public abstract class VideoContentCmdlet : MsCmdlet
    {
        private protected VideoContentCmdlet() { } // derived only by this module's own classes
        internal const string DefaultCodec = "H264";
        internal const int DefaultWidth = 1920;
        internal const int DefaultHeight = 1080;
        internal const int DefaultBitrate = 4000;
        internal const string DefaultFrameRate = "25";
        internal const int MaxTextLength = 10000;

        /// <summary>Sizes the service can RESIZE a video to (width x height).</summary>
        internal static readonly string[] ResizeSizes = { "1920x1080", "1080x1920", "1280x720", "720x1280", "3840x2160", "2160x3840" };

        /// <summary>Texts to speak: one TEXT shot per item, numbered from 1.</summary>
        [Parameter]
        [ValidateNotNull]
        public string[]? Text { get; set; }

        [Parameter]
        [ValidateMsId]
        public string? ModelAssetId { get; set; }

        [Parameter]
        [ValidateMsId]
        public string? VoiceAssetId { get; set; }

        [Parameter]
        [ValidateRange(50, 200)]
        public int? Speed { get; set; }

        [Parameter]
        [ValidateRange(50, 200)]
        public int? Pitch { get; set; }

        [Parameter]
        [ValidateRange(90, 240)]
        public int? Volume { get; set; }

        [Parameter]
        [ValidateRange(1, 10000)]
        public int? Width { get; set; }

        [Parameter]
        [ValidateRange(1, 10000)]
        public int? Height { get; set; }

        [Parameter]
        [ValidateSet("H264", "VP8", "VP9", "QTRLE")]
        public string? Codec { get; set; }

        [Parameter]
        [ValidateRange(40, 30000)]
        public int? Bitrate { get; set; }

        [Parameter]
        [ValidateSet("24", "25", "30")]
        public string? FrameRate { get; set; }

        [Parameter]
        public SwitchParameter SubtitleEnabled { get; set; }

        /// <summary>Shots as hashtables or objects (ShootScriptItem), added after those of -Text.</summary>
        [Parameter]
        [ValidateNotNull]
        public object[]? ShootScript { get; set; }

        [Parameter]
        [ValidateNotNull]
        public object? VideoConfig { get; set; }

        [Parameter]
        [ValidateNotNull]
        public object? VoiceConfig { get; set; }

        [Parameter]
        [ValidateNotNull]
        public object? BackgroundMusicConfig { get; set; }

        /// <summary>True when the video is portrait, so the default size is 1080x1920 rather than 1920x1080.</summary>
        private protected virtual bool IsVertical => false;

        /// <summary>
        /// True for a video made from a photo: its video config (PhotoVideoConfig) has a codec, a bitrate and a
        /// frame rate, no size (the photo's), and there is no avatar model.
        /// </summary>
        private protected virtual bool IsPhotoVideo => false;

        private bool HasVideoParameters => Width.HasValue || Height.HasValue || Codec != null || Bitrate.HasValue || FrameRate != null
            || MyInvocation.BoundParameters.ContainsKey(nameof(SubtitleEnabled)) || VideoConfig != null;

        /// <summary>
        /// The content fields of the request body. With <paramref name="videoDefaults"/> a video_config is
        /// always sent (1920x1080, or 1080x1920 when vertical, H264 4000 kbps 25 fps unless told otherwise); without it only when asked for,
        /// still completed with those defaults because the service requires every field of it.
        /// Throws ArgumentException on input that cannot be turned into a body.
        /// </summary>
        private protected JsonObject BuildContent(bool videoDefaults)
        {
            var body = new JsonObject();
            if (IsPhotoVideo)
            {
                if (ModelAssetId != null) throw new ArgumentException("-ModelAssetId is for videos of an avatar model; a photo video's avatar is its photo.");
                if (Width.HasValue || Height.HasValue || MyInvocation.BoundParameters.ContainsKey(nameof(SubtitleEnabled)))
                    throw new ArgumentException("A photo video has no -Width, -Height or -SubtitleEnabled: its size is the photo's.");
            }
            if (ModelAssetId != null) body["model_asset_id"] = ModelAssetId;

            var voice = VoiceConfig != null ? ToObject(VoiceConfig, "-VoiceConfig") : null;
            if (voice != null || VoiceAssetId != null || Speed.HasValue || Pitch.HasValue || Volume.HasValue)
            {
                voice = voice ?? new JsonObject();
                if (VoiceAssetId != null) voice["voice_asset_id"] = VoiceAssetId;
                if (Speed.HasValue) voice["speed"] = Speed.Value;
                if (Pitch.HasValue) voice["pitch"] = Pitch.Value;
                if (Volume.HasValue) voice["volume"] = Volume.Value;
                body["voice_config"] = voice;
            }

            if (videoDefaults || HasVideoParameters)
            {
                var video = IsPhotoVideo
                    ? new JsonObject { ["codec"] = DefaultCodec, ["bitrate"] = DefaultBitrate, ["frame_rate"] = DefaultFrameRate }
                    : new JsonObject
                    {
                        ["codec"] = DefaultCodec, ["bitrate"] = DefaultBitrate, ["width"] = IsVertical ? DefaultHeight : DefaultWidth, ["height"] = IsVertical ? DefaultWidth : DefaultHeight,
                        ["frame_rate"] = DefaultFrameRate, ["is_subtitle_enable"] = false,
                    };
                if (VideoConfig != null)
                    foreach (var kv in ToObject(VideoConfig, "-VideoConfig").ToList()) video[kv.Key] = kv.Value?.DeepClone();
                if (Width.HasValue) video["width"] = Width.Value;
                if (Height.HasValue) video["height"] = Height.Value;
                if (Codec != null) video["codec"] = Codec.ToUpperInvariant();
                if (Bitrate.HasValue) video["bitrate"] = Bitrate.Value;
                if (FrameRate != null) video["frame_rate"] = FrameRate;
                if (MyInvocation.BoundParameters.ContainsKey(nameof(SubtitleEnabled))) video["is_subtitle_enable"] = SubtitleEnabled.IsPresent;
                body["video_config"] = video;
            }

            var shots = new JsonArray();
            var next = 1;
            foreach (var text in Text ?? Array.Empty<string>())
            {
                shots.Add(new JsonObject
                {
                    ["sequence_no"] = next++,
                    ["shoot_script"] = new JsonObject { ["script_type"] = "TEXT", ["text_config"] = new JsonObject { ["text"] = text } },
                });
            }
            foreach (var item in ShootScript ?? Array.Empty<object>())
            {
                var shot = ToObject(item, "-ShootScript");
                if (shot["sequence_no"] == null) shot["sequence_no"] = next;
                next = Math.Max(next, (int)(Number(shot["sequence_no"]) ?? next)) + 1;
                shots.Add(shot);
            }
            if (shots.Count > 0) body["shoot_scripts"] = shots;

            if (BackgroundMusicConfig != null) body["background_music_config"] = ToObject(BackgroundMusicConfig, "-BackgroundMusicConfig");
            return body;
        }

        /// <summary>Builds the content, reporting unusable input as a non-terminating error; null when it was.</summary>
        private protected JsonObject? TryBuildContent(bool videoDefaults, object target)
        {
            JsonObject body;
            try
            {
                body = BuildContent(videoDefaults);
            }
            catch (ArgumentException ex)
            {
                WriteError(ErrorRecords.InvalidInput(ex.Message, target));
                return null;
            }
            var problem = Validate(body, IsPhotoVideo);
            if (problem == null) return body;
            WriteError(ErrorRecords.InvalidInput(problem, target));
            return null;
        }

        /// <summary>
        /// What the service would reject in a content body that its model does not say (ranges, sizes, text
        /// lengths), found locally; null when it looks right. Names, types and enum values are the API spec's
        /// check, made on every request before it is sent.
        /// </summary>
        internal static string? Validate(JsonObject body, bool photo = false)
        {
            var problem = CheckVideo(body["video_config"] as JsonObject, photo) ?? CheckVoice(body["voice_config"] as JsonObject);
            if (problem != null) return problem;
            var model = Str(body["model_asset_id"]);
            if (body["model_asset_id"] != null && !ValidateMsIdAttribute.IsValid(model)) return $"'{model}' is not a valid model asset id.";
            if (body["shoot_scripts"] is JsonArray shots)
            {
                foreach (var shot in shots.OfType<JsonObject>())
                {
                    var type = Str(shot["shoot_script"]?["script_type"]) ?? "TEXT";
                    if (type != "TEXT") continue;
                    var text = Str(shot["shoot_script"]?["text_config"]?["text"]);
                    if (text == null || string.IsNullOrWhiteSpace(text)) return $"Shot {shot["sequence_no"]?.ToJsonString()} has no text; every TEXT shot needs 1 to {MaxTextLength} characters.";
                    if (text.Length > MaxTextLength) return $"Shot {shot["sequence_no"]?.ToJsonString()} has {text.Length} characters; the limit is {MaxTextLength}.";
                }
            }
            return null;
        }

        private static string? CheckVideo(JsonObject? video, bool photo)
        {
            if (video == null) return null;
            var bitrate = Number(video["bitrate"]);
            if (video["bitrate"] != null && (bitrate == null || bitrate < 40 || bitrate > 30000))
                return $"Video bitrate {video["bitrate"]?.ToJsonString()} is out of range; use 40 to 30000 kbps.";
            // A photo video takes the photo's size.
            if (photo) return null;
            var width = Number(video["width"]);
            var height = Number(video["height"]);
            if (width == null || height == null) return "A video config needs a numeric width and height.";
            var size = $"{width}x{height}";
            var clip = Str(video["clip_mode"]) ?? "RESIZE";
            return clip == "RESIZE" && !ResizeSizes.Contains(size) ? $"Video size {size} cannot be produced; use one of {string.Join(", ", ResizeSizes)}." : null;
        }

        private static string? CheckVoice(JsonObject? voice)
        {
            if (voice == null) return null;
            var id = Str(voice["voice_asset_id"]);
            if (!ValidateMsIdAttribute.IsValid(id)) return $"The voice config needs a valid voice_asset_id; '{id}' is not one.";
            var ranges = new[] { ("speed", 50, 200), ("pitch", 50, 200), ("volume", 90, 240) };
            foreach (var (name, min, max) in ranges)
            {
                if (voice[name] == null) continue;
                var v = Number(voice[name]);
                if (v == null || v < min || v > max) return $"Voice {name} {voice[name]?.ToJsonString()} is out of range; use {min} to {max}.";
            }
            return null;
        }

        /// <summary>A hashtable, PSCustomObject, one of our models or a JSON text as a JSON object with snake_case keys.</summary>
        internal static JsonObject ToObject(object value, string what)
        {
            if (value is PSObject pso && !(pso.BaseObject is PSCustomObject)) value = pso.BaseObject;
            JsonNode? node;
            try
            {
                node = value is string s ? JsonNode.Parse(s) : JsonSerializer.SerializeToNode(MsJson.FromPowerShell(value, what), MsJson.Options);
            }
            catch (JsonException ex)
            {
                throw new ArgumentException($"{what} is not valid JSON: {ex.Message}");
            }
            if (!(node is JsonObject obj)) throw new ArgumentException($"{what} must be a hashtable or an object with properties.");
            return (JsonObject)SnakeKeys(obj);
        }

        // The API's keys are all snake_case; PascalCase keys written the PowerShell way mean the same field.
        [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(node))]
        private static JsonNode? SnakeKeys(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    var copy = new JsonObject();
                    foreach (var kv in o.ToList()) copy[Snake(kv.Key)] = SnakeKeys(kv.Value?.DeepClone());
                    return copy;
                case JsonArray a:
                    return new JsonArray(a.Select(i => SnakeKeys(i?.DeepClone())).ToArray());
                default:
                    return node;
            }
        }

        private static string Snake(string key)
        {
            if (key.All(c => !char.IsUpper(c))) return key;
            var sb = new StringBuilder();
            for (var i = 0; i < key.Length; i++)
            {
                var c = key[i];
                if (char.IsUpper(c) && i > 0 && key[i - 1] != '_' && !char.IsUpper(key[i - 1])) sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            return sb.ToString();
        }
    }
}
