using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace MetaStudio.PowerShell.Core.Spec
{
    /// <summary>The method and path of an operation of the official client.</summary>
    internal class SpecRoute
    {
        internal SpecRoute(string name, string method, string path)
        {
            Name = name;
            Method = method;
            Path = path;
        }

        /// <summary>The SDK operation name, e.g. ListAssets.</summary>
        public string Name { get; }
        public string Method { get; }
        /// <summary>Path template, e.g. /v1/{project_id}/digital-assets/{asset_id}.</summary>
        public string Path { get; }

        public override string ToString() => $"{Name} {Method} {Path}";

        /// <summary>A route's method or path as the spec gives it; every operation of the spec has both.</summary>
        internal static string Part(string name, JsonElement e, string part)
            => SpecNode.Text(e, part) ?? throw new InvalidDataException($"The API spec's operation {name} has no {part}.");
    }

    /// <summary>An operation with its wire facts: path parameters, query, body and response trees.</summary>
    internal sealed class SpecOperation : SpecRoute
    {
        private SpecOperation(string name, string method, string path) : base(name, method, path) { }

        /// <summary>Placeholders of the path other than project_id.</summary>
        public IReadOnlyList<string> PathParameters { get; private set; } = Array.Empty<string>();
        /// <summary>Query name → its node (type, enum).</summary>
        public IReadOnlyDictionary<string, SpecNode> Query { get; private set; } = new Dictionary<string, SpecNode>();
        /// <summary>Query names the official client requires.</summary>
        public IReadOnlyList<string> RequiredQuery { get; private set; } = Array.Empty<string>();
        /// <summary>The request body tree, or null when the operation takes no body.</summary>
        public SpecNode? Body { get; private set; }
        /// <summary>True when the official client requires a body.</summary>
        public bool BodyRequired { get; private set; }
        /// <summary>The response body tree.</summary>
        public SpecNode? Response { get; private set; }
        /// <summary>Not in the throttling table; the module needs it beside the 68.</summary>
        public bool Extra { get; private set; }

        internal static SpecOperation Read(string name, JsonElement e)
        {
            var clientRequired = SpecNode.Strings(e, "client_required") ?? Array.Empty<string>();
            var query = new Dictionary<string, SpecNode>(StringComparer.Ordinal);
            if (e.TryGetProperty("query", out var q) && q.ValueKind == JsonValueKind.Object)
                foreach (var p in q.EnumerateObject()) query[p.Name] = SpecNode.Read(p.Value) ?? throw new InvalidDataException($"The API spec's query parameter '{p.Name}' of {name} is not an object.");
            // client_required names parameters as the SDK's camelCase arguments (jobId); the wire says job_id.
            var required = clientRequired.Select(Snake).Where(query.ContainsKey).ToArray();
            return new SpecOperation(name, Part(name, e, "method"), Part(name, e, "path"))
            {
                PathParameters = SpecNode.Strings(e, "path_params") ?? Array.Empty<string>(),
                Query = query,
                RequiredQuery = required,
                Body = e.TryGetProperty("body", out var b) ? SpecNode.Read(b) : null,
                BodyRequired = clientRequired.Contains("body"),
                Response = e.TryGetProperty("response", out var r) ? SpecNode.Read(r) : null,
                Extra = e.TryGetProperty("extra", out var x) && x.ValueKind == JsonValueKind.True,
            };
        }

        private static string Snake(string camel)
        {
            var sb = new StringBuilder();
            foreach (var c in camel)
            {
                if (char.IsUpper(c)) sb.Append('_').Append(char.ToLowerInvariant(c));
                else sb.Append(c);
            }
            return sb.ToString();
        }
    }
}
