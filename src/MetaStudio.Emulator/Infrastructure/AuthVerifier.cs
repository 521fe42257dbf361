using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using MetaStudio.PowerShell.Core.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace MetaStudio.Emulator.Infrastructure
{
    /// <summary>Checks SDK-HMAC-SHA256 signatures and IAM tokens the way API Gateway does (401 APIGW.0301 otherwise).</summary>
    public sealed class AuthVerifier
    {
        private static readonly Regex AuthHeader = new(@"^SDK-HMAC-SHA256\s+Access=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]+)$", RegexOptions.Compiled);
        private readonly EmulatorOptions _options;

        /// <summary>token → (expiry, caller, project id).</summary>
        internal ConcurrentDictionary<string, (DateTimeOffset Expires, string Caller, string? ProjectId)> Tokens { get; } = new();

        /// <summary>Temporary keys handed out by the metadata service and the federation exchange: AK → (SK, token, expiry).</summary>
        internal ConcurrentDictionary<string, (string Secret, string SecurityToken, DateTimeOffset Expires)> TemporaryKeys { get; } = new();

        public AuthVerifier(EmulatorOptions options) => _options = options;

        /// <summary>New temporary keys of the default tenant, valid for <paramref name="lifetime"/>.</summary>
        internal (string Access, string Secret, string SecurityToken, DateTimeOffset Expires) IssueTemporaryKeys(TimeSpan lifetime)
        {
            const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
            var random = RandomNumberGenerator.GetBytes(56);
            var access = "EMUTEMP" + new string(random.Take(13).Select(b => alphabet[b % alphabet.Length]).ToArray());
            var secret = new string(random.Skip(13).Take(40).Select(b => alphabet[b % alphabet.Length]).ToArray());
            var token = "emu-sts-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(96));
            var expires = DateTimeOffset.UtcNow + lifetime;
            TemporaryKeys[access] = (secret, token, expires);
            return (access, secret, token, expires);
        }

        /// <summary>Returns the caller (access key or user@domain), or throws EmuError 401.</summary>
        public string Verify(HttpContext http, byte[] body)
        {
            var request = http.Request;
            var token = request.Headers["X-Auth-Token"].FirstOrDefault();
            if (!string.IsNullOrEmpty(token))
            {
                if (!Tokens.TryGetValue(token, out var t)) throw Unauthorized("The token is not valid.");
                if (t.Expires <= DateTimeOffset.UtcNow) throw Unauthorized("The token has expired.");
                return t.Caller;
            }

            var authorization = request.Headers.Authorization.FirstOrDefault();
            if (string.IsNullOrEmpty(authorization)) throw Unauthorized("Missing Authorization or X-Auth-Token header.");
            var m = AuthHeader.Match(authorization);
            if (!m.Success) throw Unauthorized("Malformed Authorization header.");
            var (ak, signedHeaders, signature) = (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value);
            string? expectedToken;
            if (TemporaryKeys.TryGetValue(ak, out var temporary))
            {
                if (temporary.Expires <= DateTimeOffset.UtcNow) throw Unauthorized("The temporary access key has expired.");
                expectedToken = temporary.SecurityToken;
            }
            else if (!_options.AccessKeys.ContainsKey(ak)) throw Unauthorized("Unknown access key.");
            else _options.SecurityTokens.TryGetValue(ak, out expectedToken);
            var sk = temporary.Secret ?? _options.AccessKeys[ak];

            var date = request.Headers[AkSkSigner.DateHeader].FirstOrDefault();
            if (date == null || !DateTimeOffset.TryParseExact(date, AkSkSigner.DateFormat, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var when))
                throw Unauthorized("Missing or malformed X-Sdk-Date.");
            if ((DateTimeOffset.UtcNow - when).Duration() > _options.ClockSkew) throw Unauthorized("X-Sdk-Date is too far from the server's clock.");

            if (expectedToken != null && request.Headers["X-Security-Token"].FirstOrDefault() != expectedToken)
                throw Unauthorized("Temporary credentials need their security token.");

            var names = signedHeaders.Split(';');
            if (!names.Contains("host") || !names.Contains("x-sdk-date")) throw Unauthorized("host and x-sdk-date must be signed.");
            if (request.Headers.ContainsKey("X-Security-Token") && !names.Contains("x-security-token")) throw Unauthorized("x-security-token must be signed.");
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var name in names)
            {
                var value = name == "host" ? request.Host.Value : request.Headers[name].ToString();
                if (value == null) throw Unauthorized($"Signed header '{name}' is missing.");
                headers[name] = value;
            }

            // Verify over the raw target: Kestrel's decoded Path would hide how the client encoded it.
            var raw = PathAndQuery(http);
            var q = raw.IndexOf('?');
            var rawPath = q < 0 ? raw : raw.Substring(0, q);
            var rawQuery = q < 0 ? "" : raw.Substring(q);
            var query = ParseQuery(rawQuery);
            var expected = AkSkSigner.Signature(Encoding.UTF8.GetBytes(sk), request.Method, rawPath, query, headers, body);
            if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature)))
                throw Unauthorized("The signature does not match.");
            return ak;
        }

        /// <summary>The request target as the client wrote it; a proxy-form target (http://host/path) without its scheme and host.</summary>
        internal static string PathAndQuery(HttpContext http)
        {
            var raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? http.Request.Path + http.Request.QueryString;
            if (IsProxyForm(raw))
            {
                var slash = raw.IndexOf('/', raw.IndexOf("://", StringComparison.Ordinal) + 3);
                raw = slash < 0 ? "/" : raw.Substring(slash);
            }
            return raw;
        }

        internal static bool IsProxyForm(string? rawTarget)
            => rawTarget != null && (rawTarget.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || rawTarget.StartsWith("https://", StringComparison.OrdinalIgnoreCase));

        public string IssueToken(string caller, string? projectId)
        {
            var token = "MIIemu" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
            Tokens[token] = (DateTimeOffset.UtcNow + _options.TokenLifetime, caller, projectId);
            return token;
        }

        private static List<KeyValuePair<string, string>> ParseQuery(string query)
        {
            var list = new List<KeyValuePair<string, string>>();
            foreach (var part in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = part.IndexOf('=');
                var key = eq < 0 ? part : part[..eq];
                var value = eq < 0 ? "" : part[(eq + 1)..];
                list.Add(new(Uri.UnescapeDataString(key), Uri.UnescapeDataString(value)));
            }
            return list;
        }

        private static EmuError Unauthorized(string why) => new(401, "APIGW.0301", "Incorrect IAM authentication information: " + why);
    }
}
