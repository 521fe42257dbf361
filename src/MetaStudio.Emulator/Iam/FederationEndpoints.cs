using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using MetaStudio.Emulator.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace MetaStudio.Emulator.Iam
{
    /// <summary>
    /// IAM's OIDC federation exchange as the SDKs use it (huaweicloud-sdk-go-v3 core/auth/internal/iam_helper.go):
    /// POST /v3.0/OS-AUTH/id-token/tokens (X-Idp-Id, {"auth":{"id_token":{"id":…}}}) → 201, X-Subject-Token; then
    /// POST /v3.0/OS-CREDENTIAL/securitytokens ({"auth":{"identity":{"methods":["token"],"token":{"id":…,
    /// "duration_seconds":…}}}}) → 201, {"credential":{access, secret, securitytoken, expires_at}}.
    /// </summary>
    internal static class FederationEndpoints
    {
        public const string IdTokenPath = "/v3.0/OS-AUTH/id-token/tokens";
        public const string SecurityTokensPath = "/v3.0/OS-CREDENTIAL/securitytokens";
        public const string FederatedUser = "federated-user@" + EmulatorOptions.DefaultDomain;

        public static void Register(EmulatorHost host)
        {
            host.Dispatcher.ExtraRoutes.Add(("POST", IdTokenPath, http => ExchangeIdTokenAsync(host, http)));
            host.Dispatcher.ExtraRoutes.Add(("POST", SecurityTokensPath, http => TemporaryKeysAsync(host, http)));
        }

        private static async Task ExchangeIdTokenAsync(EmulatorHost host, HttpContext http)
        {
            var idp = http.Request.Headers["X-Idp-Id"].ToString();
            var idToken = (await Body(http))?["auth"]?["id_token"]?["id"]?.GetValue<string>();
            if (idp != EmulatorOptions.FederationIdpId)
            {
                await IamEndpoints.Error(http, 404, "1100", $"The identity provider '{idp}' does not exist.");
                return;
            }
            if (idToken == null || !idToken.StartsWith(EmulatorOptions.FederationIdTokenPrefix, StringComparison.Ordinal))
            {
                await IamEndpoints.Error(http, 401, "1101", "The ID token is not valid.");
                return;
            }
            host.Federation.IdTokensReceived.Enqueue(idToken);
            var token = host.Auth.IssueToken(FederatedUser, null);
            var now = DateTimeOffset.UtcNow;
            await IamEndpoints.WriteTokenAsync(http, token, new
            {
                issued_at = IamEndpoints.Format(now),
                expires_at = IamEndpoints.Format(now + host.Options.TokenLifetime),
                methods = new[] { "mapped" },
                user = new { name = "federated-user", domain = new { name = EmulatorOptions.DefaultDomain } },
            });
        }

        private static async Task TemporaryKeysAsync(EmulatorHost host, HttpContext http)
        {
            var identity = (await Body(http))?["auth"]?["identity"];
            var methods = identity?["methods"]?.AsArray().Select(m => m?.GetValue<string>()).ToList();
            var token = identity?["token"]?["id"]?.GetValue<string>();
            var duration = identity?["token"]?["duration_seconds"]?.GetValue<int>() ?? 900;
            if (methods == null || !methods.Contains("token") || token == null
                || !host.Auth.Tokens.TryGetValue(token, out var t) || t.Expires <= DateTimeOffset.UtcNow)
            {
                await IamEndpoints.Error(http, 401, "1101", "The token is missing, not valid or expired.");
                return;
            }
            if (duration < 900 || duration > 86400)
            {
                await IamEndpoints.Error(http, 400, "1102", "duration_seconds must be 900 to 86400.");
                return;
            }
            var lifetime = TimeSpan.FromSeconds(Math.Min(duration, host.Options.TemporaryCredentialLifetime.TotalSeconds));
            var keys = host.Auth.IssueTemporaryKeys(lifetime);
            http.Response.StatusCode = 201;
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(JsonSerializer.Serialize(new
            {
                credential = new { access = keys.Access, secret = keys.Secret, securitytoken = keys.SecurityToken, expires_at = IamEndpoints.Format(keys.Expires) },
            }));
        }

        private static async Task<JsonNode?> Body(HttpContext http)
        {
            try { return JsonNode.Parse(await Dispatcher.ReadBodyAsync(http)); }
            catch (JsonException) { return null; }
        }

    }

    /// <summary>What the federation stand-in saw, for tests: the ID tokens it was given, in order.</summary>
    public sealed class FederationLog
    {
        public ConcurrentQueue<string> IdTokensReceived { get; } = new();
    }
}
