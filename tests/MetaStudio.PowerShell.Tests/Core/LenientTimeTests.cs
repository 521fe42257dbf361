using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using MetaStudio.PowerShell.Core.Json;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Core
{
    /// <summary>
    /// Service times read as local DateTimes: the service's own UTC form is read straight from the bytes, every
    /// other form through the lenient parse, and both must agree on the instant (text without an offset is UTC).
    /// </summary>
    public class LenientTimeTests
    {
        private sealed class Holder
        {
            [JsonConverter(typeof(LenientTimeConverter))]
            public DateTime? T { get; set; }
        }

        private static DateTime? Read(string json) => Assert.IsType<Holder>(JsonSerializer.Deserialize<Holder>("{\"T\":" + json + "}")).T;

        private static DateTime Utc(int y, int mo, int d, int h, int mi, int s, int ms = 0) => new DateTime(y, mo, d, h, mi, s, ms, DateTimeKind.Utc).ToLocalTime();

        [Theory]
        [InlineData("\"2026-11-30T10:20:30Z\"", 0)]
        [InlineData("\"2026-11-30T10:20:30.123Z\"", 123)]
        [InlineData("\"2026-11-30T10:20:30\"", 0)]          // no offset: UTC, as the service means it
        [InlineData("\"2026-11-30T18:20:30+08:00\"", 0)]
        [InlineData("\"2026-11-30 10:20:30Z\"", 0)]         // a space for the T: the lenient parse
        [InlineData("\"2026-11-30T10:20:30\\u005A\"", 0)]   // an escaped Z
        public void Every_form_gives_the_same_instant_in_local_time(string json, int ms)
        {
            var t = Read(json);
            Assert.Equal(Utc(2026, 11, 30, 10, 20, 30, ms), t);
            Assert.NotNull(t);
            Assert.Equal(DateTimeKind.Local, t.Value.Kind);
        }

        [Fact]
        public void Epochs_nulls_and_nonsense()
        {
            Assert.Equal(Utc(2026, 11, 30, 10, 20, 30), Read(new DateTimeOffset(2026, 11, 30, 10, 20, 30, TimeSpan.Zero).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
            Assert.Equal(Utc(2026, 11, 30, 10, 20, 30), Read(new DateTimeOffset(2026, 11, 30, 10, 20, 30, TimeSpan.Zero).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)));
            Assert.Null(Read("null"));
            Assert.Null(Read("\"not a time Z\""));
            Assert.Null(Read("\"\""));
        }
    }
}
