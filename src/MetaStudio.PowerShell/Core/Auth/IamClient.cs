using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security;
using System.Text.Json;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Http;
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
            public SecureString Value;
            public DateTimeOffset IssuedAt;
            public DateTimeOffset ExpiresAt;
            public string ProjectId;
        }

        public static async Task<IamToken> GetTokenAsync(HttpClient http, Uri iam, string user, SecureString password,
            string domain, string region, string projectId, CallContext ctx)
        {
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
            using (var request = new HttpRequestMessage(HttpMethod.Post, new Uri(iam, "/v3/auth/tokens")))
            {
                request.Content = new ByteArrayContent(bytes);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                ctx.Verbose($"POST {iam.GetLeftPart(UriPartial.Authority)}/v3/auth/tokens (IAM token for {user}@{domain})");
                HttpResponseMessage response;
                try
                {
                    response = await http.SendAsync(request, ctx.Token).ConfigureAwait(false);
                }
                catch (HttpRequestException ex)
                {
                    throw new MsServiceException($"IAM at {iam.Host} could not be reached: {ex.Message}", ErrorCodes.Network, 0, null, "IamToken", user, ex);
                }
                finally
                {
                    // The body holds the password; do not leave it in memory longer than the call.
                    Array.Clear(bytes, 0, bytes.Length);
                }
                using (response)
                {
                    var content = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                    var requestId = Header(response, "X-Request-Id");
                    if (!response.IsSuccessStatusCode)
                    {
                        var error = ServiceError.Parse(content);
                        throw new MsServiceException(
                            $"IAM refused the token request for user '{user}' in domain '{domain}': {error?.ErrorMsg ?? response.ReasonPhrase} (HTTP {(int)response.StatusCode}, request id {requestId ?? "n/a"}).",
                            ErrorCodes.IamFailed, (int)response.StatusCode, requestId, "IamToken", user);
                    }
                    var token = Header(response, "X-Subject-Token");
                    if (string.IsNullOrEmpty(token))
                        throw new MsServiceException("IAM answered without an X-Subject-Token header.", ErrorCodes.IamFailed, (int)response.StatusCode, requestId, "IamToken", user);
                    using (var doc = JsonDocument.Parse(content))
                    {
                        var t = doc.RootElement.GetProperty("token");
                        var result = new IamToken
                        {
                            Value = SecretText.ToSecureString(token),
                            ExpiresAt = DateTimeOffset.Parse(t.GetProperty("expires_at").GetString(), System.Globalization.CultureInfo.InvariantCulture),
                            IssuedAt = t.TryGetProperty("issued_at", out var issued)
                                ? DateTimeOffset.Parse(issued.GetString(), System.Globalization.CultureInfo.InvariantCulture)
                                : DateTimeOffset.UtcNow,
                            ProjectId = t.TryGetProperty("project", out var p) && p.TryGetProperty("id", out var id) ? id.GetString() : null,
                        };
                        return result;
                    }
                }
            }
        }

        /// <summary>GET /v3/projects?name=region, authorised like any other call, cached per caller and region.</summary>
        public static async Task<string> LookupProjectAsync(HttpClient http, Uri iam, string region, MsCredential credential,
            MsSession session, CallContext ctx)
        {
            var key = $"{iam.Authority}|{credential.CacheKey}|{region}";
            if (ProjectCache.TryGetValue(key, out var cached)) return cached;

            var uri = new Uri(iam, "/v3/projects?name=" + AkSkSigner.Encode(region));
            using (var request = new HttpRequestMessage(HttpMethod.Get, uri))
            {
                await credential.AuthorizeAsync(request, null, session, ctx).ConfigureAwait(false);
                ctx.Verbose($"GET {iam.GetLeftPart(UriPartial.Authority)}/v3/projects?name={region} (project lookup)");
                HttpResponseMessage response;
                try
                {
                    response = await http.SendAsync(request, ctx.Token).ConfigureAwait(false);
                }
                catch (HttpRequestException ex)
                {
                    throw new MsServiceException($"IAM at {iam.Host} could not be reached: {ex.Message}", ErrorCodes.Network, 0, null, "KeystoneListProjects", region, ex);
                }
                using (response)
                {
                    var content = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                    var requestId = Header(response, "X-Request-Id");
                    if (!response.IsSuccessStatusCode)
                    {
                        var error = ServiceError.Parse(content);
                        var code = error?.ErrorCode != null && error.ErrorCode.StartsWith("APIGW", StringComparison.Ordinal) ? error.ErrorCode : ErrorCodes.IamFailed;
                        throw new MsServiceException(
                            $"IAM refused the project lookup for region '{region}': {error?.ErrorMsg ?? response.ReasonPhrase} (HTTP {(int)response.StatusCode}, request id {requestId ?? "n/a"}).",
                            code, (int)response.StatusCode, requestId, "KeystoneListProjects", region);
                    }
                    using (var doc = JsonDocument.Parse(content))
                    {
                        var projects = doc.RootElement.GetProperty("projects").EnumerateArray()
                            .Where(p => string.Equals(p.GetProperty("name").GetString(), region, StringComparison.OrdinalIgnoreCase))
                            .Select(p => p.GetProperty("id").GetString()).ToList();
                        if (projects.Count == 0)
                            throw new MsServiceException($"The account has no project for region '{region}'. Pass -ProjectId or enable the region.",
                                ErrorCodes.ProjectNotFound, (int)response.StatusCode, requestId, "KeystoneListProjects", region);
                        return ProjectCache.GetOrAdd(key, projects[0]);
                    }
                }
            }
        }

        private static string Header(HttpResponseMessage response, string name)
            => response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
    }
}
