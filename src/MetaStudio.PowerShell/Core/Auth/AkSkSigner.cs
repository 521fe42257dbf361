using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace MetaStudio.PowerShell.Core.Auth
{
    /// <summary>
    /// Huawei Cloud SDK-HMAC-SHA256 request signing, written to match the official SDK signers
    /// (cross-checked against @huaweicloud/huaweicloud-sdk-core's AKSKSigner.js by the tests).
    /// The emulator uses the same code to verify signatures.
    /// </summary>
    public static class AkSkSigner
    {
        public const string Algorithm = "SDK-HMAC-SHA256";
        public const string DateHeader = "X-Sdk-Date";
        public const string DateFormat = "yyyyMMdd'T'HHmmss'Z'";
        public const string ContentSha256Header = "X-Sdk-Content-Sha256";
        public const string EmptyBodySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

        public static string FormatDate(DateTimeOffset time) => time.UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture);

        /// <summary>
        /// Computes the Authorization header value.
        /// </summary>
        /// <param name="method">HTTP method, upper case.</param>
        /// <param name="escapedPath">The path as sent on the wire (percent-encoded segments).</param>
        /// <param name="query">Decoded query pairs; repeated keys allowed.</param>
        /// <param name="headers">Every header to sign, including host and X-Sdk-Date.</param>
        /// <param name="body">Request body bytes, or null.</param>
        public static string Authorization(string accessKey, byte[] secretKey, string method, string escapedPath,
            IEnumerable<KeyValuePair<string, string>>? query, IDictionary<string, string> headers, byte[]? body)
        {
            var signedHeaders = SignedHeaders(headers);
            var signature = Signature(secretKey, method, escapedPath, query, headers, body);
            return $"{Algorithm} Access={accessKey}, SignedHeaders={signedHeaders}, Signature={signature}";
        }

        public static string Signature(byte[] secretKey, string method, string escapedPath,
            IEnumerable<KeyValuePair<string, string>>? query, IDictionary<string, string> headers, byte[]? body)
        {
            var date = headers.First(h => string.Equals(h.Key, DateHeader, StringComparison.OrdinalIgnoreCase)).Value;
            var canonical = CanonicalRequest(method, escapedPath, query, headers, body);
            var stringToSign = $"{Algorithm}\n{date}\n{HexSha256(Encoding.UTF8.GetBytes(canonical))}";
            using (var hmac = new HMACSHA256(secretKey))
                return Hex(hmac.ComputeHash(Encoding.UTF8.GetBytes(stringToSign)));
        }

        public static string CanonicalRequest(string method, string escapedPath,
            IEnumerable<KeyValuePair<string, string>>? query, IDictionary<string, string> headers, byte[]? body)
        {
            var sb = new StringBuilder();
            sb.Append(method.ToUpperInvariant()).Append('\n');
            sb.Append(CanonicalUri(escapedPath)).Append('\n');
            sb.Append(CanonicalQuery(query)).Append('\n');
            foreach (var h in headers.OrderBy(h => h.Key.ToLowerInvariant(), StringComparer.Ordinal))
                // Values are signed exactly as given, like the official signers; callers pass them as
                // they travel on the wire (HTTP strips the outer whitespace, see AkSkCredential.Sign).
                sb.Append(h.Key.ToLowerInvariant()).Append(':').Append(h.Value).Append('\n');
            sb.Append('\n');
            sb.Append(SignedHeaders(headers)).Append('\n');
            sb.Append(PayloadHash(headers, body));
            return sb.ToString();
        }

        public static string SignedHeaders(IDictionary<string, string> headers)
            => string.Join(";", headers.Keys.Select(k => k.ToLowerInvariant()).OrderBy(k => k, StringComparer.Ordinal));

        private static string PayloadHash(IDictionary<string, string> headers, byte[]? body)
        {
            foreach (var h in headers)
                if (string.Equals(h.Key, ContentSha256Header, StringComparison.OrdinalIgnoreCase)) return h.Value;
            return body == null || body.Length == 0 ? EmptyBodySha256 : HexSha256(body);
        }

        /// <summary>Each path segment decoded then re-encoded; always ends with '/'.</summary>
        public static string CanonicalUri(string escapedPath)
        {
            if (string.IsNullOrEmpty(escapedPath)) return "/";
            var segments = escapedPath.Split('/').Select(s => Encode(Uri.UnescapeDataString(s)));
            var joined = string.Join("/", segments);
            return joined.EndsWith("/", StringComparison.Ordinal) ? joined : joined + "/";
        }

        /// <summary>Keys sorted, each key's values sorted, all by UTF-16 code unit order.</summary>
        public static string CanonicalQuery(IEnumerable<KeyValuePair<string, string>>? query)
        {
            if (query == null) return string.Empty;
            var parts = query
                .GroupBy(p => p.Key, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .SelectMany(g => g.Select(p => p.Value ?? string.Empty).OrderBy(v => v, StringComparer.Ordinal)
                    .Select(v => Encode(g.Key) + "=" + Encode(v)));
            return string.Join("&", parts);
        }

        /// <summary>RFC 3986 encoding: unreserved characters kept, every other UTF-8 byte as %XX.</summary>
        public static string Encode(string? value)
        {
            if (value == null || value.Length == 0) return string.Empty;   // netstandard2.0's IsNullOrEmpty is not annotated
            var sb = new StringBuilder(value.Length);
            foreach (var b in Encoding.UTF8.GetBytes(value))
            {
                var c = (char)b;
                if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~')
                    sb.Append(c);
                else
                    sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
            return sb.ToString();
        }

        public static string HexSha256(byte[] data)
        {
            using (var sha = SHA256.Create()) return Hex(sha.ComputeHash(data));
        }

        private static string Hex(byte[] bytes)
        {
            var sb = new StringBuilder(bytes.Length * 2);
            foreach (var b in bytes) sb.Append(b.ToString("x2", CultureInfo.InvariantCulture));
            return sb.ToString();
        }
    }
}
