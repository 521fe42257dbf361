using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Management.Automation;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace MetaStudio.PowerShell.Core.Json
{
    /// <summary>JSON settings for the MetaStudio wire format (snake_case, nulls left out).</summary>
    internal static class MsJson
    {
        public static JsonSerializerOptions Options { get; } = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
            PropertyNameCaseInsensitive = true,
            // The service takes UTF-8; escaping every non-ASCII character would only bloat bodies.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        public static byte[] Serialize(object value) => JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), Options);

        public static T? Deserialize<T>(byte[] body) => body == null || body.Length == 0
            ? default
            : Generated.GetTypeInfo(typeof(T)) is JsonTypeInfo<T> info
                ? JsonSerializer.Deserialize(body, info)
                : JsonSerializer.Deserialize<T>(body, Options);

        /// <summary>
        /// The [WireModel] types' source-generated readers (MsJsonContext), bound to a copy of <see cref="Options"/> so
        /// they read exactly as the reflection path does; any other type (a dictionary, a test's own type) reads by reflection.
        /// </summary>
        internal static MsJsonContext Generated { get; } = new MsJsonContext(new JsonSerializerOptions(Options));

        /// <summary>
        /// Turns a JSON value into what PowerShell users expect: objects become PSCustomObjects,
        /// arrays object[], numbers long or double.
        /// </summary>
        public static object? ToPowerShell(JsonElement e)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    var o = new PSObject();
                    foreach (var p in e.EnumerateObject()) o.Properties.Add(new PSNoteProperty(p.Name, ToPowerShell(p.Value)));
                    return o;
                case JsonValueKind.Array:
                    var list = new List<object?>();
                    foreach (var item in e.EnumerateArray()) list.Add(ToPowerShell(item));
                    return list.ToArray();
                case JsonValueKind.String:
                    return e.GetString();
                case JsonValueKind.Number:
                    return e.TryGetInt64(out var l) ? (object)l : e.GetDouble();
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                default:
                    return null;
            }
        }

        /// <summary>How deeply a nested config may nest (objects and lists); far more than any MetaStudio model needs.</summary>
        public const int MaxConfigDepth = 32;

        /// <summary>
        /// Turns what a user wrote in PowerShell (hashtables, PSCustomObjects, arrays, our own models)
        /// into a JSON-ready tree, so that nested configs need no hand-written JSON. This is the one place
        /// user-built configs are walked: a hashtable or list that contains itself, or nesting deeper than
        /// <see cref="MaxConfigDepth"/>, is an <see cref="ArgumentException"/> naming <paramref name="parameter"/>
        /// and where in it, instead of a stack overflow (which ends the process) or a serializer error.
        /// </summary>
        [return: NotNullIfNotNull(nameof(value))]
        public static object? FromPowerShell(object? value, string? parameter = null)
            => FromPowerShell(value, new ConfigWalk(parameter), "", 0);

        private sealed class ConfigWalk
        {
            public ConfigWalk(string? parameter) => Parameter = parameter == null || parameter.Length == 0 ? "the value" : (parameter.StartsWith("-", StringComparison.Ordinal) ? parameter : "-" + parameter);
            public string Parameter { get; }
            // The containers on the path from the root to the value being converted: a container met again on its own path is a cycle.
            public readonly HashSet<object> Open = new HashSet<object>(SameObject.Instance);
        }

        private sealed class SameObject : IEqualityComparer<object>
        {
            public static readonly SameObject Instance = new SameObject();
            public new bool Equals(object x, object y) => ReferenceEquals(x, y);
            public int GetHashCode(object obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
        }

        private static object? FromPowerShell(object? value, ConfigWalk walk, string at, int depth)
        {
            if (value is PSObject pso)
            {
                if (pso.BaseObject is PSCustomObject)
                    return Container(pso, walk, at, depth, () =>
                    {
                        var d = new SortedDictionary<string, object?>();
                        foreach (var p in pso.Properties) d[p.Name] = FromPowerShell(p.Value, walk, at + "." + p.Name, depth + 1);
                        return d;
                    });
                value = pso.BaseObject;
            }
            switch (value)
            {
                case null:
                    return null;
                case string _:
                    return value;
                case IDictionary dict:
                    return Container(dict, walk, at, depth, () =>
                    {
                        var result = new Dictionary<string, object?>();
                        foreach (DictionaryEntry entry in dict) result[entry.Key.ToString()] = FromPowerShell(entry.Value, walk, at + "." + entry.Key, depth + 1);
                        return result;
                    });
                case IEnumerable seq:
                    return Container(seq, walk, at, depth, () =>
                    {
                        var items = new List<object?>();
                        var i = 0;
                        foreach (var item in seq) items.Add(FromPowerShell(item, walk, at + "[" + i++ + "]", depth + 1));
                        return items;
                    });
                default:
                    return value;
            }
        }

        private static object Container(object container, ConfigWalk walk, string at, int depth, Func<object> convert)
        {
            var where = at.Length == 0 ? walk.Parameter : walk.Parameter + " at " + at.TrimStart('.');
            if (!walk.Open.Add(container))
                throw new ArgumentException($"{where} contains itself (a hashtable, object or list that refers back to one that holds it), so it cannot be sent as JSON. Give a copy without the loop.");
            if (depth >= MaxConfigDepth)
                throw new ArgumentException($"{walk.Parameter} nests deeper than {MaxConfigDepth} levels (at {at.TrimStart('.')}); MetaStudio's configs are far shallower. Check for a value that holds another by mistake.");
            try
            {
                return convert();
            }
            finally
            {
                walk.Open.Remove(container);
            }
        }
    }
}
