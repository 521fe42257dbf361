using System.Linq;
using MetaStudio.PowerShell.Core.Model;

namespace MetaStudio.PowerShell.Video.Tts
{
    /// <summary>A TTS preview job: its id and, once complete, the audio's download URLs.</summary>
    [WireModel("ShowTtsAuditionFileResponse", "CreateTtsAuditionResponse")]
    public sealed class MsTtsAudition : MsObject
    {
        public string? JobId { get; set; }
        public bool? IsFileComplete { get; set; }
        public string? Code { get; set; }
        public string? Message { get; set; }
        public MsTtsFile[]? Files { get; set; }

        /// <summary>
        /// True when the answer carries an error code: the file will never complete. Codes that mean
        /// "fine" or "still working" (empty, 0, 1, 200, success, processing) are not errors.
        /// </summary>
        public bool HasFailed => IsFileComplete != true && Code != null && !string.IsNullOrWhiteSpace(Code)
                                 && !NotErrorCodes.Contains(Code.Trim(), System.StringComparer.OrdinalIgnoreCase);

        private static readonly string[] NotErrorCodes = { "0", "1", "200", "success", "processing" };

        public override string? ToString() => JobId;
    }

    [WireModel("AuditionFile")]
    public sealed class MsTtsFile : MsObject
    {
        /// <summary>Valid for one hour.</summary>
        public string? DownloadUrl { get; set; }

        public override string? ToString() => DownloadUrl;
    }
}
