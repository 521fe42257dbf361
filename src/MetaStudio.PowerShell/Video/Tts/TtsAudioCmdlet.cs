using System;
using System.Management.Automation;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Jobs;

namespace MetaStudio.PowerShell.Video.Tts
{
    /// <summary>The -OutFile wait-and-save of New-/Get-MsTtsAudition.</summary>
    public abstract class TtsAudioCmdlet : MsCmdlet
    {
        /// <summary>Waits for the audio and saves it here (WAV); outputs the file instead of the job.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OutFile { get; set; }

        [Parameter]
        [TimeSpanSeconds]
        public TimeSpan? Timeout { get; set; }

        [Parameter]
        [ValidateRange(0.05, 3600)]
        public double? PollIntervalSec { get; set; }

        /// <summary>Waits for the job's audio (the one job wait), saves it to -OutFile and outputs the FileInfo.</summary>
        protected void SaveAudio(string jobId)
        {
            var session = CurrentSession;
            var path = GetUnresolvedProviderPathFromPSPath(OutFile);
            MsTtsAudition? done = null;
            WaitForJobs(TtsPreviewJobs.Instance, new[] { new JobRef(jobId) }, Timeout, PollIntervalSec, (audition, ctx) => done = audition);
            if (done == null) return;
            var file = TryRun(ctx => TtsFiles.SaveAsync(session, done, path, ctx), jobId);
            if (file != null) WriteObject(file);
        }
    }
}
