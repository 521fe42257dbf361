using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Spec;
using Microsoft.AspNetCore.Http;

namespace MetaStudio.Emulator.Infrastructure
{
    /// <summary>
    /// The emulator's request path: log → extra routes (IAM, OBS) → route by catalog → authenticate →
    /// rate limit → faults → the official request model → handler → the official response model.
    /// Mirrors the order in which API Gateway and then the service reject calls.
    /// </summary>
    public sealed class Dispatcher
    {
        private readonly EmulatorHost _host;
        // All is always set once the catalog is built (its annotation in the module is looser than that).
        private readonly OperationRouter _router = new(OperationCatalog.All!);

        public Dispatcher(EmulatorHost host) => _host = host;

        /// <summary>Routes outside the catalog (IAM, OBS uploads, downloads): (method, path prefix) → handler.</summary>
        public List<(string Method, string Prefix, Func<HttpContext, Task> Handler)> ExtraRoutes { get; } = new();

        public async Task HandleAsync(HttpContext http)
        {
            var requestId = Guid.NewGuid().ToString("N");
            http.Response.Headers["X-Request-Id"] = requestId;
            var path = http.Request.Path.Value ?? "/";
            string? operationName = null, errorCode = null, caller = null, requestBody = null;
            // A client configured with a proxy sends the absolute URI as the target: the emulator then stands in for the proxy too.
            var viaProxy = AuthVerifier.IsProxyForm(http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget);
            string? proxyUser = null;
            // Started as soon as the operation is known, so the latency runs alongside the work, as a round trip would.
            var answerTime = Task.CompletedTask;
            var logged = false;
            try
            {
                if (viaProxy && !ProxyAuthorized(http, out proxyUser))
                {
                    errorCode = "PROXY_AUTH";
                    http.Response.StatusCode = 407;
                    http.Response.Headers["Proxy-Authenticate"] = "Basic realm=\"MetaStudio emulator proxy\"";
                    return;
                }
                foreach (var (method, prefix, handler) in ExtraRoutes)
                {
                    if (string.Equals(method, http.Request.Method, StringComparison.OrdinalIgnoreCase) && path.StartsWith(prefix, StringComparison.Ordinal))
                    {
                        operationName = prefix;
                        answerTime = _host.Faults.AnswerTime(prefix, http.RequestAborted);
                        // Faults reach IAM/OBS routes only when named explicitly (Faults.Operation = "/v3/projects"),
                        // so catalog-wide faults never slow down logins.
                        if (_host.Faults.Operation == prefix && _host.Faults.Delay > TimeSpan.Zero)
                            await _host.Faults.HoldAsync(http.RequestAborted);
                        await answerTime;
                        await handler(http);
                        return;
                    }
                }

                if (!_router.TryMatch(http.Request.Method, path, out var op, out var route))
                    throw new EmuError(404, "APIGW.0101", "The API does not exist or has not been published in the environment.");
                operationName = op.Name;
                answerTime = _host.Faults.AnswerTime(op.Name, http.RequestAborted);

                var body = await ReadBodyAsync(http);
                if (body.Length > 0) requestBody = System.Text.Encoding.UTF8.GetString(body);
                caller = _host.Auth.Verify(http, body);

                // Every operation's path names a project; an empty one belongs to no caller (400 below).
                var projectId = route.GetValueOrDefault("project_id") ?? "";
                // The project in the path must be the caller's own, as the gateway checks it against the token/key.
                var region = _host.RegionOfProject(projectId, _host.Options.TenantOf(caller))
                    ?? throw new EmuError(400, "MSS.00010009", $"Project '{projectId}' does not belong to the caller's account.");

                var faults = _host.Faults;
                var faultApplies = faults.Operation == null || faults.Operation == op.Name;
                if (faultApplies && faults.TakeThrottle()) throw Throttled(op, region, faults);
                if (_host.Options.EnforceRateLimits && !_host.Gate.TryPass(projectId, region, op)) throw Throttled(op, region, faults);
                if (faultApplies && faults.Delay > TimeSpan.Zero) await faults.HoldAsync(http.RequestAborted);
                if (faultApplies && faults.TakeFail()) throw InjectedServerError();
                // A dropped connection before the work: nothing happened, but the client cannot tell that either.
                if (faultApplies && faults.TakeDropBefore())
                {
                    errorCode = "DROPPED_BEFORE";
                    DropConnection();
                    return;
                }

                var command = ConformanceLog.CommandOf(http.Request.Headers.UserAgent.ToString());
                if (_host.Options.StrictConformance && !ConformanceLog.IsDeclared(command, op))
                    throw Violation("UndeclaredOperation", ConformanceLog.UndeclaredCode, op, command,
                        $"{command} sent {op.Name}, which its [MsApi] attribute does not name.");
                CheckRequest(http, op, body);

                // A 200 carrying error_code is the service refusing the call in the wrong envelope: nothing was done.
                if (faultApplies && faults.Malformed == MalformedAnswer.ErrorCode && faults.TakeMalformed())
                {
                    errorCode = "MALFORMED_ErrorCode";
                    await answerTime;
                    await FaultyAnswers.WriteMalformedAsync(http, faults, null, requestId);
                    return;
                }
                if (!_host.Handlers.TryGet(op.Name, out var handlerFor))
                    throw new EmuError(501, "MSS.00010003", $"The emulator does not implement {op.Name} yet.");
                var response = await handlerFor(new EmuRequest(http, op, route, body, projectId, region, _host.BaseUri));
                var answer = response.Body == null ? null : JsonSerializer.SerializeToNode(response.Body, response.Body.GetType(), EmuJson.Options);
                if (_host.Options.StrictConformance && response.RawBody == null && response.Status < 300)
                {
                    var wrong = ConformanceLog.CheckAnswer(op, answer);
                    if (wrong.Count > 0)
                        throw Violation("NonConformantResponse", ConformanceLog.ResponseCode, op, command,
                            "The emulator's answer does not match the official response model: " + string.Join(" ", wrong.Select(w => w.Message)));
                }

                var done = response.Status < 300;
                // A dropped connection after the work is done: the client cannot know whether it happened.
                if (faultApplies && faults.TakeDrop())
                {
                    errorCode = done ? "DROPPED_AFTER" : "DROPPED";
                    DropConnection();
                    return;
                }
                // The same 500 as before the work, so the client cannot tell them apart either.
                if (faultApplies && done && faults.TakeFailAfter())
                {
                    errorCode = "INJECTED_AFTER";
                    throw InjectedServerError();
                }
                await answerTime;
                if (faultApplies && done && faults.Malformed != MalformedAnswer.ErrorCode && faults.TakeMalformed())
                {
                    errorCode = "MALFORMED_" + faults.Malformed;
                    await FaultyAnswers.WriteMalformedAsync(http, faults, answer, requestId);
                    return;
                }
                if (faultApplies && done && faults.TakeStall())
                {
                    errorCode = "STALLED";
                    await FaultyAnswers.WriteStalledAsync(http, faults, answer);
                    return;
                }
                await WriteAsync(http, response, answer);
            }
            catch (EmuError e)
            {
                await answerTime;
                errorCode ??= e.Code;
                http.Response.StatusCode = e.Status;
                if (e.Code == "APIGW.0308" && _host.Faults.RetryAfter is TimeSpan after && _host.Faults.TakeRetryAfter())
                    http.Response.Headers.RetryAfter = ((int)Math.Ceiling(after.TotalSeconds)).ToString();
                http.Response.ContentType = "application/json";
                await http.Response.WriteAsync(JsonSerializer.Serialize(new { error_code = e.Code, error_msg = e.Message, request_id = requestId }));
            }
            finally
            {
                if (!logged) Log();
            }

            // A dropped connection is logged before the abort: the client sees the reset at once and a test may count
            // the log right then, before this method's finally would run.
            void DropConnection()
            {
                Log();
                http.Abort();
            }

            void Log()
            {
                logged = true;
                var headers = http.Request.Headers
                    .Where(h => !string.Equals(h.Key, "Authorization", StringComparison.OrdinalIgnoreCase)
                                && !string.Equals(h.Key, "Proxy-Authorization", StringComparison.OrdinalIgnoreCase))
                    .ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
                _host.Log.Add(new LoggedRequest(DateTimeOffset.UtcNow, http.Request.Method, path, http.Request.QueryString.Value,
                    operationName, http.Response.StatusCode, errorCode, caller, headers, requestBody) { ViaProxy = viaProxy, ProxyUser = proxyUser });
            }
        }

        /// <summary>A conformance violation: recorded, and answered loudly so the test that caused it fails.</summary>
        private EmuError Violation(string kind, string code, Operation op, string? command, string detail)
        {
            _host.Conformance.Add(new ConformanceViolation(DateTimeOffset.UtcNow, kind, op.Name, command, detail));
            return new EmuError(500, code, detail);
        }

        /// <summary>
        /// The official request model, strictly: an unknown query name or body field, a missing required one, a
        /// value outside a listed enum or of another JSON type is answered 400 MSS.10000003 naming the field.
        /// Stricter than the service may be, on purpose: drift shows up in tests.
        /// </summary>
        internal static void CheckRequest(HttpContext http, Operation op, byte[] body)
        {
            if (op.Spec == null) return;
            var violations = new List<SpecViolation>();
            var query = http.Request.Query.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? ""))).ToList();
            SpecValidator.CheckQuery(op.Spec, query, SpecCheckOptions.Strict, violations);
            JsonNode? json = null;
            if (body.Length > 0)
            {
                try
                {
                    json = JsonNode.Parse(body);
                }
                catch (JsonException ex)
                {
                    throw EmuError.BadRequest("MSS.00000002", "The request body is not valid JSON: " + ex.Message);
                }
            }
            SpecValidator.CheckBody(op.Spec, json, SpecCheckOptions.Strict, violations);
            if (violations.Count > 0)
                throw EmuError.Invalid($"Invalid {op.Name} request: " + string.Join(" ", violations.Select(v => v.Message)));
        }

        /// <summary>Basic Proxy-Authorization for EmulatorOptions.ProxyUser, when one is configured.</summary>
        private bool ProxyAuthorized(HttpContext http, out string? user)
        {
            user = null;
            var header = http.Request.Headers["Proxy-Authorization"].ToString();
            if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            {
                string decoded;
                try { decoded = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(header.Substring(6).Trim())); }
                catch (FormatException) { decoded = ""; }
                var colon = decoded.IndexOf(':');
                if (colon > 0)
                {
                    user = decoded.Substring(0, colon);
                    if (_host.Options.ProxyUser != null && (user != _host.Options.ProxyUser || decoded.Substring(colon + 1) != _host.Options.ProxyPassword))
                        user = null;
                }
            }
            return _host.Options.ProxyUser == null || user != null;
        }

        private static EmuError InjectedServerError() => new(500, "MSS.00000001", "Injected server error.");

        private static EmuError Throttled(Operation op, string region, FaultOptions faults)
            => new(429, "APIGW.0308", $"The throttling threshold has been reached: policy user over ratelimit, limit:{op.RateLimit(region)}, time:1 second");

        internal static async Task<byte[]> ReadBodyAsync(HttpContext http)
        {
            using var ms = new MemoryStream();
            await http.Request.Body.CopyToAsync(ms, http.RequestAborted);
            return ms.ToArray();
        }

        /// <summary>
        /// A successful answer, with its length announced, as API gateways send small JSON answers: the client then has the
        /// whole answer with its headers. (Written chunked, the last chunk goes out in a write of its own, and a client has
        /// to wait for it.) Error answers stay chunked, so the clients' reading of an unannounced length is exercised too.
        /// </summary>
        internal static async Task WriteAsync(HttpContext http, EmuResponse response, JsonNode? body = null)
        {
            http.Response.StatusCode = response.Status;
            foreach (var h in response.Headers) http.Response.Headers[h.Key] = h.Value;
            if (response.RawBody != null)
            {
                http.Response.ContentType = response.ContentType ?? "application/octet-stream";
                http.Response.ContentLength = response.RawBody.Length;
                await http.Response.Body.WriteAsync(response.RawBody);
            }
            else if (response.Body != null)
            {
                http.Response.ContentType = "application/json";
                var bytes = body != null ? JsonSerializer.SerializeToUtf8Bytes(body, EmuJson.Options) : JsonSerializer.SerializeToUtf8Bytes(response.Body, response.Body.GetType(), EmuJson.Options);
                http.Response.ContentLength = bytes.Length;
                await http.Response.Body.WriteAsync(bytes);
            }
        }
    }
}
