using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace MetaStudio.PowerShell.Core.Spec
{
    /// <summary>
    /// The official MetaStudio client's wire facts (api/metastudio-v1.json, embedded in the module): for
    /// the operations the module calls, method, path, query, body and response trees; for every
    /// operation of the client, its method and path. Read once, on first use, so importing stays fast.
    /// </summary>
    internal sealed class ApiSpec
    {
        internal const string ResourceName = "MetaStudio.PowerShell.metastudio-v1.json";

        private static readonly Lazy<ApiSpec> BundledSpec = new Lazy<ApiSpec>(() =>
        {
            using (var stream = typeof(ApiSpec).Assembly.GetManifestResourceStream(ResourceName))
            {
                if (stream == null) throw new InvalidOperationException($"The module has no embedded {ResourceName}; the build is broken.");
                return Load(stream);
            }
        });

        private readonly Dictionary<string, SpecOperation> _operations = new Dictionary<string, SpecOperation>(StringComparer.Ordinal);
        private readonly Dictionary<string, SpecRoute> _all = new Dictionary<string, SpecRoute>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, SpecNode> _models = new Dictionary<string, SpecNode>(StringComparer.Ordinal);

        private ApiSpec() { }

        /// <summary>The spec shipped in the module.</summary>
        public static ApiSpec Bundled => BundledSpec.Value;

        /// <summary>Where the facts come from (the spec's _about.source).</summary>
        public string? Source { get; private set; }

        /// <summary>The operations with full trees (the 68 of the throttling table and the extras), by name.</summary>
        public IReadOnlyDictionary<string, SpecOperation> Operations => _operations;

        /// <summary>Every operation of the official client, by name (case-insensitive): method and path.</summary>
        public IReadOnlyDictionary<string, SpecRoute> AllOperations => _all;

        /// <summary>Object models by SDK name (e.g. DigitalAssetInfo), as they appear in the trees.</summary>
        public IReadOnlyDictionary<string, SpecNode> Models => _models;

        public SpecOperation Operation(string name)
            => _operations.TryGetValue(name, out var op) ? op : throw new KeyNotFoundException($"The API spec has no operation '{name}'.");

        public static ApiSpec Load(Stream json)
        {
            var spec = new ApiSpec();
            using (var doc = JsonDocument.Parse(json))
            {
                var root = doc.RootElement;
                if (root.TryGetProperty("_about", out var about)) spec.Source = SpecNode.Text(about, "source");
                foreach (var p in root.GetProperty("ops").EnumerateObject())
                {
                    var op = SpecOperation.Read(p.Name, p.Value);
                    spec._operations[p.Name] = op;
                    spec._all[p.Name] = op;
                    spec.Collect(op.Body);
                    spec.Collect(op.Response);
                }
                if (root.TryGetProperty("all_ops", out var all))
                    foreach (var p in all.EnumerateObject())
                        if (!spec._all.ContainsKey(p.Name))
                            spec._all[p.Name] = new SpecRoute(p.Name, SpecRoute.Part(p.Name, p.Value, "method"), SpecRoute.Part(p.Name, p.Value, "path"));
            }
            return spec;
        }

        private void Collect(SpecNode? node)
        {
            if (node == null) return;
            if (node.Model != null && node.Fields != null && !_models.ContainsKey(node.Model)) _models[node.Model] = node;
            if (node.Fields != null)
                foreach (var f in node.Fields.Values) Collect(f);
            Collect(node.Items);
        }
    }
}
