using System;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Text.Json.Nodes;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Auth;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Json;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Video;

namespace MetaStudio.PowerShell.LiveRooms
{
    /// <summary>
    /// The room fields New-MsLiveRoom and Set-MsLiveRoom share: typed parameters for one common scene,
    /// hashtables or objects for scenes, rules and configs, and one local check of what would be sent.
    /// </summary>
    public abstract class LiveRoomCmdlet : MsCmdlet
    {
        private protected LiveRoomCmdlet() { } // derived only by this module's own classes
        internal const string DefaultCodec = "H264";
        internal const int DefaultBitrate = 4000;
        internal const string DefaultFrameRate = "25";

        [Parameter]
        [ValidateLength(0, 1024)]
        public string? Description { get; set; }

        [Parameter]
        [ValidateSet("NORMAL", "TEMP", "TEMPLATE")]
        public string? RoomType { get; set; }

        /// <summary>Scenes (LiveVideoScriptInfo) as hashtables or objects, after the scene of -Text.</summary>
        [Parameter]
        [ValidateNotNull]
        public object[]? SceneScript { get; set; }

        /// <summary>Name of the scene built from -Text (default: the room name).</summary>
        [Parameter]
        [ValidateLength(1, 256)]
        public string? ScriptName { get; set; }

        /// <summary>Paragraphs of one scene, numbered from 1.</summary>
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
        [ValidateNotNull]
        public object[]? InteractionRule { get; set; }

        [Parameter]
        [ValidateNotNull]
        public object? PlayPolicy { get; set; }

        [Parameter]
        [ValidateNotNull]
        public object? VideoConfig { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OutputUrl { get; set; }

        [Parameter]
        [SecureStringTransformation]
        [ValidateNotNull]
        public SecureString? StreamKey { get; set; }

        [Parameter]
        [ValidateCount(0, LiveRoomRules.MaxBackupModels)]
        [ValidateMsId]
        public string[]? BackupModelAssetId { get; set; }

        [Parameter]
        [ValidateNotNull]
        public object? LiveEventCallbackConfig { get; set; }

        [Parameter]
        [ValidateLength(0, 8192)]
        public string? PrivData { get; set; }

        /// <summary>True when -Text, -ScriptName, -ModelAssetId or -VoiceAssetId were given: they describe one scene.</summary>
        private protected bool HasSceneParameters => Text != null || ScriptName != null || ModelAssetId != null || VoiceAssetId != null;

        /// <summary>
        /// The given fields as a room body (only those given). Reports unusable input as a non-terminating
        /// error and answers null; <paramref name="sceneName"/> names the -Text scene when -ScriptName is absent.
        /// With <paramref name="sceneParametersEditOneScene"/> (an update) the scene parameters are left out:
        /// <see cref="EditScene"/> applies them to the room as it is.
        /// </summary>
        private protected JsonObject? TryBuildFields(string? roomName, string? sceneName, object target, bool sceneParametersEditOneScene = false)
        {
            var body = new JsonObject();
            try
            {
                if (roomName != null) body["room_name"] = roomName;
                if (Description != null) body["room_description"] = Description;
                if (RoomType != null) body["room_type"] = RoomType;
                var scenes = sceneParametersEditOneScene ? (SceneScript != null ? Objects(SceneScript, "-SceneScript") : null) : BuildScenes(sceneName);
                if (scenes != null) body["scene_scripts"] = scenes;
                if (InteractionRule != null) body["interaction_rules"] = Objects(InteractionRule, "-InteractionRule");
                AddStreamFields(body, VideoConfig, PlayPolicy, OutputUrl, StreamKey, LiveEventCallbackConfig);
                if (BackupModelAssetId != null) body["backup_model_asset_ids"] = new JsonArray(Array.ConvertAll(BackupModelAssetId, id => (JsonNode)id));
                if (PrivData != null) body["priv_data"] = PrivData;
            }
            catch (ArgumentException ex)
            {
                WriteError(ErrorRecords.InvalidInput(ex.Message, target));
                return null;
            }
            var problem = LiveRoomRules.CheckRoom(body);
            if (problem == null) return body;
            WriteError(ErrorRecords.InvalidInput(problem, target));
            return null;
        }

        private JsonArray? BuildScenes(string? sceneName)
        {
            if (Text == null && (ScriptName != null || ModelAssetId != null || VoiceAssetId != null))
                throw new ArgumentException("-ScriptName, -ModelAssetId and -VoiceAssetId describe the scene made from -Text; give -Text too (or put them in -SceneScript).");
            if (Text == null && SceneScript == null) return null;
            var scenes = new JsonArray();
            if (Text != null)
            {
                var scene = new JsonObject { ["script_name"] = ScriptName ?? sceneName, ["shoot_scripts"] = Paragraphs(Text) };
                if (ModelAssetId != null) scene["model_asset_id"] = ModelAssetId;
                if (VoiceAssetId != null) scene["voice_config"] = new JsonObject { ["voice_asset_id"] = VoiceAssetId };
                scenes.Add(scene);
            }
            foreach (var item in Objects(SceneScript, "-SceneScript")) scenes.Add(item?.DeepClone());
            return scenes;
        }

        private static JsonArray Paragraphs(string[] texts)
        {
            var shots = new JsonArray();
            for (var i = 0; i < texts.Length; i++)
                shots.Add(new JsonObject { ["sequence_no"] = i + 1, ["text_config"] = new JsonObject { ["text"] = texts[i] } });
            return shots;
        }

        /// <summary>
        /// Changes one scene of a room as the scene parameters say and keeps everything else of it (its model,
        /// voice settings, backgrounds, layers): the scene named -ScriptName, else the first one. -Text replaces
        /// its paragraphs, -ModelAssetId its model, -VoiceAssetId the voice of its voice_config. A room without
        /// such a scene gets a new one when -Text is given. Answers why it cannot, or null.
        /// </summary>
        private protected string? EditScene(JsonObject room, string? newSceneName)
        {
            if (!(room["scene_scripts"] is JsonArray scenes)) room["scene_scripts"] = scenes = new JsonArray();
            var scene = ScriptName != null
                ? scenes.OfType<JsonObject>().FirstOrDefault(s => JsonNodes.Str(s["script_name"]) == ScriptName)
                : scenes.OfType<JsonObject>().FirstOrDefault();
            if (scene == null)
            {
                if (Text == null)
                    return ScriptName != null ? $"The room has no scene '{ScriptName}'; give -Text to add it." : "The room has no scene; give -Text to add one.";
                scene = new JsonObject { ["script_name"] = ScriptName ?? newSceneName };
                scenes.Add(scene);
            }
            if (Text != null) scene["shoot_scripts"] = Paragraphs(Text);
            if (ModelAssetId != null) scene["model_asset_id"] = ModelAssetId;
            if (VoiceAssetId != null)
            {
                var voice = scene["voice_config"] as JsonObject ?? new JsonObject();
                voice["voice_asset_id"] = VoiceAssetId;
                scene["voice_config"] = voice;
            }
            return null;
        }

        /// <summary>The stream settings a room and a live task (which overrides them) share; only those given are added.</summary>
        internal static void AddStreamFields(JsonObject body, object? videoConfig, object? playPolicy, string? outputUrl, SecureString? streamKey, object? liveEventCallbackConfig)
        {
            if (playPolicy != null) body["play_policy"] = VideoContentCmdlet.ToObject(playPolicy, "-PlayPolicy");
            if (videoConfig != null) body["video_config"] = LiveVideo(VideoContentCmdlet.ToObject(videoConfig, "-VideoConfig"));
            if (outputUrl != null) body["output_urls"] = new JsonArray(outputUrl);
            if (streamKey != null) body["stream_keys"] = new JsonArray(SecretText.Reveal(streamKey));
            if (liveEventCallbackConfig != null) body["live_event_callback_config"] = VideoContentCmdlet.ToObject(liveEventCallbackConfig, "-LiveEventCallbackConfig");
        }

        // The service needs every field of a video config; a hashtable with only a bitrate means the live defaults for the rest.
        private static JsonObject LiveVideo(JsonObject given)
        {
            var video = new JsonObject
            {
                ["codec"] = DefaultCodec, ["bitrate"] = DefaultBitrate, ["width"] = LiveRoomRules.LiveWidth, ["height"] = LiveRoomRules.LiveHeight, ["frame_rate"] = DefaultFrameRate,
            };
            foreach (var kv in given) video[kv.Key] = kv.Value?.DeepClone();
            return video;
        }

        internal static JsonArray Objects(object[]? items, string what)
        {
            var array = new JsonArray();
            foreach (var item in items ?? Array.Empty<object>()) array.Add(VideoContentCmdlet.ToObject(item, what));
            return array;
        }
    }

    internal static class LiveRoomApi
    {
        public static MsRequest ShowRoom(string roomId) => new MsRequest(OperationId.ShowSmartLiveRoom).WithPath("room_id", roomId);

        public static readonly Resource<MsLiveRoom> Rooms = new Resource<MsLiveRoom>("live room", ShowRoom, r => r.RoomName);
    }
}
