using System;
using System.Collections.Generic;
using System.Linq;

namespace MetaStudio.PowerShell.Core.Catalog
{
    /// <summary>The regions MetaStudio serves, with their public endpoints.</summary>
    internal static class Regions
    {
        private static readonly Dictionary<string, string> Endpoints = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["cn-north-4"] = "https://metastudio.cn-north-4.myhuaweicloud.com",
            ["cn-east-3"] = "https://metastudio.cn-east-3.myhuaweicloud.com",
            ["ap-southeast-3"] = "https://metastudio.ap-southeast-3.myhuaweicloud.com",
        };

        public static IReadOnlyList<string> Known { get; } = Endpoints.Keys.ToArray();

        public static bool IsKnown(string? region) => region != null && Endpoints.ContainsKey(region);

        public static Uri Endpoint(string region) => new Uri(Endpoints[region]);

        public static Uri IamEndpoint(string region) => new Uri($"https://iam.{region.ToLowerInvariant()}.myhuaweicloud.com");

        /// <summary>The canonical (lower-case) spelling of a known region.</summary>
        public static string Normalize(string region) => Known.First(r => string.Equals(r, region, StringComparison.OrdinalIgnoreCase));
    }
}
