using System;
using System.Collections.Generic;
using MetaStudio.PowerShell.Core.Spec;

namespace MetaStudio.PowerShell.Core.Catalog
{
    /// <summary>
    /// One MetaStudio API: how to call it (method and path, from the API spec) and how fast the service
    /// lets a tenant call it (from the catalog). Catalog operations have an <see cref="Id"/>; operations
    /// Invoke-MsRequest builds for any other route of the official client have none.
    /// </summary>
    internal sealed class Operation
    {
        private readonly Dictionary<string, int> _limits;

        internal Operation(OperationId? id, string name, string method, string pathTemplate, string? category, string? title,
            IReadOnlyList<int> limits, bool? idempotent, SpecOperation? spec, string? limitSource)
        {
            Id = id;
            Name = name;
            Method = method;
            PathTemplate = pathTemplate;
            Category = category;
            Title = title;
            Spec = spec;
            LimitSource = limitSource;
            _limits = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
            {
                ["cn-north-4"] = limits[0],
                ["cn-east-3"] = limits[1],
                ["ap-southeast-3"] = limits[2],
            };
            // GET/PUT/DELETE are safe to repeat; a POST only when the catalog says it is a read.
            Idempotent = idempotent ?? method != "POST";
        }

        /// <summary>The catalog id; null for an operation outside the catalog (Invoke-MsRequest).</summary>
        public OperationId? Id { get; }
        /// <summary>The SDK operation name, e.g. CreateDigitalAsset.</summary>
        public string Name { get; }
        public string Method { get; }
        /// <summary>Path with {placeholders}, e.g. /v1/{project_id}/digital-assets/{asset_id}.</summary>
        public string PathTemplate { get; }
        /// <summary>API group as the throttling table names it (null when no group matches).</summary>
        public string? Category { get; }
        /// <summary>API title as the throttling table names it.</summary>
        public string? Title { get; }
        /// <summary>True when sending the request twice cannot do the work twice.</summary>
        public bool Idempotent { get; }
        /// <summary>The official request and response trees; null when the spec lists only the route.</summary>
        public SpecOperation? Spec { get; }
        /// <summary>Where the limits come from when the throttling table has no row: the operation whose limits it shares, or a rule.</summary>
        public string? LimitSource { get; }
        /// <summary>An operation the module needs that is not one of the 68 of the throttling table.</summary>
        public bool IsExtra => LimitSource != null;

        /// <summary>Requests per second the service allows one tenant in this region.</summary>
        public int RateLimit(string region)
        {
            if (region != null && _limits.TryGetValue(region, out var limit)) return limit;
            throw new ArgumentException($"Unknown region '{region}'. Known regions: {string.Join(", ", Regions.Known)}.");
        }

        public override string ToString() => $"{Name} {Method} {PathTemplate}";
    }
}
