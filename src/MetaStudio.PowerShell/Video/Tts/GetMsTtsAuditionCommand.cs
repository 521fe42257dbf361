using System.IO;
using System.Management.Automation;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Catalog;

namespace MetaStudio.PowerShell.Video.Tts
{
    /// <summary>ShowTtsAuditionFile; with -OutFile waits for the audio and saves it.</summary>
    [MsApi(OperationId.ShowTtsAuditionFile)]
    [Cmdlet(VerbsCommon.Get, "MsTtsAudition")]
    [OutputType(typeof(MsTtsAudition), typeof(FileInfo))]
    public sealed class GetMsTtsAuditionCommand : TtsAudioCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public string JobId { get; set; }

        protected override void ProcessRecord()
        {
            if (OutFile == null)
            {
                var response = TrySend(TtsFiles.Show(JobId));
                var audition = response?.As<MsTtsAudition>();
                if (audition == null) return;
                // The file endpoint does not echo the id; put it back so the object pipes on.
                audition.JobId = audition.JobId ?? JobId;
                WriteObject(audition);
                return;
            }
            SaveAudio(JobId);
        }
    }
}
