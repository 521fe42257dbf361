using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Http;

namespace MetaStudio.PowerShell.Core.Jobs
{
    /// <summary>
    /// Base of the Wait-* cmdlets: collects every job id from the pipeline and waits for all of them
    /// together in EndProcessing, so many jobs are polled side by side instead of one after another.
    /// </summary>
    public abstract class WaitJobsCmdlet : MsCmdlet
    {
        private readonly List<string> _ids = new List<string>();

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public string[] JobId { get; set; }

        /// <summary>How long to wait for all jobs (seconds or a TimeSpan); jobs still running then get a MetaStudio.Timeout error.</summary>
        [Parameter]
        [TimeSpanSeconds]
        public TimeSpan? Timeout { get; set; }

        /// <summary>Least seconds between two reads of one job; raised so that all reads stay within the rate limit.</summary>
        [Parameter]
        [ValidateRange(0.05, 3600)]
        public double? PollIntervalSec { get; set; }

        /// <summary>Waits for the distinct ids and writes each job as it ends.</summary>
        protected abstract Task WaitAsync(MsSession session, IReadOnlyList<string> jobIds, CallContext ctx);

        protected override void ProcessRecord() => _ids.AddRange(JobId);

        protected override void EndProcessing()
        {
            if (_ids.Count == 0) return;
            var session = CurrentSession;
            var ids = _ids.Distinct(StringComparer.Ordinal).ToArray();
            TryRun(async ctx => { await WaitAsync(session, ids, ctx).ConfigureAwait(false); return true; }, null);
        }
    }
}
