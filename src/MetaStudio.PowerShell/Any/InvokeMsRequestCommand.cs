using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Json;
using MetaStudio.PowerShell.Core.Spec;

namespace MetaStudio.PowerShell.Any
{
    /// <summary>
    /// Calls any operation of the official MetaStudio client, the way Invoke-MgGraphRequest serves Graph:
    /// by name (-Operation, method and path from the API spec) or by -Method and -Path. Signed, retried and
    /// rate limited like every cmdlet (an operation outside the throttling table gets the lowest published
    /// limit of its group, or 1/s); checked against the official model when the spec has it; the answer
    /// comes back as PSCustomObjects.
    /// </summary>
    [MsApi(AnyOperation = true)]
    [Cmdlet(VerbsLifecycle.Invoke, "MsRequest", DefaultParameterSetName = OperationSet, SupportsShouldProcess = true)]
    [OutputType(typeof(PSObject))]
    public sealed class InvokeMsRequestCommand : MsCmdlet
    {
        private const string OperationSet = "Operation";
        private const string PathSet = "Path";
        private static readonly Regex Placeholder = new Regex(@"\{(\w+)\}", RegexOptions.Compiled);
        // Literal path text: segments of letters, digits and - _ . ~, and {placeholders}; no query, no '..'.
        private static readonly Regex SafePath = new Regex(@"^(/([A-Za-z0-9\-_.~]+|\{\w+\}))+$", RegexOptions.Compiled);

        /// <summary>The SDK operation name, e.g. ListAssets or ShowPhotoDigitalHumanVideo (any operation of the official client).</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = OperationSet)]
        [ArgumentCompleter(typeof(OperationNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string? Operation { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = PathSet)]
        [ValidateSet("DELETE", "GET", "POST", "PUT")]
        public string? Method { get; set; }

        /// <summary>A path template such as /v1/{project_id}/digital-assets/{asset_id}; {project_id} comes from the session.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>Values of the path's {placeholders}, e.g. @{ asset_id = '...' }.</summary>
        [Parameter]
        [ValidateNotNull]
        public Hashtable? PathParameter { get; set; }

        /// <summary>Query parameters; a list becomes one comma-separated value, or repeated names where the API takes a list.</summary>
        [Parameter]
        [ValidateNotNull]
        public Hashtable? Query { get; set; }

        /// <summary>The request body: a hashtable, an object or JSON text.</summary>
        [Parameter(ValueFromPipeline = true)]
        [ValidateNotNull]
        public object? Body { get; set; }

        /// <summary>Send the query and body as given, without checking them against the official model.</summary>
        [Parameter]
        public SwitchParameter SkipValidation { get; set; }

        protected override void ProcessRecord()
        {
            MsRequest request;
            try
            {
                request = Build();
            }
            catch (ArgumentException ex)
            {
                WriteError(ErrorRecords.InvalidInput(ex.Message, Operation ?? Path));
                return;
            }
            var op = request.Operation;
            // The path as it will be sent, values filled (the project is the session's).
            var shown = $"{op.Method} {Placeholder.Replace(op.PathTemplate, m => m.Groups[1].Value == "project_id" ? m.Value : request.PathValue(m.Groups[1].Value) ?? m.Value)}";
            if (op.Method != "GET" && !ShouldProcess(shown, $"Invoke {op.Name}")) return;
            WriteVerbose($"{op.Name}: {shown}; {op.RateLimit(CurrentSession.Region)} requests per second in {CurrentSession.Region}"
                + (op.LimitSource != null ? $" ({op.LimitSource})" : "") + (op.Spec == null || SkipValidation ? "; not checked against the API spec." : "."));
            var response = TrySend(request);
            if (response == null || response.Body.Length == 0) return;
            object? result;
            try
            {
                using (var doc = JsonDocument.Parse(response.Body)) result = MsJson.ToPowerShell(doc.RootElement.Clone());
            }
            catch (JsonException)
            {
                result = System.Text.Encoding.UTF8.GetString(response.Body);
            }
            WriteObject(result, true);
        }

        private MsRequest Build()
        {
            Operation operation;
            var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            if (ParameterSetName == OperationSet)
            {
                // Mandatory in this set: PowerShell bound it before ProcessRecord.
                if (!ApiSpec.Bundled.AllOperations.TryGetValue(Operation!, out var route))
                    throw new ArgumentException($"The official MetaStudio client has no operation '{Operation}'. Use its SDK name (e.g. ListAssets; Tab completes them), or -Method and -Path.");
                operation = OperationCatalog.ForRoute(route.Name, route.Method, route.Path);
            }
            else
            {
                // -Method and -Path are mandatory in this set: PowerShell bound them before ProcessRecord.
                if (!SafePath.IsMatch(Path!) || Path!.Split('/').Any(s => s == "." || s == ".."))
                    throw new ArgumentException($"-Path '{Path}' must be a path template such as /v1/{{project_id}}/digital-assets/{{asset_id}}: segments of letters, digits, '-', '_', '.', '~' or {{placeholders}}, with no query (use -Query).");
                operation = OperationCatalog.ForRoute(null, Method!, Path);
                // A concrete path of a catalog operation (…/digital-assets/abc) fills that operation's placeholders.
                foreach (var kv in Captured(operation.PathTemplate, Path)) values[kv.Key] = kv.Value;
            }
            foreach (DictionaryEntry e in PathParameter ?? new Hashtable()) values[e.Key.ToString()] = Text(Flat(e.Value, "-PathParameter", e.Key, list: false));

            var request = new MsRequest(operation) { SkipValidation = SkipValidation };
            foreach (Match m in Placeholder.Matches(operation.PathTemplate))
            {
                var name = m.Groups[1].Value;
                if (name == "project_id") continue;
                if (!values.TryGetValue(name, out var value) || string.IsNullOrEmpty(value))
                    throw new ArgumentException($"{operation.Name} needs -PathParameter @{{ {name} = '...' }} ({operation.PathTemplate}).");
                request.WithPath(name, value);
            }
            AddQuery(request, operation);
            if (Body != null)
            {
                if (operation.Method == "GET" || operation.Method == "DELETE")
                    throw new ArgumentException($"{operation.Name} is a {operation.Method}: it takes no -Body.");
                request.WithBody(BodyNode(Body));
            }
            else if (operation.Spec?.BodyRequired == true && !SkipValidation)
            {
                request.WithBody(new JsonObject());
            }
            request.Target = Operation ?? Path;
            return request;
        }

        private void AddQuery(MsRequest request, Operation operation)
        {
            foreach (DictionaryEntry e in Query ?? new Hashtable())
            {
                var name = e.Key.ToString();
                var value = Flat(e.Value, "-Query", e.Key, list: true);
                var listParameter = operation.Spec != null && operation.Spec.Query.TryGetValue(name, out var node) && node.IsArray;
                if (listParameter && value is IEnumerable seq && !(value is string)) request.WithQueryEach(name, seq.Cast<object>().Select(Text));
                else request.WithQuery(name, value);
            }
        }

        /// <summary>A hashtable, object or JSON text as a JSON node.</summary>
        private static JsonNode? BodyNode(object body)
        {
            if (body is PSObject pso && !(pso.BaseObject is PSCustomObject)) body = pso.BaseObject;
            if (body is string text)
            {
                try
                {
                    return JsonNode.Parse(text) ?? throw new ArgumentException("-Body is the JSON null.");
                }
                catch (JsonException ex)
                {
                    throw new ArgumentException($"-Body is text but not JSON: {ex.Message}");
                }
            }
            return JsonSerializer.SerializeToNode(MsJson.FromPowerShell(body, "-Body"), MsJson.Options);
        }

        private static IEnumerable<KeyValuePair<string, string>> Captured(string template, string path)
        {
            var t = template.Trim('/').Split('/');
            var p = path.Trim('/').Split('/');
            for (var i = 0; i < Math.Min(t.Length, p.Length); i++)
                if (t[i].StartsWith("{", StringComparison.Ordinal) && !p[i].StartsWith("{", StringComparison.Ordinal))
                    yield return new KeyValuePair<string, string>(t[i].Trim('{', '}'), p[i]);
        }

        /// <summary>A path or query value: text, a number or (in a query) a list of them; a hashtable or a nested list is bad input.</summary>
        private static object Flat(object value, string parameter, object key, bool list)
        {
            if (value is PSObject p) value = p.BaseObject;
            bool IsScalar(object v) => !((v is PSObject o ? o.BaseObject : v) is IEnumerable) || (v is PSObject o2 ? o2.BaseObject : v) is string;
            if (IsScalar(value)) return value;
            if (list && !(value is IDictionary) && ((IEnumerable)value).Cast<object>().All(IsScalar)) return value;
            throw new ArgumentException($"{parameter} '{key}' must be text or a number{(list ? " (or a list of them)" : "")}, not a {(value is IDictionary ? "hashtable" : "nested list")}.");
        }

        private static string? Text(object value)
        {
            if (value is PSObject p) value = p.BaseObject;
            return value is IFormattable f ? f.ToString(null, System.Globalization.CultureInfo.InvariantCulture) : value?.ToString();
        }
    }

    /// <summary>Tab completion of -Operation with the names of the official client's operations.</summary>
    internal sealed class OperationNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var prefix = (wordToComplete ?? "").Trim('\'', '"');
            return ApiSpec.Bundled.AllOperations.Values
                .Where(r => r.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase)
                .Select(r => new CompletionResult(r.Name, r.Name, CompletionResultType.ParameterValue, $"{r.Method} {r.Path}"));
        }
    }
}
