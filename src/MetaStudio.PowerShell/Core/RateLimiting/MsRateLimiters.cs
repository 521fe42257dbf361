#nullable enable
using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;

namespace MetaStudio.PowerShell.Core.RateLimiting
{
    /// <summary>
    /// The module's rate limiter as System.Threading.RateLimiting's PartitionedRateLimiter, partitioned by
    /// <see cref="RateLimitKey"/> (tenant, region, API, and the session's scale, store and share). One per process
    /// (<see cref="Shared"/>): every session and runspace of the process draws from it, and with a store every
    /// process and host too. Partitions live as long as the process (one per tenant, region and API used: few).
    /// </summary>
    internal sealed class MsRateLimiters : PartitionedRateLimiter<RateLimitKey>
    {
        private readonly ConcurrentDictionary<RateLimitKey, OperationRateLimiter> _partitions = new ConcurrentDictionary<RateLimitKey, OperationRateLimiter>();
        private readonly TimeProvider _clock;

        public MsRateLimiters(TimeProvider? clock = null) => _clock = clock ?? TimeProvider.System;

        /// <summary>The process's limiter.</summary>
        public static MsRateLimiters Shared { get; } = new MsRateLimiters();

        /// <summary>The limiter of one partition, made on first use.</summary>
        public OperationRateLimiter Partition(RateLimitKey key) => _partitions.GetOrAdd(key, k => new OperationRateLimiter(k, _clock));

        public override RateLimiterStatistics? GetStatistics(RateLimitKey resource) => Partition(resource).GetStatistics();

        protected override RateLimitLease AttemptAcquireCore(RateLimitKey resource, int permitCount) => Partition(resource).AttemptAcquire(permitCount);

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(RateLimitKey resource, int permitCount, CancellationToken cancellationToken)
            => Partition(resource).AcquireAsync(permitCount, cancellationToken);

        /// <summary>Forgets every partition (benchmarks that play several services one after another in one process).</summary>
        internal void Clear() => _partitions.Clear();
    }
}
