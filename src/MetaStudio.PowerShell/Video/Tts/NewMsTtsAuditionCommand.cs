using System.IO;
using System.Management.Automation;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Assets;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Http;

namespace MetaStudio.PowerShell.Video.Tts
{
    /// <summary>CreateTtsAudition; with -OutFile also waits for the audio and saves it.</summary>
    [MsApi(OperationId.CreateTtsAudition, OperationId.ShowTtsAuditionFile, OperationId.ShowAsset)]
    [Cmdlet(VerbsCommon.New, "MsTtsAudition", SupportsShouldProcess = true)]
    [OutputType(typeof(MsTtsAudition), typeof(FileInfo))]
    public sealed class NewMsTtsAuditionCommand : TtsAudioCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [ValidateLength(1, 10000)]
        public required string Text { get; set; }

        /// <summary>The voice to speak with; sent as the API's 'emotion' field.</summary>
        [Parameter(Mandatory = true)]
        [ValidateMsId]
        public required string VoiceAssetId { get; set; }

        [Parameter]
        [ValidateRange(50, 200)]
        public int? Speed { get; set; }

        [Parameter]
        [ValidateRange(50, 200)]
        public int? Pitch { get; set; }

        [Parameter]
        [ValidateRange(90, 240)]
        public int? Volume { get; set; }

        protected override void ProcessRecord()
        {
            if (string.IsNullOrWhiteSpace(Text))
            {
                WriteError(ErrorRecords.InvalidInput("-Text is blank; give the words to speak.", null));
                return;
            }
            if (!ShouldChange("voice asset", VoiceAssetId, "Create a TTS preview", NameFrom<MsAsset>(AssetApi.Show(VoiceAssetId), a => a.AssetName))) return;
            var body = new System.Collections.Generic.Dictionary<string, object> { ["text"] = Text, ["emotion"] = VoiceAssetId };
            if (Speed.HasValue) body["speed"] = Speed.Value;
            if (Pitch.HasValue) body["pitch"] = Pitch.Value;
            if (Volume.HasValue) body["volume"] = Volume.Value;
            WriteCreate(new Creation<MsTtsAudition>("TTS preview", null, new MsRequest(OperationId.CreateTtsAudition) { Target = VoiceAssetId }.WithBody(body),
                (_, answer) => answer.AsRequired<MsTtsAudition>())
            {
                OnCreated = OutFile == null ? null : (id, _) => { if (id != null) SaveAudio(id); },
                LookFor = _ => "TTS previews cannot be listed, so decide whether you need one more",
            });
        }
    }
}
