using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using MetaStudio.PowerShell.Core.Model;
using MetaStudio.PowerShell.Core.Spec;
using MetaStudio.PowerShell.Tests.Module;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Spec
{
    /// <summary>
    /// The module's output types read only official names: every JSON name a type reads is a field of one of the
    /// official models its [WireModel] names, at every level; what they do not model stays in AdditionalProperties.
    /// </summary>
    public class WireModelTests
    {
        private static readonly Type[] ModuleTypes = typeof(MsSession).Assembly.GetTypes();

        /// <summary>The JSON names System.Text.Json reads into a type with the module's options, and the property types.</summary>
        internal static IEnumerable<(string Name, Type Type)> JsonMembers(Type t)
        {
            foreach (var p in t.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance))
            {
                if (p.GetCustomAttribute<JsonIgnoreAttribute>() != null || p.GetCustomAttribute<JsonExtensionDataAttribute>() != null || p.GetIndexParameters().Length > 0) continue;
                var visible = p.GetMethod?.IsPublic == true || p.GetCustomAttribute<JsonIncludeAttribute>() != null;
                if (!visible || p.SetMethod == null) continue;
                var name = p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name);
                yield return (name, p.PropertyType);
            }
        }

        private static Type ElementOf(Type t)
        {
            t = Nullable.GetUnderlyingType(t) ?? t;
            if (t.IsArray) return t.GetElementType()!;   // an array type has an element type
            if (t.IsGenericType && typeof(IEnumerable).IsAssignableFrom(t)) return t.GetGenericArguments().Last();
            return t;
        }

        private static bool IsLeaf(Type t) => t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(DateTime)
                                              || t == typeof(DateTimeOffset) || t == typeof(JsonElement) || t == typeof(object);

        [Fact]
        public void Types_read_from_responses_use_only_names_of_their_official_models()
        {
            var spec = ApiSpec.Bundled;
            var violations = new List<string>();
            var annotated = ModuleTypes.Where(t => t.GetCustomAttribute<WireModelAttribute>() != null).ToList();
            Assert.True(annotated.Count > 60, $"only {annotated.Count} [WireModel] types");
            foreach (var type in annotated)
            {
                var attribute = type.GetCustomAttribute<WireModelAttribute>();
                Assert.NotNull(attribute);
                var models = attribute.Models;
                if (models.Count == 0) violations.Add($"{type.Name}: [WireModel] names no model");
                var unknown = models.Where(m => !spec.Models.ContainsKey(m)).ToList();
                violations.AddRange(unknown.Select(m => $"{type.Name}: the spec has no model '{m}'"));
                var fields = models.Where(spec.Models.ContainsKey).SelectMany(m => spec.Models[m].Fields?.Keys ?? throw new Xunit.Sdk.XunitException($"the spec's model {m} has no fields")).ToHashSet();
                foreach (var (name, propertyType) in JsonMembers(type))
                {
                    if (!fields.Contains(name)) violations.Add($"{type.Name}.{name}: not a field of {string.Join(" or ", models)}");
                    var element = ElementOf(propertyType);
                    if (!IsLeaf(element) && element.GetCustomAttribute<WireModelAttribute>() == null)
                        violations.Add($"{type.Name}.{name}: {element.Name} reads a nested model but names none ([WireModel])");
                }
            }
            ModuleFacts.AssertNone(violations, "Output types reading names the official models lack");
        }

        [Fact]
        public void Every_output_type_names_the_models_it_reads()
        {
            var missing = ModuleTypes.Where(t => !t.IsAbstract && typeof(MsObject).IsAssignableFrom(t) && t.GetCustomAttribute<WireModelAttribute>() == null);
            ModuleFacts.AssertNone(missing.Select(t => t.FullName ?? t.Name), "MsObject types without [WireModel]");
        }

        [Fact]
        public void Reading_a_response_into_a_type_without_a_model_is_refused()
        {
            var response = new MetaStudio.PowerShell.Core.Http.MsResponse(200, "r", System.Text.Encoding.UTF8.GetBytes("{\"a\":1}"), null);
            var ex = Assert.Throws<InvalidOperationException>(() => response.As<Unmodelled>());
            Assert.Contains("[WireModel]", ex.Message);
            Assert.Equal(1L, response.As<Dictionary<string, object>>()?["a"] is JsonElement e ? e.GetInt64() : 0);
        }

        private sealed class Unmodelled
        {
            public int A { get; set; }
        }
    }
}
