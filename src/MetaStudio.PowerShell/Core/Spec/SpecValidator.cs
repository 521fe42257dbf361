using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MetaStudio.PowerShell.Core.Spec
{
    /// <summary>How strictly a check reads, and whether it may mend what it reads.</summary>
    internal sealed class SpecCheckOptions
    {
        /// <summary>Exactly the official model: what the emulator applies to requests and to its own answers.</summary>
        public static readonly SpecCheckOptions Strict = new SpecCheckOptions();

        /// <summary>
        /// Mend what a PowerShell user naturally writes and that means the same thing on the wire:
        /// PascalCase or wrongly cased field names, enum values in another case, numbers and booleans as
        /// text (and the reverse), one item where a list is expected. The module sends the mended copy.
        /// </summary>
        public bool Normalize { get; set; }

        /// <summary>Let names and enum values the model does not list through (a service newer than the spec).</summary>
        public bool AllowUnknown { get; set; }

        /// <summary>The top level is a set of changes, not a whole body: its required fields are not checked.</summary>
        public bool Partial { get; set; }
    }

    /// <summary>
    /// Checks JSON against the official trees: unknown field or query name, missing required field,
    /// value outside a listed enum, wrong JSON type. One implementation for the module (before it sends)
    /// and the emulator (requests it receives, answers it gives). enum_model values are not checked.
    /// </summary>
    internal static class SpecValidator
    {
        /// <summary>Checks a request body; returns the body to send (a mended copy when options.Normalize).</summary>
        public static JsonNode? CheckBody(SpecOperation op, JsonNode? body, SpecCheckOptions options, List<SpecViolation> violations)
        {
            if (op.Body == null)
            {
                if (body != null && !(body is JsonObject empty && empty.Count == 0))
                    violations.Add(new SpecViolation(SpecViolationKind.UnexpectedBody, "$", null, $"{op.Name} takes no request body."));
                return body;
            }
            if (body == null)
            {
                if (op.BodyRequired) violations.Add(new SpecViolation(SpecViolationKind.MissingBody, "$", null, $"{op.Name} needs a request body ({op.Body.Describe()})."));
                return null;
            }
            return new Walk(options, violations).Visit(body, op.Body, "$", null, 0);
        }

        /// <summary>Checks query parameters; returns them mended when options.Normalize.</summary>
        public static IReadOnlyList<KeyValuePair<string, string>> CheckQuery(SpecOperation op, IReadOnlyList<KeyValuePair<string, string>> query,
            SpecCheckOptions options, List<SpecViolation> violations)
        {
            var result = new List<KeyValuePair<string, string>>();
            foreach (var pair in query)
            {
                var name = pair.Key;
                if (!op.Query.TryGetValue(name, out var node))
                {
                    var match = Suggest(name, op.Query.Keys);
                    if (options.Normalize && match != null)
                    {
                        name = match;
                        node = op.Query[match];
                    }
                    else
                    {
                        if (!options.AllowUnknown)
                            violations.Add(new SpecViolation(SpecViolationKind.UnknownQuery, "?" + name, name,
                                $"?{name}: {op.Name} has no query parameter '{name}'{DidYouMean(match)}. Allowed: {List(op.Query.Keys)}.", op.Query.Keys.ToArray()));
                        result.Add(pair);
                        continue;
                    }
                }
                result.Add(new KeyValuePair<string, string>(name, QueryValue(name, pair.Value, node, options, violations)));
            }
            foreach (var required in op.RequiredQuery)
                if (!result.Any(p => p.Key == required && !string.IsNullOrEmpty(p.Value)))
                    violations.Add(new SpecViolation(SpecViolationKind.MissingQuery, "?" + required, required, $"?{required}: {op.Name} requires the query parameter '{required}'."));
            return result;
        }

        /// <summary>Checks a response body strictly; an empty answer counts as an empty object.</summary>
        public static void CheckResponse(SpecOperation op, JsonNode? body, List<SpecViolation> violations)
        {
            if (op.Response == null) return;
            new Walk(SpecCheckOptions.Strict, violations).Visit(body ?? new JsonObject(), op.Response, "$", null, 0);
        }

        /// <summary>
        /// The part of a JSON tree that a model knows, at every level: what a read-back keeps when it is sent
        /// as an update body (server-set fields such as ids and times are left out).
        /// </summary>
        public static JsonNode? KnownPart(JsonNode? node, SpecNode? spec)
        {
            if (node == null || spec == null) return node?.DeepClone();
            if (spec.IsObject && spec.Fields != null && node is JsonObject obj)
            {
                var result = new JsonObject();
                foreach (var kv in obj)
                    if (spec.Fields.TryGetValue(kv.Key, out var field)) result[kv.Key] = KnownPart(kv.Value, field);
                return result;
            }
            if (spec.IsArray && node is JsonArray array)
                return new JsonArray(array.Select(item => KnownPart(item, spec.Items)).ToArray());
            return node.DeepClone();
        }

        /// <summary>
        /// True when the strict walk (<see cref="Check"/> without Normalize) would find no missing required field and no
        /// value of the wrong JSON type in <paramref name="value"/>: the same rules, read off the document the answer check
        /// has already parsed (no JsonNode tree, no strings for names, no paths, no messages). The answer check's fast
        /// path: a 100-item page costs a fraction of the walk over JsonNodes.
        /// </summary>
        internal static bool HasNoMissingOrWrongType(JsonElement value, SpecNode? spec)
        {
            var kind = value.ValueKind;
            if (kind == JsonValueKind.Null) return true;   // as a null JsonNode: not visited
            if (spec == null || spec.Type == "any" || spec.IsOpenObject) return true;
            switch (spec.Type)
            {
                case "object":
                    if (kind != JsonValueKind.Object) return false;
                    var fields = SpecFieldLookup.Of(spec);
                    if (fields == null) return false;   // more required fields than the fast path counts: the walk decides
                    ulong found = 0;
                    foreach (var property in value.EnumerateObject())
                    {
                        var field = fields.Find(property);
                        if (field == null) continue;   // a field the model does not know: allowed
                        if (field.RequiredBit != 0 && property.Value.ValueKind != JsonValueKind.Null) found |= field.RequiredBit;
                        if (!HasNoMissingOrWrongType(property.Value, field.Node)) return false;
                    }
                    return found == fields.AllRequired;
                case "array":
                    if (kind != JsonValueKind.Array) return false;
                    foreach (var item in value.EnumerateArray())
                        if (!HasNoMissingOrWrongType(item, spec.Items)) return false;
                    return true;
                case "string":
                    return kind == JsonValueKind.String;
                case "number":
                    return kind == JsonValueKind.Number;
                case "boolean":
                    return kind == JsonValueKind.True || kind == JsonValueKind.False;
                default:
                    return kind != JsonValueKind.Object && kind != JsonValueKind.Array;   // a scalar the walk takes as it is
            }
        }

        /// <summary>Checks any JSON against a node (e.g. a model of the spec).</summary>
        public static JsonNode? Check(JsonNode node, SpecNode spec, SpecCheckOptions options, List<SpecViolation> violations)
            => new Walk(options, violations).Visit(node, spec, "$", null, 0);

        [return: NotNullIfNotNull(nameof(value))]
        private static string? QueryValue(string name, string? value, SpecNode node, SpecCheckOptions options, List<SpecViolation> violations)
        {
            if (value == null) return null;
            var item = node.IsArray ? node.Items : node;
            // Lists go out as repeated names or as one comma-separated value; either way each part is checked.
            var parts = node.IsArray ? value.Split(',') : new[] { value };
            for (var i = 0; i < parts.Length; i++)
            {
                var part = parts[i];
                var path = "?" + name;
                switch (item?.Type)
                {
                    case "number":
                        if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                            violations.Add(new SpecViolation(SpecViolationKind.WrongType, path, name, $"{path}: '{part}' is not a number."));
                        break;
                    case "boolean":
                        if (options.Normalize && (part.Equals("true", StringComparison.OrdinalIgnoreCase) || part.Equals("false", StringComparison.OrdinalIgnoreCase)))
                            part = part.ToLowerInvariant();
                        if (part != "true" && part != "false")
                            violations.Add(new SpecViolation(SpecViolationKind.WrongType, path, name, $"{path}: '{part}' is not true or false."));
                        break;
                    case "string":
                        part = EnumValue(part, item, path, name, options, violations);
                        break;
                }
                parts[i] = part;
            }
            return string.Join(",", parts);
        }

        [return: NotNullIfNotNull(nameof(value))]
        private static string? EnumValue(string? value, SpecNode node, string path, string? field, SpecCheckOptions options, List<SpecViolation> violations)
        {
            if (node.Enum == null || node.Enum.Contains(value, StringComparer.Ordinal)) return value;
            if (options.Normalize)
            {
                var matches = node.Enum.Where(v => string.Equals(v, value, StringComparison.OrdinalIgnoreCase)).ToList();
                if (matches.Count == 1) return matches[0];
            }
            if (!options.AllowUnknown)
                violations.Add(new SpecViolation(SpecViolationKind.NotInEnum, path, field, $"{path}: '{value}' is not a value of '{field}'. Allowed: {List(node.Enum)}.", node.Enum));
            return value;
        }

        /// <summary>The one field a name means when written in another case or style (AssetName, assetname → asset_name).</summary>
        internal static string? Suggest(string name, IEnumerable<string> fields)
        {
            var key = Squash(name);
            var matches = fields.Where(f => Squash(f) == key).Take(2).ToList();
            return matches.Count == 1 ? matches[0] : null;
        }

        private static string Squash(string name) => new string(name.Where(c => c != '_' && c != '-').Select(char.ToLowerInvariant).ToArray());

        private static string DidYouMean(string? match) => match == null ? "" : $" (did you mean '{match}'?)";

        private static string List(IEnumerable<string> values) => string.Join(", ", values);

        /// <summary>One walk over a tree, collecting violations and (when normalizing) building the mended copy.</summary>
        private sealed class Walk
        {
            private readonly SpecCheckOptions _options;
            private readonly List<SpecViolation> _violations;

            public Walk(SpecCheckOptions options, List<SpecViolation> violations)
            {
                _options = options ?? SpecCheckOptions.Strict;
                _violations = violations;
            }

            private bool Normalize => _options.Normalize;

            public JsonNode? Visit(JsonNode? node, SpecNode? spec, string path, string? field, int depth)
            {
                if (node == null) return null;
                if (spec == null || spec.Type == "any" || spec.IsOpenObject) return Normalize ? node.DeepClone() : node;
                switch (spec.Type)
                {
                    case "object":
                        return node is JsonObject obj ? VisitObject(obj, spec, path, depth) : Wrong(node, spec, path, field);
                    case "array":
                        return VisitArray(node, spec, path, field, depth);
                    default:
                        return node is JsonValue value ? VisitScalar(value, spec, path, field) : Wrong(node, spec, path, field);
                }
            }

            private JsonObject VisitObject(JsonObject obj, SpecNode spec, string path, int depth)
            {
                var result = Normalize ? new JsonObject() : null;
                foreach (var kv in obj.ToList())
                {
                    var name = kv.Key;
                    // Visit sends only objects whose fields the spec lists (not open ones) here.
                    if (!spec.Fields!.TryGetValue(name, out var child))
                    {
                        var match = Suggest(name, spec.Fields.Keys);
                        if (Normalize && match != null && !obj.ContainsKey(match) && result?.ContainsKey(match) != true)
                        {
                            name = match;
                            child = spec.Fields[match];
                        }
                        else
                        {
                            if (!_options.AllowUnknown)
                                _violations.Add(new SpecViolation(SpecViolationKind.UnknownField, Join(path, name), name,
                                    $"{Join(path, name)}: {spec.Describe()} has no field '{name}'{DidYouMean(match)}. Allowed: {List(spec.Fields.Keys)}.", spec.Fields.Keys.ToArray()));
                            if (result != null) result[name] = kv.Value?.DeepClone();
                            continue;
                        }
                    }
                    var visited = Visit(kv.Value, child, Join(path, name), name, depth + 1);
                    if (result != null) result[name] = visited;
                }
                if (!(_options.Partial && depth == 0))
                {
                    var checkedObject = result ?? obj;
                    foreach (var required in spec.Required)
                        if (checkedObject[required] == null)
                            _violations.Add(new SpecViolation(SpecViolationKind.MissingField, Join(path, required), required,
                                $"{Join(path, required)}: {spec.Describe()} requires '{required}'."));
                }
                return result ?? obj;
            }

            private JsonNode VisitArray(JsonNode node, SpecNode spec, string path, string? field, int depth)
            {
                var array = node as JsonArray;
                if (array == null)
                {
                    // One item where a list is expected: PowerShell unrolls one-element arrays all the time.
                    if (!Normalize || (node is JsonValue && spec.Items?.IsObject == true)) return Wrong(node, spec, path, field);
                    array = new JsonArray(node.DeepClone());
                }
                var result = Normalize ? new JsonArray() : null;
                for (var i = 0; i < array.Count; i++)
                {
                    var visited = Visit(array[i], spec.Items, $"{path}[{i}]", field, depth + 1);
                    result?.Add(visited);
                }
                return result ?? array;
            }

            private JsonNode VisitScalar(JsonValue value, SpecNode spec, string path, string? field)
            {
                var kind = value.GetValueKind();
                switch (spec.Type)
                {
                    case "string":
                        string text;
                        if (kind == JsonValueKind.String) text = Text(value);
                        else if (Normalize && (kind == JsonValueKind.Number || kind == JsonValueKind.True || kind == JsonValueKind.False)) text = value.ToJsonString();
                        else return Wrong(value, spec, path, field);
                        var canonical = EnumValue(text, spec, path, field, _options, _violations);
                        return Normalize ? JsonValue.Create(canonical) : (JsonNode)value;
                    case "number":
                        if (kind == JsonValueKind.Number) return Normalize ? value.DeepClone() : value;
                        if (Normalize && kind == JsonValueKind.String)
                        {
                            var s = Text(value);
                            if (long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l)) return JsonValue.Create(l);
                            if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && !double.IsNaN(d) && !double.IsInfinity(d)) return JsonValue.Create(d);
                        }
                        return Wrong(value, spec, path, field);
                    case "boolean":
                        if (kind == JsonValueKind.True || kind == JsonValueKind.False) return Normalize ? value.DeepClone() : value;
                        if (Normalize && kind == JsonValueKind.String && bool.TryParse(Text(value), out var b)) return JsonValue.Create(b);
                        return Wrong(value, spec, path, field);
                    default:
                        return Normalize ? value.DeepClone() : value;
                }
            }

            private JsonNode Wrong(JsonNode node, SpecNode spec, string path, string? field)
            {
                var expected = spec.Type == "object" ? $"an object ({spec.Describe()})" : spec.Type == "array" ? "a list" : spec.Type == "boolean" ? "true or false" : "a " + spec.Type;
                var got = node.GetValueKind();
                var shown = node.ToJsonString();
                if (shown.Length > 60) shown = shown.Substring(0, 57) + "...";
                _violations.Add(new SpecViolation(SpecViolationKind.WrongType, path, field,
                    $"{path}: '{field ?? "the body"}' must be {expected}, not {Kind(got)} ({shown})."));
                return Normalize ? node.DeepClone() : node;
            }

            private static string Kind(JsonValueKind kind)
            {
                switch (kind)
                {
                    case JsonValueKind.Object: return "an object";
                    case JsonValueKind.Array: return "a list";
                    case JsonValueKind.String: return "a string";
                    case JsonValueKind.Number: return "a number";
                    case JsonValueKind.True:
                    case JsonValueKind.False: return "a boolean";
                    default: return kind.ToString().ToLowerInvariant();
                }
            }

            private static string Join(string path, string name) => path + "." + name;

            // Read only for string values, whose text is never null (a JSON null is no JsonValue).
            private static string Text(JsonValue value)
                => value.TryGetValue<string>(out var s) ? s : JsonSerializer.Deserialize<string>(value.ToJsonString())!;
        }
    }
}
