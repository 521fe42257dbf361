using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MetaStudio.PowerShell.Core.Json
{
    /// <summary>
    /// Reads a service time leniently: RFC 3339 text, other date text, or epoch seconds/milliseconds,
    /// as UTC. A format it cannot read becomes null: one odd time must not make a whole object unreadable.
    /// </summary>
    public sealed class LenientTimeConverter : JsonConverter<DateTime?>
    {
        public override bool HandleNull => true;

        public override DateTime? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    var text = reader.GetString();
                    return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t.UtcDateTime : (DateTime?)null;
                case JsonTokenType.Number:
                    if (!reader.TryGetInt64(out var n)) return null;
                    // Voice training and some other APIs send epoch milliseconds; anything that large is not seconds.
                    return n > 100_000_000_000 ? DateTimeOffset.FromUnixTimeMilliseconds(n).UtcDateTime : DateTimeOffset.FromUnixTimeSeconds(n).UtcDateTime;
                default:
                    reader.Skip();
                    return null;
            }
        }

        public override void Write(Utf8JsonWriter writer, DateTime? value, JsonSerializerOptions options)
        {
            if (value.HasValue) writer.WriteStringValue(value.Value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            else writer.WriteNullValue();
        }
    }
}
