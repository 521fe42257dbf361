using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Http;

#nullable enable

namespace MetaStudio.PowerShell.Core.Jobs
{
    /// <summary>What a caller may say about a wait: -Timeout and -PollIntervalSec; the job kind fills in the rest.</summary>
    internal sealed class JobWaitOptions
    {
        public JobWaitOptions(TimeSpan? timeout, double? pollIntervalSec)
        {
            Timeout = timeout;
            PollIntervalSec = pollIntervalSec;
        }

        public TimeSpan? Timeout { get; }
        public double? PollIntervalSec { get; }
    }

    /// <summary>
    /// The one wait every Wait-* cmdlet and every -Wait switch runs: a poller for jobs of one kind, paced by the
    /// kind's status operation, reporting by the wait rule (JobPoller.RunReportingAsync) with the kind's failure shape.
    /// </summary>
    internal static class JobWait
    {
        /// <summary>
        /// A poller for <paramref name="jobs"/> (id → ref): status reads through the kind, the session's clock, the
        /// slowest published rate of the jobs' status operations times the session's scale, the caller's interval and
        /// timeout or the kind's defaults, and the kind's progress text, failure shape and warnings.
        /// </summary>
        public static JobPoller<TJob> Poller<TJob>(JobKind<TJob> kind, MsSession session, IReadOnlyDictionary<string, JobRef> jobs, JobWaitOptions options)
            where TJob : class
        {
            var timeout = options.Timeout ?? kind.DefaultTimeout;
            return new JobPoller<TJob>((id, c) => kind.GetAsync(session, jobs[id], c), j => j != null && kind.OutcomeOf(j) != JobOutcome.Running, session.TimeProvider)
            {
                RatePerSecond = jobs.Values.Select(j => JobPoller<TJob>.RateOf(session, kind.StatusOperation(j))).DefaultIfEmpty(1).Min(),
                MinimumInterval = options.PollIntervalSec.HasValue ? TimeSpan.FromSeconds(options.PollIntervalSec.Value) : kind.DefaultPollInterval,
                Timeout = timeout,
                Activity = kind.Activity(jobs.Count),
                ActivityId = kind.ActivityId,
                Describe = j => j == null ? null : kind.StateOf(j),
                NameOf = j => j == null ? null : kind.NameOf(j),
                FailureOf = kind.Failure,
                TimeoutErrorOf = (id, j) => kind.TimeoutError(id, j, timeout ?? TimeSpan.Zero),
                WarningOf = kind.UserActionWarning,
            };
        }

        /// <summary>
        /// Waits for every job together by the wait rule: each job that ended well goes to <paramref name="onSucceeded"/>
        /// (default: output) as it ends; failures, timeouts and unreadable jobs are written as errors after the wait.
        /// A job given twice is waited for once (its first scope counts).
        /// </summary>
        public static Task RunAsync<TJob>(JobKind<TJob> kind, MsSession session, IEnumerable<JobRef> jobs, JobWaitOptions options, CallContext ctx,
            Action<TJob>? onSucceeded = null)
            where TJob : class
        {
            var byId = new Dictionary<string, JobRef>(StringComparer.Ordinal);
            var order = new List<string>();
            foreach (var job in jobs)
            {
                if (byId.ContainsKey(job.Id)) continue;
                byId[job.Id] = job;
                order.Add(job.Id);
            }
            var poller = Poller(kind, session, byId, options);
            ctx.Verbose($"Polling {order.Count} {kind.Noun}(s) every {poller.IntervalFor(order.Count).TotalSeconds:0.##} s or slower.");
            return poller.RunReportingAsync(order, ctx, onSucceeded);
        }
    }
}
