using System;
using System.Diagnostics;
using System.Threading;

namespace MetaStudio.PowerShell.Core.Http
{
    /// <summary>
    /// The time one call may spend on attempts and backoff before it stops retrying (the session's
    /// RetryTimeLimit). Waiting for the client's own rate limiter does not count: a call queued
    /// behind hundreds of others is not failing, and must not give up for being patient.
    /// </summary>
    internal sealed class CallBudget
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long _excludedTicks;

        public CallBudget(TimeSpan limit) => Limit = limit;

        public TimeSpan Limit { get; }

        public TimeSpan Spent => _clock.Elapsed - TimeSpan.FromTicks(Interlocked.Read(ref _excludedTicks));

        /// <summary>Zero or less once used up; unlimited (MaxValue) when the limit is zero or negative.</summary>
        public TimeSpan Remaining => Limit <= TimeSpan.Zero ? TimeSpan.MaxValue : Limit - Spent;

        public void Exclude(TimeSpan waited) => Interlocked.Add(ref _excludedTicks, waited.Ticks);
    }

    /// <summary>
    /// The timeout of one attempt. Touch() restarts it, so a long upload that keeps moving bytes is
    /// never cut off, while one that stalls is.
    /// </summary>
    public sealed class AttemptTimer
    {
        private readonly CancellationTokenSource _cts;

        internal AttemptTimer(CancellationTokenSource cts, TimeSpan timeout)
        {
            _cts = cts;
            Timeout = timeout;
        }

        public TimeSpan Timeout { get; }

        public void Touch()
        {
            try { _cts.CancelAfter(Timeout); }
            catch (ObjectDisposedException) { /* the attempt is over */ }
        }
    }
}
