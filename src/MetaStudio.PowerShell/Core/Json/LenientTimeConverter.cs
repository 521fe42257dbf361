using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MetaStudio.PowerShell.Core.Json
{
    /// <summary>
    /// Reads a service time leniently: RFC 3339 text, other date text, or epoch seconds/milliseconds, as the
    /// machine's local time (DateTimeKind.Local), which is what PowerShell users read and compare with Get-Date.
    /// A format it cannot read becomes null: one odd time must not make a whole object unreadable.
    /// </summary>
    internal sealed class LenientTimeConverter : JsonConverter<DateTime?>
    {
        public override bool HandleNull => true;

        public override DateTime? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    // The service's own form (RFC 3339 in UTC, "...Z"): read from the bytes, no string. Text without an
                    // offset takes the slow path, which reads it as UTC (the fast one would read it as local time).
                    if (EndsInUtc(ref reader) && reader.TryGetDateTimeOffset(out var utc)) return utc.LocalDateTime;
                    var text = reader.GetString();
                    return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t.LocalDateTime : (DateTime?)null;
                case JsonTokenType.Number:
                    if (!reader.TryGetInt64(out var n)) return null;
                    // Voice training and some other APIs send epoch milliseconds; anything that large is not seconds.
                    return n > 100_000_000_000 ? DateTimeOffset.FromUnixTimeMilliseconds(n).LocalDateTime : DateTimeOffset.FromUnixTimeSeconds(n).LocalDateTime;
                default:
                    reader.Skip();
                    return null;
            }
        }

        private static bool EndsInUtc(ref Utf8JsonReader reader)
            => !reader.HasValueSequence && !reader.ValueIsEscaped && reader.ValueSpan.Length > 0 && reader.ValueSpan[reader.ValueSpan.Length - 1] == (byte)'Z';

        public override void Write(Utf8JsonWriter writer, DateTime? value, JsonSerializerOptions options)
        {
            if (value.HasValue) writer.WriteStringValue(value.Value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            else writer.WriteNullValue();
        }
    }

    /// <summary>
    /// A time the service sends and takes back as epoch milliseconds (a number), read as a local DateTime
    /// and written back as the same number, so an object read from the service can be sent back verbatim.
    /// </summary>
    internal sealed class EpochMillisecondsConverter : JsonConverter<DateTime?>
    {
        public override bool HandleNull => true;

        public override DateTime? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            long ms;
            switch (reader.TokenType)
            {
                case JsonTokenType.Number when reader.TryGetInt64(out ms):
                    return DateTimeOffset.FromUnixTimeMilliseconds(ms).LocalDateTime;
                case JsonTokenType.String when long.TryParse(reader.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out ms):
                    return DateTimeOffset.FromUnixTimeMilliseconds(ms).LocalDateTime;
                default:
                    reader.Skip();
                    return null;
            }
        }

        public override void Write(Utf8JsonWriter writer, DateTime? value, JsonSerializerOptions options)
        {
            if (value.HasValue) writer.WriteNumberValue(new DateTimeOffset(value.Value.ToUniversalTime()).ToUnixTimeMilliseconds());
            else writer.WriteNullValue();
        }
    }
}
