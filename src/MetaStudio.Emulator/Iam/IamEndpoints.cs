using System;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using MetaStudio.Emulator.Infrastructure;
using MetaStudio.PowerShell.Core.Catalog;
using Microsoft.AspNetCore.Http;

namespace MetaStudio.Emulator.Iam
{
    /// <summary>The two IAM calls the module makes: POST /v3/auth/tokens and GET /v3/projects?name=region.</summary>
    internal static class IamEndpoints
    {
        public static void Register(EmulatorHost host)
        {
            host.Dispatcher.ExtraRoutes.Add(("POST", "/v3/auth/tokens", http => IssueTokenAsync(host, http)));
            host.Dispatcher.ExtraRoutes.Add(("GET", "/v3/projects", http => ListProjectsAsync(host, http)));
        }

        private static async Task IssueTokenAsync(EmulatorHost host, HttpContext http)
        {
            var body = await Dispatcher.ReadBodyAsync(http);
            JsonNode? auth;
            try { auth = JsonNode.Parse(body)?["auth"]; }
            catch (JsonException) { auth = null; }
            var user = auth?["identity"]?["password"]?["user"];
            var name = user?["name"]?.GetValue<string>();
            var password = user?["password"]?.GetValue<string>();
            var domain = user?["domain"]?["name"]?.GetValue<string>();
            var scope = auth?["scope"]?["project"];
            var region = scope?["name"]?.GetValue<string>();
            var projectId = scope?["id"]?.GetValue<string>();
            var tenant = host.Options.TenantOf($"{name}@{domain}");
            if (projectId != null) region = host.RegionOfProject(projectId, tenant);

            if (name == null || domain == null || !host.Options.Users.TryGetValue((domain, name), out var expected) || expected != password)
            {
                await Error(http, 401, "1101", "The username or password is wrong.");
                return;
            }
            if (region == null || !Regions.IsKnown(region))
            {
                await Error(http, 400, "1102", "The project scope is not valid.");
                return;
            }
            var pid = EmulatorOptions.ProjectIdFor(region, tenant);
            var token = host.Auth.IssueToken($"{name}@{domain}", pid);
            var now = DateTimeOffset.UtcNow;
            await WriteTokenAsync(http, token, new
            {
                issued_at = Format(now),
                expires_at = Format(now + host.Options.TokenLifetime),
                methods = new[] { "password" },
                project = new { id = pid, name = region },
                user = new { name, domain = new { name = domain } },
            });
        }

        /// <summary>IAM's answer to a token request: 201, the token in X-Subject-Token, its details in the body.</summary>
        internal static async Task WriteTokenAsync(HttpContext http, string token, object details)
        {
            http.Response.StatusCode = 201;
            http.Response.Headers["X-Subject-Token"] = token;
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(JsonSerializer.Serialize(new { token = details }));
        }

        /// <summary>IAM's time format: UTC with microseconds.</summary>
        internal static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);

        private static async Task ListProjectsAsync(EmulatorHost host, HttpContext http)
        {
            string caller;
            try
            {
                caller = host.Auth.Verify(http, Array.Empty<byte>());
            }
            catch (EmuError e)
            {
                await Error(http, e.Status, e.Code, e.Message);
                return;
            }
            var name = http.Request.Query["name"].ToString();
            var projects = Regions.Known
                .Where(r => string.IsNullOrEmpty(name) || r == name)
                .Select(r => new { id = EmulatorOptions.ProjectIdFor(r, host.Options.TenantOf(caller)), name = r, domain_id = "emulatordomainid", enabled = true });
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(JsonSerializer.Serialize(new { projects }));
        }

        internal static async Task Error(HttpContext http, int status, string code, string message)
        {
            http.Response.StatusCode = status;
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(JsonSerializer.Serialize(new { error = new { code, message, title = "Unauthorized" } }));
        }
    }
}
