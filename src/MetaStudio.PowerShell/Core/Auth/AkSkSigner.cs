#nullable enable
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Threading;

namespace MetaStudio.PowerShell.Core.Auth
{
    /// <summary>
    /// Huawei Cloud SDK-HMAC-SHA256 request signing, written to match the official SDK signers
    /// (cross-checked against @huaweicloud/huaweicloud-sdk-core's AKSKSigner.js by the tests).
    /// The emulator uses the same code to verify signatures.
    /// </summary>
    /// <remarks>
    /// Paid on every attempt of every call, so it writes the canonical request into buffers and hashes it with a
    /// hasher that its thread reuses (<see cref="SigningScratch"/>): what a signature allocates is its result and
    /// the four 32-byte hashes. The rules are those of the official signers, unchanged.
    /// </remarks>
    internal static class AkSkSigner
    {
        public const string Algorithm = "SDK-HMAC-SHA256";
        public const string DateHeader = "X-Sdk-Date";
        public const string DateFormat = "yyyyMMdd'T'HHmmss'Z'";
        public const string ContentSha256Header = "X-Sdk-Content-Sha256";
        public const string EmptyBodySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

        private const string HexDigits = "0123456789abcdef";
        private const string UpperHexDigits = "0123456789ABCDEF";

        private sealed class FormattedDate
        {
            public FormattedDate(long second, string text)
            {
                Second = second;
                Text = text;
            }

            public readonly long Second;
            public readonly string Text;
        }

        private static FormattedDate? _lastDate;

        /// <summary>The X-Sdk-Date value; formatted once per second, whatever the number of calls in it.</summary>
        public static string FormatDate(DateTimeOffset time)
        {
            var second = time.UtcTicks / TimeSpan.TicksPerSecond;
            var last = Volatile.Read(ref _lastDate);
            if (last != null && last.Second == second) return last.Text;
            var text = time.UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture);
            Volatile.Write(ref _lastDate, new FormattedDate(second, text));
            return text;
        }

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
            var s = SigningScratch.Rent();
            Fill(s, query, headers);
            var result = Authorization(s, accessKey, secretKey, secretKey.Length, method, escapedPath, body);
            SigningScratch.Return(s);
            return result;
        }

        public static string Signature(byte[] secretKey, string method, string escapedPath,
            IEnumerable<KeyValuePair<string, string>>? query, IDictionary<string, string> headers, byte[]? body)
        {
            var s = SigningScratch.Rent();
            Fill(s, query, headers);
            AppendSignature(s, secretKey, secretKey.Length, method, escapedPath, body);
            var result = s.Result.ToString();
            SigningScratch.Return(s);
            return result;
        }

        public static string CanonicalRequest(string method, string escapedPath,
            IEnumerable<KeyValuePair<string, string>>? query, IDictionary<string, string> headers, byte[]? body)
        {
            var s = SigningScratch.Rent();
            Fill(s, query, headers);
            AppendCanonicalRequest(s, method, escapedPath, body);
            var result = s.Text.ToString();
            SigningScratch.Return(s);
            return result;
        }

        public static string SignedHeaders(IDictionary<string, string> headers)
        {
            var s = SigningScratch.Rent();
            Fill(s, null, headers);
            SortHeaders(s.Headers);
            AppendSignedHeaders(s.Result, s.Headers);
            var result = s.Result.ToString();
            SigningScratch.Return(s);
            return result;
        }

        /// <summary>
        /// The Authorization value for the query and headers already in <paramref name="s"/> (header names unique
        /// regardless of case), signed with key[0..keyLength).
        /// </summary>
        internal static string Authorization(SigningScratch s, string accessKey, byte[] key, int keyLength, string method, string escapedPath, byte[]? body)
        {
            AppendSignature(s, key, keyLength, method, escapedPath, body);
            var sb = s.Text.Clear();
            sb.Append(Algorithm).Append(" Access=").Append(accessKey).Append(", SignedHeaders=");
            AppendSignedHeaders(sb, s.Headers);
            sb.Append(", Signature=");
            for (var i = 0; i < s.Result.Length; i++) sb.Append(s.Result[i]);
            return sb.ToString();
        }

        /// <summary>The hex signature into s.Result (which it clears first).</summary>
        private static void AppendSignature(SigningScratch s, byte[] key, int keyLength, string method, string escapedPath, byte[]? body)
        {
            string? date = null;
            foreach (var h in s.Headers)
                if (string.Equals(h.Key, DateHeader, StringComparison.OrdinalIgnoreCase)) { date = h.Value; break; }
            if (date == null) throw new InvalidOperationException("Sequence contains no matching element");   // as the official signers: the date is required

            AppendCanonicalRequest(s, method, escapedPath, body);
            // The count first: encoding may replace s.Bytes with a larger buffer.
            var canonicalLength = s.TextToUtf8();
            var canonicalHash = s.Hash(s.Bytes, canonicalLength);
            var text = s.Text.Clear();
            text.Append(Algorithm).Append('\n').Append(date).Append('\n');
            AppendHex(text, canonicalHash);
            var stringToSignLength = s.TextToUtf8();
            var mac = s.Hmac(key, keyLength, s.Bytes, stringToSignLength);
            AppendHex(s.Result.Clear(), mac);
        }

        private static void Fill(SigningScratch s, IEnumerable<KeyValuePair<string, string>>? query, IDictionary<string, string> headers)
        {
            if (query != null) s.Query.AddRange(query);
            s.Headers.AddRange(headers);
        }

        /// <summary>The canonical request of the query and headers in <paramref name="s"/>, into s.Text.</summary>
        private static void AppendCanonicalRequest(SigningScratch s, string method, string escapedPath, byte[]? body)
        {
            var sb = s.Text.Clear();
            foreach (var c in method) sb.Append(char.ToUpperInvariant(c));
            sb.Append('\n');
            AppendCanonicalUri(sb, escapedPath);
            sb.Append('\n');
            AppendCanonicalQuery(sb, s.Query);
            sb.Append('\n');
            SortHeaders(s.Headers);
            // Values are signed exactly as given, like the official signers; callers pass them as
            // they travel on the wire (HTTP strips the outer whitespace, see AkSkCredential.Sign).
            foreach (var h in s.Headers) sb.Append(LowerName(h.Key)).Append(':').Append(h.Value).Append('\n');
            sb.Append('\n');
            AppendSignedHeaders(sb, s.Headers);
            sb.Append('\n');
            AppendPayloadHash(s, sb, body);
        }

        private static void AppendPayloadHash(SigningScratch s, StringBuilder sb, byte[]? body)
        {
            foreach (var h in s.Headers)
                if (string.Equals(h.Key, ContentSha256Header, StringComparison.OrdinalIgnoreCase))
                {
                    sb.Append(h.Value);
                    return;
                }
            if (body == null || body.Length == 0) sb.Append(EmptyBodySha256);
            else AppendHex(sb, s.Hash(body, body.Length));
        }

        private static void AppendSignedHeaders(StringBuilder sb, List<KeyValuePair<string, string>> sortedHeaders)
        {
            for (var i = 0; i < sortedHeaders.Count; i++)
            {
                if (i > 0) sb.Append(';');
                sb.Append(LowerName(sortedHeaders[i].Key));
            }
        }

        /// <summary>By lower-case name, ordinal; stable (an insertion sort: a request has a handful of headers).</summary>
        private static void SortHeaders(List<KeyValuePair<string, string>> headers)
        {
            for (var i = 1; i < headers.Count; i++)
            {
                var item = headers[i];
                var key = LowerName(item.Key);
                var j = i - 1;
                while (j >= 0 && string.CompareOrdinal(LowerName(headers[j].Key), key) > 0)
                {
                    headers[j + 1] = headers[j];
                    j--;
                }
                headers[j + 1] = item;
            }
        }

        // Header names are few and repeat on every call: lower-cased once each (bounded, so odd names cannot grow it).
        private static readonly ConcurrentDictionary<string, string> LowerNames = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);

        private static string LowerName(string name)
        {
            if (LowerNames.TryGetValue(name, out var lower)) return lower;
            lower = name.ToLowerInvariant();
            if (LowerNames.Count < 256) LowerNames.TryAdd(name, lower);
            return lower;
        }

        /// <summary>Each path segment decoded then re-encoded; always ends with '/'.</summary>
        public static string CanonicalUri(string escapedPath)
        {
            var sb = new StringBuilder(escapedPath?.Length + 1 ?? 1);
            AppendCanonicalUri(sb, escapedPath);
            return sb.ToString();
        }

        private static void AppendCanonicalUri(StringBuilder sb, string? escapedPath)
        {
            if (string.IsNullOrEmpty(escapedPath))
            {
                sb.Append('/');
                return;
            }
            var start = 0;
            while (true)
            {
                var slash = escapedPath!.IndexOf('/', start);
                var end = slash < 0 ? escapedPath.Length : slash;
                if (IsUnreserved(escapedPath, start, end)) sb.Append(escapedPath, start, end - start);   // decoding and encoding change nothing
                else AppendEncoded(sb, Uri.UnescapeDataString(escapedPath.Substring(start, end - start)));
                if (slash < 0) break;
                sb.Append('/');
                start = slash + 1;
            }
            if (sb[sb.Length - 1] != '/') sb.Append('/');
        }

        /// <summary>Keys sorted, each key's values sorted, all by UTF-16 code unit order.</summary>
        public static string CanonicalQuery(IEnumerable<KeyValuePair<string, string>>? query)
        {
            if (query == null) return string.Empty;
            var pairs = new List<KeyValuePair<string, string>>(query);
            var sb = new StringBuilder();
            AppendCanonicalQuery(sb, pairs);
            return sb.ToString();
        }

        // Sorting by key then value is grouping by key, then sorting the groups and each group's values (ordinal both).
        private static readonly Comparison<KeyValuePair<string, string>> ByKeyThenValue = (a, b) =>
        {
            var byKey = string.CompareOrdinal(a.Key, b.Key);
            return byKey != 0 ? byKey : string.CompareOrdinal(a.Value ?? string.Empty, b.Value ?? string.Empty);
        };

        private static void AppendCanonicalQuery(StringBuilder sb, List<KeyValuePair<string, string>> query)
        {
            if (query.Count > 1) query.Sort(ByKeyThenValue);
            for (var i = 0; i < query.Count; i++)
            {
                if (i > 0) sb.Append('&');
                AppendEncoded(sb, query[i].Key);
                sb.Append('=');
                AppendEncoded(sb, query[i].Value ?? string.Empty);
            }
        }

        /// <summary>RFC 3986 encoding: unreserved characters kept, every other UTF-8 byte as %XX.</summary>
        public static string Encode(string value)
        {
            if (string.IsNullOrEmpty(value)) return value ?? string.Empty;
            if (IsUnreserved(value, 0, value.Length)) return value;
            var sb = new StringBuilder(value.Length * 3);
            AppendEncoded(sb, value);
            return sb.ToString();
        }

        private static void AppendEncoded(StringBuilder sb, string value)
        {
            if (value.Length == 0) return;
            var ascii = true;
            foreach (var c in value)
                if (c >= 0x80) { ascii = false; break; }
            if (ascii)
            {
                // UTF-8 of ASCII is the characters themselves.
                foreach (var c in value) AppendEncodedByte(sb, (byte)c);
                return;
            }
            foreach (var b in Encoding.UTF8.GetBytes(value)) AppendEncodedByte(sb, b);
        }

        private static void AppendEncodedByte(StringBuilder sb, byte b)
        {
            var c = (char)b;
            if (IsUnreserved(c)) sb.Append(c);
            else sb.Append('%').Append(UpperHexDigits[b >> 4]).Append(UpperHexDigits[b & 0xF]);
        }

        private static bool IsUnreserved(char c)
            => (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~';

        private static bool IsUnreserved(string value, int start, int end)
        {
            for (var i = start; i < end; i++)
                if (!IsUnreserved(value[i])) return false;
            return true;
        }

        public static string HexSha256(byte[] data)
        {
            var s = SigningScratch.Rent();
            var sb = s.Result.Clear();
            AppendHex(sb, s.Hash(data, data.Length));
            var result = sb.ToString();
            SigningScratch.Return(s);
            return result;
        }

        private static void AppendHex(StringBuilder sb, byte[] bytes)
        {
            foreach (var b in bytes) sb.Append(HexDigits[b >> 4]).Append(HexDigits[b & 0xF]);
        }
    }
}
