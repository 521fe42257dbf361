using System;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace MetaStudio.Emulator.Metadata
{
    /// <summary>
    /// The ECS instance metadata service's two calls the SDKs make for agency credentials
    /// (huaweicloud-sdk-go-v3 core/auth/internal/metadata_accessor.go): PUT /meta-data/latest/api/token with
    /// X-Metadata-Token-Ttl-Seconds returns a session token as text; GET /openstack/latest/securitykey with
    /// X-Metadata-Token returns {"credential": {access, secret, securitytoken, expires_at}}. Each GET hands out
    /// fresh temporary keys living EmulatorOptions.TemporaryCredentialLifetime, so clients must renew them.
    /// </summary>
    internal static class MetadataEndpoints
    {
        public const string TokenPath = "/meta-data/latest/api/token";
        public const string SecurityKeyPath = "/openstack/latest/securitykey";
        public const string NoAgencyMessage = "Please configure Cloud Service Agency first";
        private const int MaxTtlSeconds = 6 * 60 * 60;

        public static void Register(EmulatorHost host)
        {
            var tokens = new ConcurrentDictionary<string, DateTimeOffset>();
            host.Dispatcher.ExtraRoutes.Add(("PUT", TokenPath, http => IssueTokenAsync(host, tokens, http)));
            host.Dispatcher.ExtraRoutes.Add(("GET", SecurityKeyPath, http => SecurityKeyAsync(host, tokens, http)));
        }

        private static async Task IssueTokenAsync(EmulatorHost host, ConcurrentDictionary<string, DateTimeOffset> tokens, HttpContext http)
        {
            if (!host.Options.MetadataRequiresToken)
            {
                await Text(http, 404, "Not Found");
                return;
            }
            if (!int.TryParse(http.Request.Headers["X-Metadata-Token-Ttl-Seconds"].ToString(), out var ttl) || ttl < 1 || ttl > MaxTtlSeconds)
            {
                await Text(http, 400, "X-Metadata-Token-Ttl-Seconds must be 1 to 21600.");
                return;
            }
            var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            tokens[token] = DateTimeOffset.UtcNow.AddSeconds(ttl);
            await Text(http, 200, token);
        }

        private static async Task SecurityKeyAsync(EmulatorHost host, ConcurrentDictionary<string, DateTimeOffset> tokens, HttpContext http)
        {
            if (host.Options.MetadataRequiresToken)
            {
                var token = http.Request.Headers["X-Metadata-Token"].ToString();
                if (string.IsNullOrEmpty(token) || !tokens.TryGetValue(token, out var expires) || expires <= DateTimeOffset.UtcNow)
                {
                    await Text(http, 401, "Unauthorized: a valid X-Metadata-Token is required.");
                    return;
                }
            }
            if (!host.Options.EcsAgencyConfigured)
            {
                await Text(http, 401, NoAgencyMessage);
                return;
            }
            var keys = host.Auth.IssueTemporaryKeys(host.Options.TemporaryCredentialLifetime);
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(JsonSerializer.Serialize(new
            {
                credential = new { access = keys.Access, secret = keys.Secret, securitytoken = keys.SecurityToken, expires_at = Iam.IamEndpoints.Format(keys.Expires) },
            }));
        }

        private static async Task Text(HttpContext http, int status, string text)
        {
            http.Response.StatusCode = status;
            http.Response.ContentType = "text/plain";
            await http.Response.WriteAsync(text);
        }
    }
}
