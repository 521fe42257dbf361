using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Security;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Http;

namespace MetaStudio.PowerShell.Core.Auth
{
    /// <summary>Permanent or temporary (STS) access keys; each attempt is signed afresh.</summary>
    internal sealed class AkSkCredential : MsCredential
    {
        private readonly SecureString _secretKey;
        private readonly SecureString? _securityToken;

        public AkSkCredential(string? accessKey, SecureString? secretKey, SecureString? securityToken = null)
        {
            if (accessKey == null || string.IsNullOrWhiteSpace(accessKey)) throw new ArgumentException("An access key is required.");
            if (SecretText.IsNullOrEmpty(secretKey)) throw new ArgumentException("A secret key is required.");
            AccessKey = accessKey.Trim();
            _secretKey = secretKey.Copy();
            _secretKey.MakeReadOnly();
            if (!SecretText.IsNullOrEmpty(securityToken))
            {
                _securityToken = securityToken.Copy();
                _securityToken.MakeReadOnly();
            }
        }

        public string AccessKey { get; }
        public override string AuthMode => _securityToken == null ? "AkSk" : "TemporaryAkSk";
        public override string Identity => AccessKey;

        // Salted per process so the fingerprint is useless outside it.
        private static readonly byte[] FingerprintSalt = Guid.NewGuid().ToByteArray();

        /// <summary>
        /// The access key plus a fingerprint of the secret key and token: a cached project lookup made
        /// with the right secret must not let a session with a wrong one pass Connect-MsService's check.
        /// </summary>
        internal override string CacheKey
        {
            get
            {
                using (var hmac = new System.Security.Cryptography.HMACSHA256(FingerprintSalt))
                {
                    var sk = SecretText.WithUtf8Bytes(_secretKey, b => hmac.ComputeHash(b));
                    var token = _securityToken == null ? Array.Empty<byte>() : SecretText.WithUtf8Bytes(_securityToken, b => hmac.ComputeHash(b));
                    return AccessKey + "|" + Convert.ToBase64String(sk) + "|" + Convert.ToBase64String(token);
                }
            }
        }

        internal override Task AuthorizeAsync(HttpRequestMessage request, byte[]? body, MsSession session, CallContext context)
        {
            Sign(request, body);
            return Task.CompletedTask;
        }

        /// <summary>Adds X-Sdk-Date (and X-Security-Token) and the Authorization header.</summary>
        /// <param name="now">The signing time; only tests pass one, to compare with another signer.</param>
        internal void Sign(HttpRequestMessage request, byte[]? body, DateTimeOffset? now = null)
        {
            request.Headers.Remove(AkSkSigner.DateHeader);
            request.Headers.TryAddWithoutValidation(AkSkSigner.DateHeader, AkSkSigner.FormatDate(now ?? DateTimeOffset.UtcNow));
            if (_securityToken != null)
            {
                request.Headers.Remove("X-Security-Token");
                request.Headers.TryAddWithoutValidation("X-Security-Token", SecretText.Reveal(_securityToken));
            }

            var s = SigningScratch.Rent();
            var headers = s.Headers;
            headers.Add(new KeyValuePair<string, string>("host", request.RequestUri.Authority));
            // Sign each value as the server will read it: HTTP drops the whitespace around a field value.
            foreach (var h in request.Headers)
                if (!string.Equals(h.Key, "Authorization", StringComparison.OrdinalIgnoreCase)) SetHeader(headers, h.Key, JoinValues(h.Value));
            if (request.Content != null && request.Content.Headers.TryGetValues("Content-Type", out var contentType))
                SetHeader(headers, "Content-Type", JoinValues(contentType));
            ParseQuery(request.RequestUri.Query, s.Query);

            // The key's bytes live in the scratch buffer for this signature only; Return clears them.
            string auth;
            try
            {
                var keyLength = SecretText.CopyUtf8(_secretKey, ref s.KeyChars, ref s.KeyBytes);
                auth = AkSkSigner.Authorization(s, AccessKey, s.KeyBytes, keyLength, request.Method.Method, request.RequestUri.AbsolutePath, body);
            }
            catch
            {
                s.ClearSecrets();   // a failed signature's scratch is dropped, never with the key in it
                throw;
            }
            SigningScratch.Return(s);
            request.Headers.Remove("Authorization");
            request.Headers.TryAddWithoutValidation("Authorization", auth);
        }

        /// <summary>A header's values as one, trimmed (one value, as nearly always: no copy unless it has outer whitespace).</summary>
        private static string JoinValues(IEnumerable<string> values)
            => (values is IList<string> list && list.Count == 1 ? list[0] : string.Join(",", values)).Trim();

        /// <summary>Header names are unique regardless of case; a later value replaces an earlier one.</summary>
        private static void SetHeader(List<KeyValuePair<string, string>> headers, string name, string value)
        {
            for (var i = 0; i < headers.Count; i++)
                if (string.Equals(headers[i].Key, name, StringComparison.OrdinalIgnoreCase))
                {
                    headers[i] = new KeyValuePair<string, string>(name, value);
                    return;
                }
            headers.Add(new KeyValuePair<string, string>(name, value));
        }

        internal static List<KeyValuePair<string, string>> ParseQuery(string query)
        {
            var list = new List<KeyValuePair<string, string>>();
            ParseQuery(query, list);
            return list;
        }

        private static void ParseQuery(string query, List<KeyValuePair<string, string>> list)
        {
            if (string.IsNullOrEmpty(query)) return;
            var start = 0;
            while (start < query.Length && query[start] == '?') start++;
            while (start < query.Length)
            {
                var amp = query.IndexOf('&', start);
                var end = amp < 0 ? query.Length : amp;
                if (end > start)
                {
                    var eq = query.IndexOf('=', start, end - start);
                    var key = eq < 0 ? query.Substring(start, end - start) : query.Substring(start, eq - start);
                    var value = eq < 0 ? string.Empty : query.Substring(eq + 1, end - eq - 1);
                    list.Add(new KeyValuePair<string, string>(Uri.UnescapeDataString(key), Uri.UnescapeDataString(value)));
                }
                if (amp < 0) break;
                start = amp + 1;
            }
        }
    }
}
