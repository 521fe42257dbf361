using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using MetaStudio.PowerShell.Core.Auth;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Json;
using MetaStudio.PowerShell.Core.Spec;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MetaStudio.PowerShell.Core.Http
{
    /// <summary>
    /// One call of an operation: path values, query, body and the target for errors. Before it is sent
    /// (<see cref="Prepare"/>), its query and body are checked against the official model and mended
    /// where PowerShell input means the same thing in another spelling; a mismatch is not sent.
    /// </summary>
    internal sealed class MsRequest
    {
        private static readonly Regex Placeholder = new Regex(@"\{(\w+)\}", RegexOptions.Compiled);
        private readonly Dictionary<string, string> _path = new Dictionary<string, string>(StringComparer.Ordinal);
        private List<KeyValuePair<string, string>> _query = new List<KeyValuePair<string, string>>();
        private bool _prepared;

        public MsRequest(OperationId operation) : this(OperationCatalog.Get(operation)) { }

        public MsRequest(Operation operation) => Operation = operation ?? throw new ArgumentNullException(nameof(operation));

        public Operation Operation { get; }
        /// <summary>The body as JSON (mended once prepared); null when the call has none.</summary>
        public JsonNode? BodyJson { get; private set; }
        /// <summary>The bytes sent, set by <see cref="Prepare"/>.</summary>
        public byte[]? Body { get; private set; }
        /// <summary>The id or object the call is about; becomes the ErrorRecord's target.</summary>
        public object? Target { get; set; }
        public IReadOnlyList<KeyValuePair<string, string>> QueryPairs => _query;
        /// <summary>Send the query and body as given, unchecked (Invoke-MsRequest -SkipValidation).</summary>
        public bool SkipValidation { get; set; }

        public MsRequest WithPath(string name, string? value)
        {
            if (value == null || string.IsNullOrWhiteSpace(value)) throw new ArgumentException($"A value for '{name}' is required.");
            _path[name] = value;
            if (Target == null) Target = value;
            return this;
        }

        /// <summary>The value given for a path placeholder, or null.</summary>
        public string? PathValue(string name) => _path.TryGetValue(name, out var v) ? v : null;

        /// <summary>Adds a query value; null is left out, lists become one comma-separated value.</summary>
        public MsRequest WithQuery(string name, object? value)
        {
            var text = QueryText(value);
            if (text != null) _query.Add(new KeyValuePair<string, string>(name, text));
            return this;
        }

        /// <summary>Adds one query pair per value (repeated key), for array parameters.</summary>
        public MsRequest WithQueryEach(string name, IEnumerable<string?> values)
        {
            if (values != null)
                foreach (var v in values.OfType<string>()) _query.Add(new KeyValuePair<string, string>(name, v));
            return this;
        }

        /// <summary>The body: a JSON node, or any object (dictionaries keep their keys, typed objects become snake_case).</summary>
        public MsRequest WithBody(object? body)
        {
            BodyJson = body == null ? null
                : body is JsonNode node ? node.DeepClone()
                : JsonSerializer.SerializeToNode(body, body.GetType(), MsJson.Options);
            return this;
        }

        // The two ways the module checks what it sends (never changed after this).
        private static readonly SpecCheckOptions NormalizeOnly = new SpecCheckOptions { Normalize = true };
        private static readonly SpecCheckOptions NormalizeAllowingUnknown = new SpecCheckOptions { Normalize = true, AllowUnknown = true };

        /// <summary>
        /// Checks the query and body against the operation's official model (when the spec has it), mends
        /// them, and fixes the bytes to send. Throws <see cref="SpecViolationException"/>, naming every
        /// field that does not match, before anything is sent.
        /// </summary>
        /// <param name="allowUnknown">Let names and enum values the bundled spec does not list through.</param>
        public void Prepare(bool allowUnknown)
        {
            if (_prepared) return;
            var spec = Operation.Spec;
            if (spec != null && !SkipValidation)
            {
                var violations = new List<SpecViolation>();
                var options = allowUnknown ? NormalizeAllowingUnknown : NormalizeOnly;
                var query = SpecValidator.CheckQuery(spec, _query, options, violations);
                var body = SpecValidator.CheckBody(spec, BodyJson, options, violations);
                if (violations.Count > 0) throw new SpecViolationException(Operation.Name, violations);
                _query = query as List<KeyValuePair<string, string>> ?? query.ToList();
                BodyJson = body;
            }
            Body = BodyJson == null ? null : JsonSerializer.SerializeToUtf8Bytes(BodyJson, MsJson.Options);
            _prepared = true;
        }

        /// <summary>The escaped path with every placeholder filled; project_id comes from the session.</summary>
        public string BuildPath(string projectId)
        {
            var parts = TemplateParts(Operation.PathTemplate);
            var sb = new StringBuilder(Operation.PathTemplate.Length + 64);
            for (var i = 0; i < parts.Length; i++)
            {
                // Even parts are literal text, odd ones placeholder names.
                if (i % 2 == 0)
                {
                    sb.Append(parts[i]);
                    continue;
                }
                var name = parts[i];
                var value = name == "project_id" ? projectId : _path.TryGetValue(name, out var v) ? v : null;
                if (value == null || value.Length == 0) throw new ArgumentException($"{Operation.Name} needs a value for '{name}'.");
                // '.' and '..' are unreserved, so escaping leaves them as they are and the URI would collapse them.
                if (value == "." || value == "..") throw new ArgumentException($"'{value}' is not a valid value for '{name}'.");
                // Escaping each segment means an id such as 'a/../b' can never address another path.
                sb.Append(AkSkSigner.Encode(value));
            }
            return sb.ToString();
        }

        // A path template split once into literal text and placeholder names, alternately (the catalog's templates are few).
        private static readonly ConcurrentDictionary<string, string[]> Templates = new ConcurrentDictionary<string, string[]>(StringComparer.Ordinal);

        private static string[] TemplateParts(string template)
            => Templates.GetOrAdd(template, t =>
            {
                var parts = new List<string>();
                var last = 0;
                foreach (Match m in Placeholder.Matches(t))
                {
                    parts.Add(t.Substring(last, m.Index - last));
                    parts.Add(m.Groups[1].Value);
                    last = m.Index + m.Length;
                }
                parts.Add(t.Substring(last));
                return parts.ToArray();
            });

        public string BuildQueryString()
        {
            if (_query.Count == 0) return string.Empty;
            var sb = new StringBuilder(64);
            for (var i = 0; i < _query.Count; i++)
                sb.Append(i == 0 ? '?' : '&').Append(AkSkSigner.Encode(_query[i].Key)).Append('=').Append(AkSkSigner.Encode(_query[i].Value));
            return sb.ToString();
        }

        private static string? QueryText(object? value)
        {
            switch (value)
            {
                case null: return null;
                case string s: return s.Length == 0 ? null : s;
                case bool b: return b ? "true" : "false";
                case DateTime dt: return dt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                case DateTimeOffset dto: return dto.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                case IEnumerable seq:
                    var parts = seq.Cast<object>().Select(QueryText).Where(t => t != null).ToArray();
                    return parts.Length == 0 ? null : string.Join(",", parts);
                case IFormattable f: return f.ToString(null, CultureInfo.InvariantCulture);
                default: return value.ToString();
            }
        }
    }
}
