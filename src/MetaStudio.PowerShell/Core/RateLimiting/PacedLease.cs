#nullable enable
using System;
using System.Collections.Generic;
using System.Threading.RateLimiting;

namespace MetaStudio.PowerShell.Core.RateLimiting
{
    /// <summary>
    /// What a call gets from <see cref="OperationRateLimiter"/>: leave to send (nothing to give back: a rate's permits
    /// are spent by time), how long it waited and where the slot came from, and the one hook the request path calls
    /// with the service's answer (<see cref="OnResponse"/>).
    /// </summary>
    internal sealed class PacedLease : RateLimitLease
    {
        /// <summary>Lease metadata: the time waited for the slot (TimeSpan).</summary>
        public static readonly MetadataName<TimeSpan> WaitedName = new MetadataName<TimeSpan>("METASTUDIO_WAITED");
        /// <summary>Lease metadata: where the slot came from (string, see <see cref="Source"/>).</summary>
        public static readonly MetadataName<string> SourceName = new MetadataName<string>("METASTUDIO_SOURCE");

        private readonly OperationRateLimiter? _owner;
        private readonly TimeSpan? _retryAfter;

        internal PacedLease(OperationRateLimiter? owner, bool acquired, TimeSpan waited, string source, int generation,
            string? warning = null, string? note = null, TimeSpan? retryAfter = null, double slot = double.NaN, bool bunched = false)
        {
            Slot = slot;
            Bunched = bunched;
            _owner = owner;
            IsAcquired = acquired;
            Waited = waited;
            Source = source;
            Generation = generation;
            Warning = warning;
            Note = note;
            _retryAfter = retryAfter;
        }

        public override bool IsAcquired { get; }

        /// <summary>How long the call waited for its slot (kept out of the retry budget).</summary>
        public TimeSpan Waited { get; }

        /// <summary>"local" (this process), "store" (the shared store) or "fallback" (this process's share while the store is unreachable).</summary>
        public string Source { get; }

        /// <summary>For the warning stream, once per store outage: the store stopped answering and this process went on alone.</summary>
        public string? Warning { get; }

        /// <summary>For the verbose stream: the store answers again, and the like.</summary>
        public string? Note { get; }

        internal int Generation { get; }

        /// <summary>When the call was let go, in seconds on its limiter's clock (NaN for a lease that paced nothing).</summary>
        internal double Slot { get; }

        /// <summary>Whether it went closer than one interval after the call before it: sent in a burst.</summary>
        internal bool Bunched { get; }

        /// <summary>
        /// How the service answered the call: throttled (APIGW.0308, 429) or not. A throttle slows the limiter down
        /// (see <see cref="AdaptiveRate"/>); returns a line for the verbose stream when it did.
        /// </summary>
        public string? OnResponse(bool throttled)
        {
            if (throttled) return _owner?.OnThrottled(this);
            _owner?.OnAnswered(this);
            return null;
        }

        public override IEnumerable<string> MetadataNames
        {
            get
            {
                yield return WaitedName.Name;
                yield return SourceName.Name;
                if (_retryAfter.HasValue) yield return MetadataName.RetryAfter.Name;
            }
        }

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (metadataName == WaitedName.Name) { metadata = Waited; return true; }
            if (metadataName == SourceName.Name) { metadata = Source; return true; }
            if (metadataName == MetadataName.RetryAfter.Name && _retryAfter.HasValue) { metadata = _retryAfter.Value; return true; }
            metadata = null;
            return false;
        }
    }
}
