#nullable enable
using System;
using System.Globalization;
using MetaStudio.PowerShell.Core.Catalog;

namespace MetaStudio.PowerShell.Core.RateLimiting
{
    /// <summary>
    /// A partition of the module's rate limiter: the quota belongs to a tenant (project), per region and API. The
    /// session's scale, shared store and share are part of the key too, so a session that asked for another rate (a
    /// private endpoint with its own quota) or another store never changes the limiter other sessions rely on.
    /// </summary>
    internal sealed class RateLimitKey : IEquatable<RateLimitKey>
    {
        public RateLimitKey(string tenant, string region, Operation operation, double scale = 1, SharedRateLimitStore? store = null, double share = 1)
        {
            Tenant = tenant ?? throw new ArgumentNullException(nameof(tenant));
            Region = region ?? throw new ArgumentNullException(nameof(region));
            Operation = operation ?? throw new ArgumentNullException(nameof(operation));
            Scale = scale;
            Store = store;
            Share = share;
        }

        public string Tenant { get; }
        public string Region { get; }
        public Operation Operation { get; }
        /// <summary>The session's -RateLimitScale (above 0: a key is only made when limiting is on).</summary>
        public double Scale { get; }
        /// <summary>The shared store the partition reserves from; null for this process alone.</summary>
        public SharedRateLimitStore? Store { get; }
        /// <summary>The fraction of the rate this process takes while the store is unreachable (-RateLimitShare).</summary>
        public double Share { get; }

        /// <summary>The published rate for this region and API, scaled: what the limiter paces towards.</summary>
        public double PublishedRate => Operation.RateLimit(Region) * Scale;

        /// <summary>
        /// The store's key: one per tenant, region and API, all of it inside a Redis Cluster hash tag ({...}) so the
        /// key and anything added beside it later stay on one shard. Scale and share stay out: every host of a tenant
        /// shares one schedule whatever each one asks of it.
        /// </summary>
        public string StoreKey => $"metastudio:ratelimit:{{{Tenant}:{Region}:{Operation.Name}}}";

        public bool Equals(RateLimitKey? other)
            => other != null
               && string.Equals(Tenant, other.Tenant, StringComparison.OrdinalIgnoreCase)
               && string.Equals(Region, other.Region, StringComparison.OrdinalIgnoreCase)
               && string.Equals(Operation.Name, other.Operation.Name, StringComparison.Ordinal)
               && Scale.Equals(other.Scale)
               && ReferenceEquals(Store, other.Store)
               && Share.Equals(other.Share);

        public override bool Equals(object? obj) => Equals(obj as RateLimitKey);

        public override int GetHashCode()
        {
            unchecked
            {
                var hash = StringComparer.OrdinalIgnoreCase.GetHashCode(Tenant);
                hash = hash * 31 + StringComparer.OrdinalIgnoreCase.GetHashCode(Region);
                hash = hash * 31 + Operation.Name.GetHashCode();
                hash = hash * 31 + Scale.GetHashCode();
                hash = hash * 31 + (Store?.GetHashCode() ?? 0);
                return hash * 31 + Share.GetHashCode();
            }
        }

        public override string ToString()
            => string.Format(CultureInfo.InvariantCulture, "{0} {1} {2} ×{3}{4}", Tenant, Region, Operation.Name, Scale,
                Store != null ? $" via {Store.Address} (share {Share})" : "");
    }
}
