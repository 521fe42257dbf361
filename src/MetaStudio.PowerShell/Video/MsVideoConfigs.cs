using MetaStudio.PowerShell.Core.Model;

namespace MetaStudio.PowerShell.Video
{
    /// <summary>Output video settings (VideoConfig).</summary>
    [WireModel("VideoConfig", "PhotoVideoConfig")]
    public sealed class MsVideoConfig : MsObject
    {
        public string? Codec { get; set; }
        public int? Bitrate { get; set; }
        public int? Width { get; set; }
        public int? Height { get; set; }
        public string? ClipMode { get; set; }
        public string? FrameRate { get; set; }
        public bool? IsSubtitleEnable { get; set; }
        public int? Dx { get; set; }
        public int? Dy { get; set; }

        public override string ToString() => $"{Width}x{Height} {Codec} {Bitrate} kbps";
    }

    /// <summary>Voice settings (VoiceConfig): the voice model and how it speaks.</summary>
    [WireModel("VoiceConfig")]
    public sealed class MsVoiceConfig : MsObject
    {
        public string? VoiceAssetId { get; set; }
        public int? Speed { get; set; }
        public int? Pitch { get; set; }
        public int? Volume { get; set; }

        public override string? ToString() => VoiceAssetId;
    }

    /// <summary>One numbered shot of a script (ShootScriptItem); Text is a shortcut to its text.</summary>
    [WireModel("ShootScriptItem", "ShootScriptShowItem")]
    public sealed class MsShootScript : MsObject
    {
        public int? SequenceNo { get; set; }
        public MsShootScriptBody? ShootScript { get; set; }

        [System.Text.Json.Serialization.JsonIgnore]
        public string? Text => ShootScript?.TextConfig?.Text;

        public override string ToString() => $"{SequenceNo}: {Text}";
    }

    /// <summary>What a shot says or plays (ShootScript).</summary>
    [WireModel("ShootScript", "ShootScriptDetail")]
    public sealed class MsShootScriptBody : MsObject
    {
        public string? ScriptType { get; set; }
        public MsTextConfig? TextConfig { get; set; }
    }

    [WireModel("TextConfig")]
    public sealed class MsTextConfig : MsObject
    {
        public string? Text { get; set; }

        public override string? ToString() => Text;
    }
}
