using System;
using System.Linq;
using System.Text.Json.Serialization;
using MetaStudio.PowerShell.Core.Json;
using MetaStudio.PowerShell.Core.Model;

namespace MetaStudio.PowerShell.Video
{
    /// <summary>A video script: the avatar, voice, output settings and the shots to speak.</summary>
    [WireModel("ShowVideoScriptResponse", "VideoScriptBaseInfo")]
    public sealed class MsVideoScript : MsObject
    {
        public string? ScriptId { get; set; }
        public string? ScriptName { get; set; }
        public string? ScriptDescription { get; set; }
        public string? ViewMode { get; set; }
        public string? ScriptType { get; set; }
        public string? Text { get; set; }
        public string? ModelAssetId { get; set; }
        public string? ModelAssetType { get; set; }
        public string? ScriptCoverUrl { get; set; }
        public MsVoiceConfig? VoiceConfig { get; set; }
        public MsVideoConfig? VideoConfig { get; set; }
        public MsShootScript[]? ShootScripts { get; set; }

        /// <summary>How many shots the script has; null where the service did not send them (a list answers without shots).</summary>
        [JsonIgnore]
        public int? ShotCount => ShootScripts == null ? (int?)null : ShootScripts.Count(s => s != null);
        public string? PrivData { get; set; }
        [JsonConverter(typeof(LenientTimeConverter))]
        public DateTime? CreateTime { get; set; }
        [JsonConverter(typeof(LenientTimeConverter))]
        public DateTime? UpdateTime { get; set; }

        public override string ToString() => $"{ScriptName} ({ScriptId})";
    }
}
