using System;
using System.Collections.Generic;
using System.Management.Automation;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Jobs;

namespace MetaStudio.PowerShell.Video
{
    /// <summary>
    /// Collects every task from the pipeline and waits for all of them together, writing each one as
    /// soon as it reaches SUCCEED, FAILED, CANCELED or BLOCK.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Wait, "MsVideoTask")]
    [OutputType(typeof(MsVideoTask))]
    public sealed class WaitMsVideoTaskCommand : MsCmdlet
    {
        private readonly List<string> _ids = new List<string>();

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public string[] JobId { get; set; }

        /// <summary>How long to wait for all tasks (seconds or a TimeSpan); tasks still running then get a MetaStudio.Timeout error.</summary>
        [Parameter]
        [TimeSpanSeconds]
        public TimeSpan? Timeout { get; set; }

        /// <summary>Least seconds between two reads of one task; raised so that all reads stay within the rate limit.</summary>
        [Parameter]
        [ValidateRange(0.05, 3600)]
        public double? PollIntervalSec { get; set; }

        protected override void ProcessRecord() => _ids.AddRange(JobId);

        protected override void EndProcessing()
        {
            if (_ids.Count == 0) return;
            var session = CurrentSession;
            var ids = VideoApi.Distinct(_ids);
            TryRun(ctx => VideoApi.WaitAsync(session, ids, Timeout, PollIntervalSec, ctx), null);
        }
    }
}
