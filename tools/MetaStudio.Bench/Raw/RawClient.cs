using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Catalog;

namespace MetaStudio.Bench.Raw
{
    /// <summary>
    /// The comparator of the benchmarks: what someone without the module writes on .NET — one HttpClient, the
    /// SDK-HMAC-SHA256 signature done by hand, the answer read whole. It deliberately shares no code with the
    /// module's HTTP path or signer (only the catalog's path templates, so no route is typed twice): were it to use
    /// them, making the module faster would make the comparator faster too.
    /// </summary>
    public sealed class RawClient : IDisposable
    {
        private readonly Uri _endpoint;
        private readonly string _accessKey;
        private readonly byte[] _secretKey;

        public RawClient(Uri endpoint, string projectId, string accessKey, string secretKey)
        {
            _endpoint = endpoint;
            ProjectId = projectId;
            _accessKey = accessKey;
            _secretKey = Encoding.UTF8.GetBytes(secretKey);
            Http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromMinutes(5) };
        }

        public string ProjectId { get; }
        public HttpClient Http { get; }

        /// <summary>The operation's path with the project and the given values filled in (values are ids: no escaping needed).</summary>
        internal string PathOf(OperationId operation, params (string Name, string Value)[] values)
        {
            var path = OperationCatalog.Get(operation).PathTemplate.Replace("{project_id}", ProjectId);
            foreach (var (name, value) in values) path = path.Replace("{" + name + "}", value);
            return path;
        }

        /// <summary>Sends one signed request and returns the body; anything but 2xx throws (a benchmark that failed measured nothing).</summary>
        public async Task<byte[]> SendAsync(string method, string path, IReadOnlyList<KeyValuePair<string, string>>? query = null, byte[]? body = null)
        {
            using var message = Signed(method, path, query, body);
            using var response = await Http.SendAsync(message).ConfigureAwait(false);
            return Checked(method, path, response, await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false));
        }

        /// <summary>
        /// The same exchange sent synchronously (HttpClient.Send, the answer read whole), as a thread that waits for each
        /// answer does (a pwsh pipeline thread sending inline): what waiting on a thread costs, without any module code.
        /// </summary>
        public byte[] Send(string method, string path)
        {
            using var message = Signed(method, path, null, null);
            using var response = Http.Send(message);
            using var copy = new MemoryStream();
            response.Content.ReadAsStream().CopyTo(copy);
            return Checked(method, path, response, copy.ToArray());
        }

        private HttpRequestMessage Signed(string method, string path, IReadOnlyList<KeyValuePair<string, string>>? query, byte[]? body)
        {
            var queryText = query == null || query.Count == 0 ? "" : "?" + string.Join("&", query.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
            var uri = new Uri(_endpoint, path + queryText);
            var message = new HttpRequestMessage(new HttpMethod(method), uri);
            var date = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
            message.Headers.TryAddWithoutValidation("X-Sdk-Date", date);
            message.Headers.TryAddWithoutValidation("X-Project-Id", ProjectId);
            var signed = new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["host"] = uri.Authority, ["x-project-id"] = ProjectId, ["x-sdk-date"] = date,
            };
            if (body != null)
            {
                message.Content = new ByteArrayContent(body);
                message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                signed["content-type"] = "application/json";
            }
            message.Headers.TryAddWithoutValidation("Authorization", Authorization(method, uri.AbsolutePath, query, signed, body));
            return message;
        }

        private static byte[] Checked(string method, string path, HttpResponseMessage response, byte[] bytes)
            => response.IsSuccessStatusCode ? bytes : throw new InvalidOperationException($"{method} {path}: HTTP {(int)response.StatusCode} {Encoding.UTF8.GetString(bytes)}");

        /// <summary>SDK-HMAC-SHA256 as Huawei documents it, for plain paths (ids) and simple queries.</summary>
        private string Authorization(string method, string path, IReadOnlyList<KeyValuePair<string, string>>? query, SortedDictionary<string, string> headers, byte[]? body)
        {
            var canonical = new StringBuilder(512);
            canonical.Append(method).Append('\n').Append(path).Append(path.EndsWith('/') ? "" : "/").Append('\n');
            if (query != null)
                canonical.Append(string.Join("&", query.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
                    .Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value))));
            canonical.Append('\n');
            foreach (var h in headers) canonical.Append(h.Key).Append(':').Append(h.Value).Append('\n');
            var signedHeaders = string.Join(";", headers.Keys);
            canonical.Append('\n').Append(signedHeaders).Append('\n').Append(Convert.ToHexStringLower(SHA256.HashData(body ?? Array.Empty<byte>())));
            var toSign = "SDK-HMAC-SHA256\n" + headers["x-sdk-date"] + "\n" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
            var signature = Convert.ToHexStringLower(HMACSHA256.HashData(_secretKey, Encoding.UTF8.GetBytes(toSign)));
            return $"SDK-HMAC-SHA256 Access={_accessKey}, SignedHeaders={signedHeaders}, Signature={signature}";
        }

        public void Dispose() => Http.Dispose();
    }
}
