using System;
using System.Collections.Generic;

namespace MetaStudio.PowerShell.Core.Catalog
{
    /// <summary>One MetaStudio API: how to call it and how fast the service lets a tenant call it.</summary>
    public sealed class Operation
    {
        internal Operation(string name, string method, string pathTemplate, string category, string title,
            int limitCnNorth4, int limitCnEast3, int limitApSoutheast3, bool? idempotent)
        {
            Name = name;
            Method = method;
            PathTemplate = pathTemplate;
            Category = category;
            Title = title;
            _limits = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
            {
                ["cn-north-4"] = limitCnNorth4,
                ["cn-east-3"] = limitCnEast3,
                ["ap-southeast-3"] = limitApSoutheast3,
            };
            // GET/PUT/DELETE are safe to repeat; a POST only when the catalog says it is a read.
            Idempotent = idempotent ?? method != "POST";
        }

        private readonly Dictionary<string, int> _limits;

        /// <summary>The SDK operation name, e.g. CreateDigitalAsset.</summary>
        public string Name { get; }
        public string Method { get; }
        /// <summary>Path with {placeholders}, e.g. /v1/{project_id}/digital-assets/{asset_id}.</summary>
        public string PathTemplate { get; }
        /// <summary>API group as the throttling table names it.</summary>
        public string Category { get; }
        /// <summary>API title as the throttling table names it.</summary>
        public string Title { get; }
        /// <summary>True when sending the request twice cannot do the work twice.</summary>
        public bool Idempotent { get; }

        /// <summary>Requests per second the service allows one tenant in this region.</summary>
        public int RateLimit(string region)
        {
            if (region != null && _limits.TryGetValue(region, out var limit)) return limit;
            throw new ArgumentException($"Unknown region '{region}'. Known regions: {string.Join(", ", Regions.Known)}.");
        }

        public override string ToString() => $"{Name} {Method} {PathTemplate}";
    }
}
