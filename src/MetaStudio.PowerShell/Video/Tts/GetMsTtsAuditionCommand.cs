using System.IO;
using System.Management.Automation;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Jobs;

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
        public required string JobId { get; set; }

        protected override void ProcessRecord()
        {
            if (OutFile != null)
            {
                SaveAudio(JobId);
                return;
            }
            WriteRead((session, ctx) => TtsPreviewJobs.Instance.GetAsync(session, new JobRef(JobId), ctx), JobId);
        }
    }
}
