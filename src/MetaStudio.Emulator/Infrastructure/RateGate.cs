using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using MetaStudio.PowerShell.Core.Catalog;

namespace MetaStudio.Emulator.Infrastructure
{
    /// <summary>
    /// The service's per-tenant, per-region, per-API limit: a bucket that refills at the catalog's rate and holds
    /// EmulatorOptions.RateLimitBurst seconds of calls (one second by default, at least one call). Over it, calls are
    /// rejected (429 APIGW.0308), never queued.
    /// </summary>
    public sealed class RateGate
    {
        private sealed class Bucket
        {
            public double Tokens;
            public double Last;
        }

        private readonly ConcurrentDictionary<string, Bucket> _buckets = new();
        private readonly Func<double> _seconds;
        private readonly Func<double> _burst;

        public RateGate(EmulatorOptions options) : this(options, null) { }

        /// <param name="seconds">The gate's clock in seconds (tests drive it by hand).</param>
        internal RateGate(EmulatorOptions options, Func<double>? seconds)
        {
            _burst = () => options.RateLimitBurst;
            if (seconds == null)
            {
                var clock = Stopwatch.StartNew();
                seconds = () => clock.Elapsed.TotalSeconds;
            }
            _seconds = seconds;
        }

        internal bool TryPass(string tenant, string region, Operation op)
        {
            double rate = op.RateLimit(region);
            var capacity = Math.Max(1, rate * Math.Max(0, _burst()));
            var bucket = _buckets.GetOrAdd($"{tenant}|{region}|{op.Name}", _ => new Bucket { Tokens = capacity, Last = _seconds() });
            lock (bucket)
            {
                var now = _seconds();
                bucket.Tokens = Math.Min(capacity, bucket.Tokens + (now - bucket.Last) * rate);
                bucket.Last = now;
                if (bucket.Tokens < 1) return false;
                bucket.Tokens -= 1;
                return true;
            }
        }

        public void Reset() => _buckets.Clear();
    }
}
