#nullable enable
using System;
using System.Threading;

namespace MetaStudio.PowerShell.Core.Http.Pipeline
{
    /// <summary>
    /// The time one call may spend on attempts and backoff before it stops retrying (the session's
    /// RetryTimeLimit), on the session's clock. Waiting for the client's own rate limiter does not count: a call
    /// queued behind hundreds of others is not failing, and must not give up for being patient.
    /// </summary>
    internal sealed class CallBudget
    {
        private readonly TimeProvider _clock;
        private readonly long _started;
        private long _excludedTicks;

        public CallBudget(TimeSpan limit, TimeProvider clock)
        {
            Limit = limit;
            _clock = clock;
            _started = clock.GetTimestamp();
        }

        public TimeSpan Limit { get; }

        public TimeSpan Spent => _clock.GetElapsedTime(_started) - TimeSpan.FromTicks(Interlocked.Read(ref _excludedTicks));

        /// <summary>Zero or less once used up; unlimited (MaxValue) when the limit is zero or negative.</summary>
        public TimeSpan Remaining => Limit <= TimeSpan.Zero ? TimeSpan.MaxValue : Limit - Spent;

        public void Exclude(TimeSpan waited) => Interlocked.Add(ref _excludedTicks, waited.Ticks);
    }
}
