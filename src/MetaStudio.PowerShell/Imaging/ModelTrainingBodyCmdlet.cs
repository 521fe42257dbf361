using System.Collections.Generic;
using System.Management.Automation;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Json;

namespace MetaStudio.PowerShell.Imaging
{
    /// <summary>
    /// The fields Create2dModelTrainingJobReq and Update2dModelTrainingJobReq share, for New- and
    /// Set-MsModelTrainingJob. Only bound parameters are written, so Set changes just what it is given.
    /// What only a create takes (-ModelVersion, -IsFlexus) is New-MsModelTrainingJob's own.
    /// </summary>
    public abstract class ModelTrainingBodyCmdlet : MsCmdlet
    {
        private protected ModelTrainingBodyCmdlet() { } // derived only by this module's own classes
        [Parameter]
        [ValidateLength(1, 256)]
        public string? Contact { get; set; }

        [Parameter]
        [ValidateLength(1, 256)]
        public string? BatchName { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Tag { get; set; }

        /// <summary>The fast basic (Flexus) training.</summary>
        [Parameter]
        public SwitchParameter IsFastFlexus { get; set; }

        /// <summary>The training video is shot on a green screen and its background is replaced.</summary>
        [Parameter]
        public SwitchParameter IsBackgroundReplacement { get; set; }

        [Parameter]
        [ValidateSet("VIDEO", "AUDIO")]
        public string? AudioSourceType { get; set; }

        [Parameter]
        [ValidateSet("VIDEO_2D", "LIVE_2D", "CHAT_2D")]
        public string[]? SupportedService { get; set; }

        /// <summary>Upload the training video in this many parts (one upload URL each).</summary>
        [Parameter]
        [ValidateRange(1, 1000)]
        public int VideoMultipartCount { get; set; }

        [Parameter]
        [ValidateRange(1, 1000)]
        public int ActionVideoMultipartCount { get; set; }

        [Parameter]
        [ValidateSet("UPDATE_VIDEO", "UPLOAD_VIDEO", "CONFIRM_ACTION_VIDEO", "GET_ACTION_VIDEO_MULTIPART")]
        public string? CommandMessage { get; set; }

        /// <summary>Voice settings (VoiceProperties) as a hashtable or object.</summary>
        [Parameter]
        [ValidateNotNull]
        public object? VoiceProperties { get; set; }

        private protected bool IsBound(string name) => MyInvocation.BoundParameters.ContainsKey(name);

        /// <summary>Writes the bound parameters over <paramref name="body"/> (the current fields for an update).</summary>
        private protected Dictionary<string, object?> BuildBody(Dictionary<string, object?> body, string? name)
        {
            if (name != null) body["name"] = name;
            if (IsBound(nameof(Contact))) body["contact"] = Contact;
            if (IsBound(nameof(BatchName))) body["batch_name"] = BatchName;
            if (IsBound(nameof(Tag))) body["tags"] = Tag;
            if (IsBound(nameof(IsFastFlexus))) body["is_fast_flexus"] = IsFastFlexus.IsPresent;
            if (IsBound(nameof(IsBackgroundReplacement))) body["is_background_replacement"] = IsBackgroundReplacement.IsPresent;
            if (IsBound(nameof(AudioSourceType))) body["audio_source_type"] = AudioSourceType;
            if (IsBound(nameof(SupportedService))) body["supported_service"] = SupportedService;
            if (IsBound(nameof(VideoMultipartCount))) body["video_multipart_count"] = VideoMultipartCount;
            if (IsBound(nameof(ActionVideoMultipartCount))) body["action_video_multipart_count"] = ActionVideoMultipartCount;
            if (IsBound(nameof(CommandMessage))) body["command_message"] = CommandMessage;
            if (IsBound(nameof(VoiceProperties))) body["voice_properties"] = MsJson.FromPowerShell(VoiceProperties, nameof(VoiceProperties));
            return body;
        }
    }
}
