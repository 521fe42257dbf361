// Nullable: annotated, flow warnings still off in this file (issue 12 item 5 follow-up: finish its null checks).
#nullable disable warnings
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Security;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Http;

namespace MetaStudio.PowerShell.Core.Auth
{
    /// <summary>Permanent or temporary (STS) access keys; each attempt is signed afresh.</summary>
    public sealed class AkSkCredential : MsCredential
    {
        private readonly SecureString _secretKey;
        private readonly SecureString? _securityToken;

        public AkSkCredential(string? accessKey, SecureString? secretKey, SecureString? securityToken = null)
        {
            if (string.IsNullOrWhiteSpace(accessKey)) throw new ArgumentException("An access key is required.");
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

        internal override Task AuthorizeAsync(HttpRequestMessage request, byte[] body, MsSession session, CallContext context)
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

            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["host"] = request.RequestUri.Authority };
            // Sign each value as the server will read it: HTTP drops the whitespace around a field value.
            foreach (var h in request.Headers.Where(h => !string.Equals(h.Key, "Authorization", StringComparison.OrdinalIgnoreCase)))
                headers[h.Key] = string.Join(",", h.Value).Trim();
            if (request.Content != null)
                foreach (var h in request.Content.Headers.Where(h => string.Equals(h.Key, "Content-Type", StringComparison.OrdinalIgnoreCase)))
                    headers[h.Key] = string.Join(",", h.Value).Trim();

            var query = ParseQuery(request.RequestUri.Query);
            var auth = SecretText.WithUtf8Bytes(_secretKey, sk => AkSkSigner.Authorization(
                AccessKey, sk, request.Method.Method, request.RequestUri.AbsolutePath, query, headers, body));
            request.Headers.Remove("Authorization");
            request.Headers.TryAddWithoutValidation("Authorization", auth);
        }

        internal static List<KeyValuePair<string, string>> ParseQuery(string query)
        {
            var list = new List<KeyValuePair<string, string>>();
            if (string.IsNullOrEmpty(query)) return list;
            foreach (var part in query.TrimStart('?').Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = part.IndexOf('=');
                var key = eq < 0 ? part : part.Substring(0, eq);
                var value = eq < 0 ? string.Empty : part.Substring(eq + 1);
                list.Add(new KeyValuePair<string, string>(Uri.UnescapeDataString(key), Uri.UnescapeDataString(value)));
            }
            return list;
        }
    }
}
