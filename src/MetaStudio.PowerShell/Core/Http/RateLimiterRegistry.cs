using System;
using System.Collections.Concurrent;
using MetaStudio.PowerShell.Core.Catalog;

namespace MetaStudio.PowerShell.Core.Http
{
    /// <summary>
    /// Process-wide buckets keyed by (tenant, region, operation). The quota belongs to the tenant, so
    /// every session and runspace in the process that uses the same tenant draws from one bucket.
    /// </summary>
    public static class RateLimiterRegistry
    {
        private static readonly ConcurrentDictionary<string, TokenBucket> Buckets = new ConcurrentDictionary<string, TokenBucket>(StringComparer.OrdinalIgnoreCase);

        /// <summary>The bucket for this tenant, region and operation; null when limiting is off (scale 0).</summary>
        public static TokenBucket? For(string tenant, string region, Operation operation, double scale)
        {
            if (scale <= 0) return null;
            var rate = operation.RateLimit(region) * scale;
            // Scale is part of the key: a session that asked for another rate (a private endpoint
            // with its own quota) must not change the bucket other sessions of the tenant rely on.
            var key = $"{tenant}|{region}|{operation.Name}|{scale}";
            // Burst of half the rate: the server's bucket holds a full second of calls, so the
            // other half absorbs network jitter that bunches our evenly spaced calls together.
            return Buckets.GetOrAdd(key, _ => new TokenBucket(rate, Math.Max(1, Math.Floor(rate / 2))));
        }
    }
}
