using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using MetaStudio.PowerShell.Core.Catalog;

namespace MetaStudio.Emulator.Infrastructure
{
    /// <summary>
    /// The service's per-tenant, per-region, per-API limit: a bucket that holds one second of calls
    /// and refills at the catalog's rate. Over it, calls are rejected (429 APIGW.0308), never queued.
    /// </summary>
    public sealed class RateGate
    {
        private sealed class Bucket
        {
            public double Tokens;
            public double Last;
        }

        private readonly ConcurrentDictionary<string, Bucket> _buckets = new();
        private readonly Stopwatch _clock = Stopwatch.StartNew();

        public bool TryPass(string tenant, string region, Operation op)
        {
            double rate = op.RateLimit(region);
            var bucket = _buckets.GetOrAdd($"{tenant}|{region}|{op.Name}", _ => new Bucket { Tokens = rate, Last = _clock.Elapsed.TotalSeconds });
            lock (bucket)
            {
                var now = _clock.Elapsed.TotalSeconds;
                bucket.Tokens = Math.Min(rate, bucket.Tokens + (now - bucket.Last) * rate);
                bucket.Last = now;
                if (bucket.Tokens < 1) return false;
                bucket.Tokens -= 1;
                return true;
            }
        }

        public void Reset() => _buckets.Clear();
    }
}
