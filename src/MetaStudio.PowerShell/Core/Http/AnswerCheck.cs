#nullable enable
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Spec;

namespace MetaStudio.PowerShell.Core.Http
{
    /// <summary>
    /// What a successful answer must be before any cmdlet reads it (run once per call by the pipeline's AnswerPolicy):
    /// JSON, an object, no error_code the model does not declare, the response model's required fields of the right
    /// kind (SpecValidator, leniently: unknown fields and enum values pass, numbers as text pass as the reader takes
    /// them), the id a create returns, and for a read of an object or a list at least one field the model knows. Anything else is an
    /// MsServiceException: MetaStudio.UnexpectedResponse with the request id and a short excerpt of the body (secrets and
    /// URL signatures cut out), or the service's own code for a 200 that carries one. So no cmdlet meets a raw
    /// JsonException, outputs nothing without an error, or outputs an object whose every field is null.
    /// </summary>
    internal static class AnswerCheck
    {
        private const int ExcerptLength = 160;
        private static readonly Regex SecretField = new Regex("\"([A-Za-z_]*(?:secret|token|password|passwd|credential|signature|_key|key_)[A-Za-z_]*)\"\\s*:\\s*\"[^\"]*\"?",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex UrlQuery = new Regex("(https?://[^\\s\"?]+)\\?[^\\s\"]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        public static void Check(MsRequest request, MsResponse response)
        {
            if (!Passes(request, response)) CheckWhole(request, response);
        }

        /// <summary>The whole check over a JsonNode tree, which words every error (what <see cref="Check"/> runs when the fast path does not pass).</summary>
        internal static void CheckWhole(MsRequest request, MsResponse response)
        {
            var op = request.Operation;
            var model = op.Spec?.Response;
            var expectsFields = model?.Fields != null && model.Fields.Count > 0;
            var idField = CreatedIdField(op);
            var body = response.Body;
            if (IsBlank(body))
            {
                if (expectsFields) throw Unexpected(request, response, "an empty answer", idField);
                return;
            }
            JsonNode? node;
            try
            {
                node = JsonNode.Parse(body);
            }
            catch (JsonException ex)
            {
                throw Unexpected(request, response, LooksLikeJson(body) ? "JSON that is cut short or broken (" + ex.Message + ")" : "an answer that is not JSON", idField, ex);
            }
            if (node is JsonObject obj && ServiceCode(obj, model) is string code)
            {
                var text = Text(obj["error_msg"]) ?? "The service answered HTTP " + response.StatusCode + " with an error code.";
                var requestId = response.RequestId ?? Text(obj["request_id"]);
                throw new MsServiceException($"{text} ({code}, HTTP {response.StatusCode} with an error code, request id {requestId ?? "n/a"}) [{op.Name}{(request.Target != null ? " " + request.Target : "")}]",
                    code, response.StatusCode, requestId, op.Name, request.Target);
            }
            if (!expectsFields || request.SkipValidation) return;
            if (!(node is JsonObject answer)) throw Unexpected(request, response, "JSON that is not an object", idField);
            var wrong = ModelViolations(answer, model!);
            if (wrong.Count > 0)
                throw Unexpected(request, response, "an answer that does not match " + model!.Describe() + ": " + string.Join(" ", wrong.Take(3).Select(v => v.Message)), idField);
            if (idField != null && string.IsNullOrEmpty(Text(answer[idField])))
                throw Unexpected(request, response, $"an answer without the new object's {idField}", idField);
            if ((idField != null || (op.Method == "GET" && Identifying(model!))) && !answer.Any(kv => kv.Value != null && model!.Fields?.ContainsKey(kv.Key) == true))
                throw Unexpected(request, response, "an answer with none of the fields of " + model!.Describe(), idField);
        }

        /// <summary>
        /// The fast path of <see cref="Check"/>: true only when every rule of Check holds, read off one pooled JsonDocument
        /// (no JsonNode tree, no paths, no messages). Anything else (blank, not JSON, an error code, a model violation, a
        /// missing id) is false, and Check's own walk decides and words the error, so the outcome never differs.
        /// </summary>
        internal static bool Passes(MsRequest request, MsResponse response)
        {
            var op = request.Operation;
            var model = op.Spec?.Response;
            var body = response.Body;
            if (body.Length == 0 || IsBlank(body)) return false;
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(body);
            }
            catch (JsonException)
            {
                return false;
            }
            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object && MayCarryServiceCode(root, model)) return false;
                if (model?.Fields == null || model.Fields.Count == 0 || request.SkipValidation) return true;
                if (root.ValueKind != JsonValueKind.Object || !SpecValidator.HasNoMissingOrWrongType(root, model)) return false;
                var idField = CreatedIdField(op);
                if (idField != null && !(root.TryGetProperty(idField, out var id) && HasText(id))) return false;
                if (idField == null && !(op.Method == "GET" && Identifying(model))) return true;
                foreach (var property in root.EnumerateObject())
                    if (property.Value.ValueKind != JsonValueKind.Null && model.Fields.ContainsKey(property.Name)) return true;
                return false;
            }
        }

        /// <summary>Whether ServiceCode could find a code here (conservative: any error_code but null, blank or "0" defers to Check).</summary>
        private static bool MayCarryServiceCode(JsonElement root, SpecNode? model)
        {
            if (model?.Fields != null && model.Fields.ContainsKey("error_code")) return false;
            if (!root.TryGetProperty("error_code", out var code)) return false;
            switch (code.ValueKind)
            {
                case JsonValueKind.Null:
                case JsonValueKind.Object:
                case JsonValueKind.Array:
                    return false;
                case JsonValueKind.String:
                    var text = code.GetString();
                    return !(string.IsNullOrWhiteSpace(text) || text == "0");
                default:
                    return code.GetRawText() != "0";
            }
        }

        /// <summary>A value Text() reads as a non-empty string (Check's test of a create's id).</summary>
        private static bool HasText(JsonElement value)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.String:
                    return !string.IsNullOrEmpty(value.GetString());
                case JsonValueKind.Number:
                case JsonValueKind.True:
                case JsonValueKind.False:
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>
        /// The id field a create's answer must carry: Create*, Copy* and Start* operations sent by POST whose response
        /// model's first field is an id (asset_id, job_id, script_id, ...). CreateAssetByReplicationInfo answers no id.
        /// </summary>
        internal static string? CreatedIdField(Operation op)
        {
            if (op.Method != "POST" || op.Idempotent) return null;
            if (!(op.Name.StartsWith("Create", StringComparison.Ordinal) || op.Name.StartsWith("Copy", StringComparison.Ordinal) || op.Name.StartsWith("Start", StringComparison.Ordinal)))
                return null;
            var first = op.Spec?.Response?.Fields?.Keys.FirstOrDefault();
            return first != null && first.EndsWith("_id", StringComparison.Ordinal) ? first : null;
        }

        /// <summary>A short, safe excerpt of a body for an error message: secrets' values and URL queries (signatures) cut out.</summary>
        internal static string Excerpt(byte[] body)
        {
            if (body.Length == 0) return "(empty)";
            var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 4096));
            text = SecretField.Replace(text, m => "\"" + m.Groups[1].Value + "\":\"***\"");
            text = UrlQuery.Replace(text, m => m.Groups[1].Value + "?***");
            text = new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
            return text.Length > ExcerptLength ? text.Substring(0, ExcerptLength) + "…" : text;
        }

        private static List<SpecViolation> ModelViolations(JsonObject answer, SpecNode model)
        {
            // The strict walk first (no copy); only when it finds something, the mending walk decides what the reader would take anyway.
            var violations = new List<SpecViolation>();
            SpecValidator.Check(answer, model, new SpecCheckOptions { AllowUnknown = true }, violations);
            if (!violations.Any(Serious)) return new List<SpecViolation>();
            violations.Clear();
            SpecValidator.Check(answer, model, new SpecCheckOptions { AllowUnknown = true, Normalize = true }, violations);
            return violations.Where(Serious).ToList();
        }

        /// <summary>
        /// A read whose model names an object (an id field) or a list (count) always says something; one that reports a
        /// state that may not exist yet (ShowJobAuditResult before a review) may answer {}.
        /// </summary>
        private static bool Identifying(SpecNode model)
            => model.Fields != null && model.Fields.Keys.Any(k => k == "count" || (k.EndsWith("_id", StringComparison.Ordinal) && k != "request_id"));

        private static bool Serious(SpecViolation v) => v.Kind == SpecViolationKind.MissingField || v.Kind == SpecViolationKind.WrongType;

        /// <summary>A non-empty error_code at the top of an answer whose model has no such field: the service's error, sent as a 200.</summary>
        private static string? ServiceCode(JsonObject obj, SpecNode? model)
        {
            if (model?.Fields != null && model.Fields.ContainsKey("error_code")) return null;
            var code = Text(obj["error_code"]);
            return string.IsNullOrWhiteSpace(code) || code == "0" ? null : code;
        }

        private static MsServiceException Unexpected(MsRequest request, MsResponse response, string what, string? idField, Exception? inner = null)
        {
            var op = request.Operation;
            var created = idField != null
                ? $" The service answered HTTP {response.StatusCode}, so the {op.Name} probably happened; check for it before running the command again."
                : "";
            return new MsServiceException(
                $"{op.Name} answered HTTP {response.StatusCode} with {what}, not what the operation returns (request id {response.RequestId ?? "n/a"}). " +
                $"Body: {Excerpt(response.Body)}{created}",
                ErrorCodes.UnexpectedResponse, response.StatusCode, response.RequestId, op.Name, request.Target, inner)
            {
                RecommendedAction = idField != null
                    ? "The object was probably created: look for it (Get-* with a name or -StartTime) before running the command again."
                    : "Run the command again; if it persists, report the request id to Huawei Cloud support.",
            };
        }

        private static bool IsBlank(byte[] body) => body.All(b => b == ' ' || b == '\t' || b == '\r' || b == '\n');

        private static bool LooksLikeJson(byte[] body)
        {
            foreach (var b in body)
            {
                if (b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == 0xEF || b == 0xBB || b == 0xBF) continue;
                return b == '{' || b == '[';
            }
            return false;
        }

        private static string? Text(JsonNode? n)
            => n is JsonValue v ? (v.TryGetValue<string>(out var s) ? s : v.ToJsonString()) : null;
    }
}
