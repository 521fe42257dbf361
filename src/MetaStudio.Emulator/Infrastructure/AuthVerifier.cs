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
        internal ConcurrentDictionary<string, (DateTimeOffset Expires, string Caller, string ProjectId)> Tokens { get; } = new();

        public AuthVerifier(EmulatorOptions options) => _options = options;

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
            if (!_options.AccessKeys.TryGetValue(ak, out var sk)) throw Unauthorized("Unknown access key.");

            var date = request.Headers[AkSkSigner.DateHeader].FirstOrDefault();
            if (date == null || !DateTimeOffset.TryParseExact(date, AkSkSigner.DateFormat, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var when))
                throw Unauthorized("Missing or malformed X-Sdk-Date.");
            if ((DateTimeOffset.UtcNow - when).Duration() > _options.ClockSkew) throw Unauthorized("X-Sdk-Date is too far from the server's clock.");

            if (_options.SecurityTokens.TryGetValue(ak, out var expectedToken)
                && request.Headers["X-Security-Token"].FirstOrDefault() != expectedToken)
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
            var raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path + request.QueryString;
            var q = raw.IndexOf('?');
            var rawPath = q < 0 ? raw : raw.Substring(0, q);
            var rawQuery = q < 0 ? "" : raw.Substring(q);
            var query = ParseQuery(rawQuery);
            var expected = AkSkSigner.Signature(Encoding.UTF8.GetBytes(sk), request.Method, rawPath, query, headers, body);
            if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature)))
                throw Unauthorized("The signature does not match.");
            return ak;
        }

        public string IssueToken(string caller, string projectId)
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
