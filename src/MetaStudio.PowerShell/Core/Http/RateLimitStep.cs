#nullable enable
using System;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.RateLimiting;

namespace MetaStudio.PowerShell.Core.Http
{
    /// <summary>
    /// The rate-limit step of the request path, around each attempt: wait for the operation's limiter (the time waited
    /// stays out of the retry budget), pass on what the limiter has to say (the store's outage warning, waits in the
    /// verbose stream), and report the service's answer back so the limiter can adapt.
    /// </summary>
    internal static class RateLimitStep
    {
        private static readonly TimeSpan Noticeable = TimeSpan.FromMilliseconds(20);

        public static async Task<PacedLease> AcquireAsync(OperationRateLimiter limiter, CallBudget budget, CallContext ctx, CancellationToken token)
        {
            var lease = (PacedLease)await limiter.AcquireAsync(1, token).ConfigureAwait(false);
            // Queueing for our own limiter is not time the service spent failing: keep it out of the retry budget.
            budget.Exclude(lease.Waited);
            if (lease.Warning != null) ctx.Warning(lease.Warning);
            if (lease.Note != null) ctx.Verbose(lease.Note);
            if (lease.Waited > Noticeable)
                ctx.Verbose($"Rate limiter: waited {lease.Waited.TotalMilliseconds:0} ms for {limiter.Describe(lease)}.");
            return lease;
        }

        public static void Report(PacedLease? lease, MsResponse response, CallContext ctx)
        {
            var note = lease?.OnResponse(response.IsThrottled);
            if (note != null) ctx.Verbose(note);
        }
    }

    /// <summary>
    /// One call's repeats so far, per budget: throttled answers (the session's MaxThrottleRetries) apart from 5xx and
    /// network faults (MaxRetries), so neither kind uses up the other's.
    /// </summary>
    internal sealed class RetryCounts
    {
        private int _throttled;
        private int _other;

        public bool Allows(bool throttled, MsSession session) => throttled ? _throttled < session.MaxThrottleRetries : _other < session.MaxRetries;

        /// <summary>Counts a repeat; returns its number and its budget, for the verbose line.</summary>
        public (int Number, int Of) Count(bool throttled, MsSession session)
            => throttled ? (++_throttled, session.MaxThrottleRetries) : (++_other, session.MaxRetries);
    }
}
