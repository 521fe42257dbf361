// Nullable: annotated, flow warnings still off in this file (issue 12 item 5 follow-up: finish its null checks).
#nullable disable warnings
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MetaStudio.PowerShell.Core.Json
{
    /// <summary>JSON settings for the MetaStudio wire format (snake_case, nulls left out).</summary>
    public static class MsJson
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
            : JsonSerializer.Deserialize<T>(body, Options);

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
                    var list = new List<object>();
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

        /// <summary>
        /// Turns what a user wrote in PowerShell (hashtables, PSCustomObjects, arrays, our own models)
        /// into a JSON-ready tree, so that nested configs need no hand-written JSON.
        /// </summary>
        public static object? FromPowerShell(object? value)
        {
            if (value is PSObject pso)
            {
                if (pso.BaseObject is PSCustomObject)
                {
                    var d = new SortedDictionary<string, object>();
                    foreach (var p in pso.Properties) d[p.Name] = FromPowerShell(p.Value);
                    return d;
                }
                value = pso.BaseObject;
            }
            switch (value)
            {
                case null:
                    return null;
                case string _:
                    return value;
                case IDictionary dict:
                    var result = new Dictionary<string, object>();
                    foreach (DictionaryEntry entry in dict) result[entry.Key.ToString()] = FromPowerShell(entry.Value);
                    return result;
                case IEnumerable seq:
                    var items = new List<object>();
                    foreach (var item in seq) items.Add(FromPowerShell(item));
                    return items;
                default:
                    return value;
            }
        }
    }
}
