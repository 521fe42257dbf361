using System;
using System.Collections.Generic;
using System.Management.Automation;
using MetaStudio.PowerShell.Core.Cmdlets;

#nullable enable

namespace MetaStudio.PowerShell.Core.Jobs
{
    /// <summary>
    /// Base of the Wait-* cmdlets: collects every job from the pipeline and waits for all of them together in
    /// EndProcessing (JobWait: one poller, the wait rule, the kind's failure shape), so many jobs are polled side by
    /// side instead of one after another. A Wait-* cmdlet names its kind and, where the status read needs more than
    /// the id, what else each job brings (<see cref="Scope"/>).
    /// </summary>
    public abstract class WaitJobsCmdlet<TJob> : MsCmdlet where TJob : class
    {
        private protected WaitJobsCmdlet() { } // derived only by this module's own classes
        private readonly List<JobRef> _jobs = new List<JobRef>();

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public string[] JobId { get; set; } = Array.Empty<string>();

        /// <summary>How long to wait for all jobs (seconds or a TimeSpan); jobs still running then get a MetaStudio.Timeout error.</summary>
        [Parameter]
        [TimeSpanSeconds]
        public TimeSpan? Timeout { get; set; }

        /// <summary>Least seconds between two reads of one job; raised so that all reads stay within the rate limit.</summary>
        [Parameter]
        [ValidateRange(0.05, 3600)]
        public double? PollIntervalSec { get; set; }

        /// <summary>The kind of job this cmdlet waits for.</summary>
        internal abstract JobKind<TJob> Kind { get; }

        /// <summary>What the status read needs besides the id, for the jobs of the current pipeline object (null: nothing).</summary>
        private protected virtual string? Scope => null;

        /// <summary>Adds a job to wait for.</summary>
        private protected void Add(string id, string? scope) => _jobs.Add(new JobRef(id, scope));

        protected override void ProcessRecord()
        {
            foreach (var id in JobId) Add(id, Scope);
        }

        protected override void EndProcessing()
        {
            WaitForJobs(Kind, _jobs, Timeout, PollIntervalSec);
        }
    }
}
