using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net.Http;
using System.Security;
using System.Text.Json;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Http.Pipeline;
using MetaStudio.PowerShell.Core.Json;

namespace MetaStudio.PowerShell.Core.Auth
{
    /// <summary>The two IAM calls the module needs: a user token, and a project id by region name.</summary>
    internal static class IamClient
    {
        // Project ids never change for a (caller, region), so every session in the process shares the answer.
        private static readonly ConcurrentDictionary<string, string> ProjectCache = new ConcurrentDictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        internal sealed class IamToken
        {
            public SecureString? Value;
            public DateTimeOffset IssuedAt;
            public DateTimeOffset ExpiresAt;
            public string? ProjectId;
        }

        public static async Task<IamToken> GetTokenAsync(MsSession session, string user, SecureString password,
            string domain, string region, string? projectId, CallContext ctx)
        {
            var iam = session.IamEndpoint;
            var scope = string.IsNullOrEmpty(projectId)
                ? (object)new { project = new { name = region } }
                : new { project = new { id = projectId } };
            var body = new
            {
                auth = new
                {
                    identity = new
                    {
                        methods = new[] { "password" },
                        password = new { user = new { name = user, password = SecretText.Reveal(password), domain = new { name = domain } } },
                    },
                    scope,
                },
            };
            var bytes = JsonSerializer.SerializeToUtf8Bytes(body);
            MsResponse response;
            try
            {
                ctx.Verbose($"POST {iam.GetLeftPart(UriPartial.Authority)}/v3/auth/tokens (IAM token for {user}@{domain})");
                // Asking for a token twice only issues two tokens, so the call is retried like a read.
                response = await session.Client.SendAsync(new MsMessage(RequestOptions.IamUnsigned, ctx, "POST /v3/auth/tokens", user, idempotent: true)
                {
                    Method = HttpMethod.Post, Uri = new Uri(iam, "/v3/auth/tokens"), Body = bytes, ContentType = "application/json",
                }).ConfigureAwait(false);
            }
            finally
            {
                // The body holds the password; do not leave it in memory longer than the call.
                Array.Clear(bytes, 0, bytes.Length);
            }

            if (!response.IsSuccess)
            {
                var error = ServiceError.Parse(response.Body);
                throw new MsServiceException(
                    $"IAM refused the token request for user '{user}' in domain '{domain}': {error?.ErrorMsg ?? "HTTP " + response.StatusCode} (HTTP {response.StatusCode}, request id {response.RequestId ?? "n/a"}).",
                    IamCode(response), response.StatusCode, response.RequestId, "IamToken", user);
            }
            response.Headers.TryGetValue("X-Subject-Token", out var token);
            if (string.IsNullOrEmpty(token))
                throw new MsServiceException("IAM answered without an X-Subject-Token header.", ErrorCodes.IamFailed, response.StatusCode, response.RequestId, "IamToken", user);
            using (var doc = JsonDocument.Parse(response.Body))
            {
                var t = doc.RootElement.GetProperty("token");
                return new IamToken
                {
                    Value = SecretText.ToSecureString(token),
                    ExpiresAt = DateTimeOffset.Parse(t.GetProperty("expires_at").GetString(), System.Globalization.CultureInfo.InvariantCulture),
                    IssuedAt = t.TryGetProperty("issued_at", out var issued)
                        ? DateTimeOffset.Parse(issued.GetString(), System.Globalization.CultureInfo.InvariantCulture)
                        : DateTimeOffset.UtcNow,
                    ProjectId = t.TryGetProperty("project", out var p) && p.TryGetProperty("id", out var id) ? id.GetString() : null,
                };
            }
        }

        /// <summary>GET /v3/projects?name=region, authorised like any other call, cached per caller and region.</summary>
        public static async Task<string> LookupProjectAsync(MsSession session, MsCredential credential, CallContext ctx)
        {
            var iam = session.IamEndpoint;
            var region = session.Region;
            var key = $"{iam.Authority}|{credential.CacheKey}|{region}";
            if (ProjectCache.TryGetValue(key, out var cached)) return cached;

            var uri = new Uri(iam, "/v3/projects?name=" + AkSkSigner.Encode(region));
            ctx.Verbose($"GET {iam.GetLeftPart(UriPartial.Authority)}/v3/projects?name={region} (project lookup)");
            // Signed afresh on every attempt (by the pipeline's sign step), so a retry never carries a stale X-Sdk-Date.
            var response = await session.Client.SendAsync(new MsMessage(RequestOptions.IamSigned, ctx, "GET /v3/projects", region, idempotent: true)
            {
                Uri = uri,
            }).ConfigureAwait(false);

            if (!response.IsSuccess)
            {
                var error = ServiceError.Parse(response.Body);
                var code = error?.ErrorCode != null && error.ErrorCode.StartsWith("APIGW", StringComparison.Ordinal) ? error.ErrorCode : IamCode(response);
                throw new MsServiceException(
                    $"IAM refused the project lookup for region '{region}': {error?.ErrorMsg ?? "HTTP " + response.StatusCode} (HTTP {response.StatusCode}, request id {response.RequestId ?? "n/a"}).",
                    code, response.StatusCode, response.RequestId, "KeystoneListProjects", region);
            }
            using (var doc = JsonDocument.Parse(response.Body))
            {
                var projects = doc.RootElement.GetProperty("projects").EnumerateArray()
                    .Where(p => string.Equals(p.GetProperty("name").GetString(), region, StringComparison.OrdinalIgnoreCase))
                    .Select(p => p.GetProperty("id").GetString()).OfType<string>().ToList(); // a project without an id is no project to use
                if (projects.Count == 0)
                    throw new MsServiceException($"The account has no project for region '{region}'. Pass -ProjectId or enable the region.",
                        ErrorCodes.ProjectNotFound, response.StatusCode, response.RequestId, "KeystoneListProjects", region);
                return ProjectCache.GetOrAdd(key, projects[0]);
            }
        }

        /// <summary>
        /// Credentials IAM refused are a session failure; an IAM outage that outlasted the retries is not
        /// (the same credentials will work once it is back).
        /// </summary>
        private static string IamCode(MsResponse response)
            => response.StatusCode >= 500 || response.StatusCode == 429 ? $"HTTP.{response.StatusCode}" : ErrorCodes.IamFailed;

    }
}
