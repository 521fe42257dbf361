using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace MetaStudio.Emulator.Infrastructure
{
    /// <summary>
    /// Values as they travel: JSON nodes read leniently (<see cref="Str"/>, <see cref="Num"/>) or strictly
    /// (<see cref="Text"/>, <see cref="Strings"/>), and times written the way the service writes them. Every
    /// handler group reads and writes through these, so a format is decided once.
    /// </summary>
    internal static class Wire
    {
        /// <summary>A node as text: a string's value, anything else as its JSON; null for none.</summary>
        [return: NotNullIfNotNull(nameof(n))]
        public static string? Str(JsonNode? n) => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : n?.ToJsonString().Trim('"');

        /// <summary>A number, or a string holding one; null otherwise.</summary>
        public static double? Num(JsonNode? n) => double.TryParse(Str(n), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

        /// <summary>A field that must be a string when present (400 otherwise).</summary>
        public static string? Text(JsonObject body, string name)
            => body[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : body[name] == null ? null : throw EmuError.Invalid($"{name} must be a string.");

        /// <summary>A field that must be an array of strings when present (400 otherwise); empty when absent.</summary>
        public static List<string> Strings(JsonNode? node)
        {
            if (node == null) return new List<string>();
            if (node is not JsonArray arr) throw EmuError.Invalid("Expected an array of strings.");
            return arr.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw EmuError.Invalid("Expected an array of strings.")).ToList();
        }

        /// <summary>RFC 3339 in UTC to the second (2021-01-10T08:43:17Z), the service's time format.</summary>
        public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }
}
