#nullable enable
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.RateLimiting;

namespace MetaStudio.PowerShell.Core.Http
{
    /// <summary>
    /// The request path's one entry point to the rate limiter: the partition for a call, from the process's
    /// <see cref="MsRateLimiters"/>. Acquire with <c>AcquireAsync</c> (a <see cref="PacedLease"/> that says how long it
    /// waited) and report the answer with <see cref="PacedLease.OnResponse"/>.
    /// </summary>
    internal static class RateLimiterRegistry
    {
        /// <summary>The limiter for this tenant, region and operation; null when limiting is off (scale 0).</summary>
        public static OperationRateLimiter? For(string tenant, string region, Operation operation, double scale, SharedRateLimitStore? store = null, double share = 1)
            => scale <= 0 ? null : MsRateLimiters.Shared.Partition(new RateLimitKey(tenant, region, operation, scale, store, share));

        /// <summary>The limiter a session's call to <paramref name="operation"/> uses (its scale, store and share).</summary>
        public static OperationRateLimiter? For(MsSession session, string tenant, Operation operation)
            => For(tenant, session.Region, operation, session.RateLimitScale, session.Store, session.RateLimitShare);
    }
}
