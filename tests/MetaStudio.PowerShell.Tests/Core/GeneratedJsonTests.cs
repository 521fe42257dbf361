#nullable enable
using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using MetaStudio.PowerShell.Assets;
using MetaStudio.PowerShell.Core.Json;
using MetaStudio.PowerShell.Core.Model;
using MetaStudio.PowerShell.Tests.Spec;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Core
{
    /// <summary>
    /// Answers are read by source-generated code (MsJsonContext) for every [WireModel] type, and must read exactly as the
    /// reflection path read them: names and their case, numbers sent as text, nulls, the time converters, unmodelled
    /// fields at every level. Each type, found by reflection (so a new one cannot be left out of the context), decodes
    /// samples built from its own members both ways; the two objects are compared by writing them back out.
    /// </summary>
    public class GeneratedJsonTests
    {
        private static readonly Type[] WireModels = typeof(MsSession).Assembly.GetTypes()
            .Where(t => t.GetCustomAttribute<WireModelAttribute>() != null).OrderBy(t => t.FullName).ToArray();

        /// <summary>The reflection reader: the module's options with nothing generated.</summary>
        private static readonly JsonSerializerOptions Reflection = new JsonSerializerOptions(MsJson.Options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

        public static IEnumerable<object[]> Types() => WireModels.Select(t => new object[] { t.FullName! });

        [Fact]
        public void Every_WireModel_type_is_read_by_generated_code()
        {
            Assert.True(WireModels.Length > 60, $"only {WireModels.Length} [WireModel] types");
            var missing = WireModels.Where(t => MsJson.Generated.GetTypeInfo(t) == null).Select(t => t.FullName);
            Assert.Empty(missing);
        }

        [Theory]
        [MemberData(nameof(Types))]
        public void Generated_and_reflection_reads_agree(string typeName)
        {
            var type = WireModels.Single(t => t.FullName == typeName);
            foreach (var (what, sample) in Samples(type))
            {
                var bytes = Encoding.UTF8.GetBytes(sample.ToJsonString());
                var generated = Decode(type, bytes);
                var reflected = JsonSerializer.Deserialize(bytes, type, Reflection);
                Assert.NotNull(reflected);
                Assert.IsType(type, generated);
                Assert.Equal(Written(reflected, type), Written(generated, type));
                if (what == "unknown fields" && typeof(MsObject).IsAssignableFrom(type))
                    Assert.Contains("\"future_field\"", Written(generated, type), StringComparison.Ordinal);
            }
        }

        [Fact]
        public void A_page_read_by_generated_code_keeps_what_the_items_do_not_model()
        {
            var page = MsJson.Deserialize<AssetApi.AssetPage>(Encoding.UTF8.GetBytes(
                "{\"count\":\"1\",\"assets\":[{\"ASSET_ID\":\"a1\",\"create_time\":\"2026-11-30T10:20:30Z\",\"future\":{\"x\":[1,null]},\"asset_extra_meta\":{\"k\":\"v\"}}],\"page_note\":3}"));
            Assert.NotNull(page);
            Assert.Equal(1, page.Count);   // a number sent as text
            var asset = Assert.Single(page.Assets!);
            Assert.Equal("a1", asset.AssetId);                               // names match without regard to case
            Assert.Equal(new DateTime(2026, 11, 30, 10, 20, 30, DateTimeKind.Utc).ToLocalTime(), asset.CreateTime);
            Assert.Equal(new object?[] { 1L, null }, (object?[])((System.Management.Automation.PSObject)asset.AdditionalProperties.Properties["future"].Value).Properties["x"].Value);
            Assert.Equal("v", ((System.Management.Automation.PSObject)asset.AssetExtraMeta!).Properties["k"].Value);
            Assert.Equal(3L, page.AdditionalProperties.Properties["page_note"].Value);
        }

        /// <summary>MsJson.Deserialize&lt;type&gt;: the module's own entry, which takes the generated reader.</summary>
        private static object? Decode(Type type, byte[] bytes)
            => typeof(MsJson).GetMethod(nameof(MsJson.Deserialize))!.MakeGenericMethod(type).Invoke(null, new object[] { bytes });

        private static string Written(object? value, Type type) => JsonSerializer.Serialize(value, type, Reflection);

        /// <summary>Samples of one type: every member set, names in upper case, numbers as text, every member null, unknown fields.</summary>
        private static IEnumerable<(string What, JsonObject Json)> Samples(Type type)
        {
            yield return ("all members", Sample(type, 0, SampleKind.Plain));
            yield return ("upper-case names", Sample(type, 0, SampleKind.UpperCase));
            yield return ("numbers as text", Sample(type, 0, SampleKind.NumbersAsText));
            yield return ("nulls", Sample(type, 0, SampleKind.Nulls));
            yield return ("unknown fields", Sample(type, 0, SampleKind.Unknown));
        }

        private enum SampleKind { Plain, UpperCase, NumbersAsText, Nulls, Unknown }

        private static JsonObject Sample(Type type, int depth, SampleKind kind)
        {
            var json = new JsonObject();
            foreach (var (name, propertyType) in WireModelTests.JsonMembers(type))
                json[kind == SampleKind.UpperCase ? name.ToUpperInvariant() : name] = kind == SampleKind.Nulls ? null : Value(propertyType, name, depth, kind);
            if (kind == SampleKind.Unknown)
            {
                json["future_field"] = "kept";
                json["future_object"] = new JsonObject { ["x"] = 1, ["y"] = new JsonArray(true, null, "z") };
            }
            return json;
        }

        private static JsonNode? Value(Type type, string name, int depth, SampleKind kind)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            JsonNode Number(long n) => kind == SampleKind.NumbersAsText ? JsonValue.Create(n.ToString(System.Globalization.CultureInfo.InvariantCulture))! : JsonValue.Create(n);
            if (type == typeof(string)) return "v-" + name;
            if (type == typeof(bool)) return true;
            if (type == typeof(int) || type == typeof(long) || type == typeof(short)) return Number(7);
            if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
                return kind == SampleKind.NumbersAsText ? JsonValue.Create("2.5") : JsonValue.Create(2.5);
            // Times: the service's RFC 3339 text, or epoch milliseconds where a converter takes numbers (both read them).
            if (type == typeof(DateTime) || type == typeof(DateTimeOffset)) return kind == SampleKind.NumbersAsText ? JsonValue.Create(1764498030000L) : JsonValue.Create("2026-11-30T10:20:30Z");
            if (type == typeof(JsonElement) || type == typeof(object)) return new JsonObject { ["k"] = "v", ["n"] = new JsonArray(1, 2.5, null) };
            if (type.IsEnum) return Enum.GetNames(type)[0];
            if (type.IsArray || (type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) && type.GetGenericArguments().Length == 1))
            {
                var element = type.IsArray ? type.GetElementType()! : type.GetGenericArguments()[0];
                return new JsonArray(Value(element, name, depth, kind), Value(element, name, depth, kind));
            }
            if (type.IsGenericType && typeof(IDictionary).IsAssignableFrom(type))
                return new JsonObject { ["a"] = Value(type.GetGenericArguments()[1], name, depth, kind) };
            if (type.GetCustomAttribute<WireModelAttribute>() != null)
                return depth > 4 ? null : Sample(type, depth + 1, kind);
            throw new Xunit.Sdk.XunitException($"{name}: no sample for {type}; add one so the generated reader is compared on it");
        }
    }
}
