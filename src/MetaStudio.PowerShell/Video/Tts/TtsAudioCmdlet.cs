using System;
using System.Management.Automation;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Jobs;

namespace MetaStudio.PowerShell.Video.Tts
{
    /// <summary>The -OutFile wait-and-save of New-/Get-MsTtsAudition.</summary>
    public abstract class TtsAudioCmdlet : MsCmdlet
    {
        private protected TtsAudioCmdlet() { } // derived only by this module's own classes
        /// <summary>Hashes and streams files with progress: the work starts on a worker (MsAsyncCmdlet.MovesFiles).</summary>
        private protected override bool MovesFiles => true;

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

        private string? _outFile;

        /// <summary>-OutFile is checked before anything is sent (a folder, another provider's path or an empty one is bad input).</summary>
        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            if (OutFile == null) return;
            _outFile = LocalPaths.OutputFile(this, OutFile, nameof(OutFile), out var error);
            if (_outFile == null) ThrowTerminatingError(error);
        }

        /// <summary>Waits for the job's audio (the one job wait), saves it to -OutFile and outputs the FileInfo.</summary>
        private protected void SaveAudio(string jobId)
        {
            var session = CurrentSession;
            var path = _outFile ?? GetUnresolvedProviderPathFromPSPath(OutFile);
            MsTtsAudition? done = null;
            WaitForJobs(TtsPreviewJobs.Instance, new[] { new JobRef(jobId) }, Timeout, PollIntervalSec, (audition, ctx) => done = audition);
            if (done == null) return;
            var file = TryRun(ctx => TtsFiles.SaveAsync(session, done, path, ctx), jobId);
            if (file != null) WriteObject(file);
        }
    }
}
