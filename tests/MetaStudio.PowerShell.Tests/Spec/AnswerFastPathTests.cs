#nullable enable
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Spec;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Spec
{
    /// <summary>
    /// The answer check's fast path (AnswerCheck.Passes: one reader pass, issue 13 item 2) never lets through what the
    /// whole check (the walk over JsonNodes) refuses, and does pass the well-formed answers of every operation, so the
    /// per-call path and pages are not checked twice. Answers are made from the spec: each model's required fields
    /// (and, in a second form, all its fields) with values of the right type, then broken one rule at a time.
    /// </summary>
    public class AnswerFastPathTests
    {
        public static IEnumerable<object[]> Operations()
            => Enum.GetValues(typeof(OperationId)).Cast<OperationId>()
                .Where(id => OperationCatalog.Get(id).Spec?.Response?.Fields?.Count > 0)
                .Select(id => new object[] { id.ToString() });   // by name: OperationId is internal

        [Theory]
        [MemberData(nameof(Operations))]
        public void A_well_formed_answer_passes_the_fast_path_and_the_whole_check(string operation)
        {
            var id = Enum.Parse<OperationId>(operation);
            var request = new MsRequest(id);
            var model = OperationCatalog.Get(id).Spec!.Response!;
            foreach (var all in new[] { false, true })
            {
                var body = Answer(model, all, 0)!.ToJsonString();
                var response = Response(body);
                AnswerCheck.CheckWhole(request, response);   // the whole check agrees it is well formed
                Assert.True(AnswerCheck.Passes(request, response), $"{id} ({(all ? "every field" : "required fields")}): {body}");
            }
        }

        [Theory]
        [MemberData(nameof(Operations))]
        public void No_broken_answer_passes_the_fast_path_that_the_whole_check_refuses(string operation)
        {
            var id = Enum.Parse<OperationId>(operation);
            var request = new MsRequest(id);
            var model = OperationCatalog.Get(id).Spec!.Response!;
            var refused = 0;
            foreach (var body in Broken(model))
            {
                var response = Response(body);
                var wholeRefuses = Refuses(() => AnswerCheck.CheckWhole(request, response));
                if (wholeRefuses) refused++;
                if (AnswerCheck.Passes(request, response))
                    Assert.False(wholeRefuses, $"{id}: the fast path passed what the whole check refuses: {body}");
            }
            Assert.True(refused > 0, $"{id}: no broken answer was refused, so the test checked nothing");
        }

        [Theory]
        [InlineData("{\"count\":1,\"assets\":[{\"asset_id\":\"a\"}]}", true)]
        [InlineData("{\"count\":\"1\",\"assets\":[]}", false)]                       // a number as text: the whole check decides
        [InlineData("{\"count\":1,\"assets\":[{\"asset_id\":1}]}", false)]
        [InlineData("{\"count\":1,\"assets\":{}}", false)]
        [InlineData("{\"count\":1,\"assets\":[]} x", false)]                         // trailing text
        [InlineData("{\"count\":1,\"assets\":[],\"error_code\":\"MSS.1\"}", false)]
        [InlineData("{\"count\":1,\"assets\":[],\"error_code\":\"0\"}", true)]
        [InlineData("{\"count\":1,\"assets\":[],\"error_code\":null}", true)]
        [InlineData("{\"count\":1,\"assets\":[],\"newer\":{\"x\":[1]}}", true)]     // unknown fields pass
        [InlineData("{\"c\\u006funt\":1,\"assets\":[]}", true)]                      // an escaped name is still the field
        [InlineData("{}", false)]
        [InlineData("[]", false)]
        public void The_fast_path_on_a_list_answer(string body, bool passes)
        {
            var request = new MsRequest(OperationId.ListAssets);
            var response = Response(body);
            Assert.Equal(passes, AnswerCheck.Passes(request, response));
            if (passes) AnswerCheck.CheckWhole(request, response);
        }

        private static MsResponse Response(string body) => new MsResponse(200, "r", Encoding.UTF8.GetBytes(body), null);

        private static bool Refuses(Action check)
        {
            try
            {
                check();
                return false;
            }
            catch (MsServiceException)
            {
                return true;
            }
        }

        /// <summary>A value of the node's type: objects with their required fields and the answer's first (or all), arrays with one item.</summary>
        private static JsonNode? Answer(SpecNode? spec, bool all, int depth)
        {
            switch (spec?.Type)
            {
                case "object":
                    var o = new JsonObject();
                    if (spec.Fields == null || depth > 16) return o;
                    foreach (var field in spec.Fields)
                        if (all || spec.Required.Contains(field.Key) || (depth == 0 && field.Key == spec.Fields.Keys.First()))   // a read names something: its first field (the id)
                            o[field.Key] = field.Key.EndsWith("_id", StringComparison.Ordinal) && field.Value.Type == "string" ? "id-1" : Answer(field.Value, all, depth + 1);
                    foreach (var required in spec.Required.Where(r => !o.ContainsKey(r))) o[required] = "x";
                    return o;
                case "array":
                    return depth > 16 ? new JsonArray() : new JsonArray(Answer(spec.Items, all, depth + 1));
                case "number":
                    return 1;
                case "boolean":
                    return true;
                case "string":
                    return spec.Enum?.FirstOrDefault() ?? "text";
                default:
                    return "any";
            }
        }

        /// <summary>Well-formed answers broken one rule at a time, at every field of the first levels.</summary>
        private static IEnumerable<string> Broken(SpecNode model)
        {
            var full = (JsonObject)Answer(model, true, 0)!;
            yield return "";
            yield return "not json";
            yield return full.ToJsonString() + " {";
            yield return "{}";
            yield return "[]";
            var coded = (JsonObject)full.DeepClone();
            coded["error_code"] = "MSS.00000001";
            yield return coded.ToJsonString();
            foreach (var (path, spec) in Fields(model, "", 0))
            {
                foreach (var wrong in new JsonNode?[] { "text", 7, true, new JsonObject(), new JsonArray(), null })
                {
                    var copy = (JsonObject)full.DeepClone();
                    if (Set(copy, path, wrong?.DeepClone())) yield return copy.ToJsonString();
                }
                var removed = (JsonObject)full.DeepClone();
                if (Remove(removed, path)) yield return removed.ToJsonString();
            }
        }

        private static IEnumerable<(string Path, SpecNode Spec)> Fields(SpecNode spec, string at, int depth)
        {
            if (depth > 3) yield break;
            var node = spec.IsArray ? spec.Items : spec;
            if (node?.Fields == null) yield break;
            var prefix = spec.IsArray ? at + "[0]" : at;
            foreach (var field in node.Fields)
            {
                var path = prefix + "." + field.Key;
                yield return (path, field.Value);
                foreach (var inner in Fields(field.Value, path, depth + 1)) yield return inner;
            }
        }

        private static JsonNode? Parent(JsonNode root, string path, out string last)
        {
            var parts = path.TrimStart('.').Replace("[0]", ".[0]").Split('.');
            last = parts[^1];
            JsonNode? node = root;
            foreach (var part in parts.Take(parts.Length - 1))
                node = part == "[0]" ? (node is JsonArray a && a.Count > 0 ? a[0] : null) : (node as JsonObject)?[part];
            return node;
        }

        private static bool Set(JsonObject root, string path, JsonNode? value)
        {
            if (Parent(root, path, out var last) is JsonObject o && o.ContainsKey(last))
            {
                o[last] = value;
                return true;
            }
            return false;
        }

        private static bool Remove(JsonObject root, string path)
            => Parent(root, path, out var last) is JsonObject o && o.Remove(last);
    }
}
