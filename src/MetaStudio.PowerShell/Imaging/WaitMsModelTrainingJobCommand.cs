using System;
using System.Collections.Generic;
using System.Management.Automation;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Jobs;

namespace MetaStudio.PowerShell.Imaging
{
    /// <summary>
    /// Collects every job from the pipeline and waits for all of them together. A job's wait ends on
    /// JOB_SUCCESS/JOB_FINISH (output), a failed state (output plus an error), or a state that waits for
    /// the user (output plus a warning saying what to do); see ImagingApi.Classify.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Wait, "MsModelTrainingJob")]
    [OutputType(typeof(MsModelTrainingJob))]
    public sealed class WaitMsModelTrainingJobCommand : MsCmdlet
    {
        private readonly List<string> _ids = new List<string>();

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public string[] JobId { get; set; }

        /// <summary>How long to wait for all jobs (seconds or a TimeSpan); jobs still running then get a MetaStudio.Timeout error.</summary>
        [Parameter]
        [TimeSpanSeconds]
        public TimeSpan? Timeout { get; set; }

        /// <summary>Least seconds between two reads of one job (default 10); raised so that all reads stay within the rate limit.</summary>
        [Parameter]
        [ValidateRange(0.05, 3600)]
        public double? PollIntervalSec { get; set; }

        protected override void ProcessRecord() => _ids.AddRange(JobId);

        protected override void EndProcessing()
        {
            if (_ids.Count == 0) return;
            var session = CurrentSession;
            var ids = ImagingApi.Distinct(_ids);
            TryRun(async ctx => { await ImagingApi.WaitAsync(session, ids, Timeout, PollIntervalSec, ctx).ConfigureAwait(false); return true; }, null);
        }
    }
}
