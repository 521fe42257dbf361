#nullable enable
using System;
using System.Globalization;
using System.Security;
using MetaStudio.PowerShell.Core.Auth;

namespace MetaStudio.PowerShell.Core.RateLimiting
{
    /// <summary>
    /// Where the shared rate-limit store is: <c>redis://[user[:password]@]host[:port][/db]</c>, or <c>rediss://</c> for TLS
    /// (port 6379 and database 0 when left out). Parsing needs no Redis client, so a session can say what is wrong with
    /// the address before anything is loaded. The password never shows: <see cref="ToString"/> masks it.
    /// </summary>
    internal sealed class RateLimitStoreAddress
    {
        /// <summary>The variable scheduled jobs set instead of -RateLimitStore.</summary>
        public const string Variable = "METASTUDIO_RATELIMIT_STORE";
        /// <summary>The variable for -RateLimitShare, beside <see cref="Variable"/>.</summary>
        public const string ShareVariable = "METASTUDIO_RATELIMIT_SHARE";
        /// <summary>What -RateLimitStore takes to say "no store", whatever the environment says.</summary>
        public const string None = "none";
        public const int DefaultPort = 6379;

        private RateLimitStoreAddress(bool tls, string host, int port, int database, string? user, SecureString? password)
        {
            Tls = tls;
            Host = host;
            Port = port;
            Database = database;
            User = user;
            Password = password;
        }

        public bool Tls { get; }
        public string Host { get; }
        public int Port { get; }
        public int Database { get; }
        /// <summary>The ACL user (Redis 6+); null for the default user.</summary>
        public string? User { get; }
        internal SecureString? Password { get; }
        /// <summary>Whether a password was given in the address itself (it may then be in history and transcripts).</summary>
        public bool PasswordInAddress { get; private set; }

        /// <summary>Host and port as a URI, for the loopback guard.</summary>
        public Uri Endpoint => new Uri($"{(Tls ? "rediss" : "redis")}://{HostForUri}:{Port}/");

        /// <summary>
        /// Parses an address; null for <see cref="None"/> or an empty text. <paramref name="name"/> names the parameter
        /// or variable in errors.
        /// </summary>
        public static RateLimitStoreAddress? Parse(string? text, string name = "-RateLimitStore")
        {
            if (string.IsNullOrWhiteSpace(text) || string.Equals(text!.Trim(), None, StringComparison.OrdinalIgnoreCase)) return null;
            text = text.Trim();
            const string shape = "redis://[user:password@]host:port[/db] (or rediss:// for TLS)";
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != "redis" && uri.Scheme != "rediss") || string.IsNullOrEmpty(uri.Host))
                throw new ArgumentException($"{name} must look like {shape}; '{Mask(text)}' does not.");
            if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
                throw new ArgumentException($"{name} takes no options after the address ({shape}).");
            var database = 0;
            var path = uri.AbsolutePath.Trim('/');
            if (path.Length > 0 && (!int.TryParse(path, NumberStyles.None, CultureInfo.InvariantCulture, out database) || database > 15))
                throw new ArgumentException($"{name}: the database after the host must be a number from 0 to 15, not '{path}'.");
            string? user = null;
            SecureString? password = null;
            if (!string.IsNullOrEmpty(uri.UserInfo))
            {
                var colon = uri.UserInfo.IndexOf(':');
                var userPart = colon < 0 ? uri.UserInfo : uri.UserInfo.Substring(0, colon);
                user = userPart.Length == 0 ? null : Uri.UnescapeDataString(userPart);
                if (colon >= 0) password = SecretText.ToSecureString(Uri.UnescapeDataString(uri.UserInfo.Substring(colon + 1)));
            }
            var host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host.Trim('[', ']') : uri.Host;
            return new RateLimitStoreAddress(uri.Scheme == "rediss", host, uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port, database, user, password)
            {
                PasswordInAddress = password != null,
            };
        }

        /// <summary>The store METASTUDIO_RATELIMIT_STORE names, for sessions that name none themselves; null when unset.</summary>
        public static RateLimitStoreAddress? FromEnvironment() => Parse(Environment.GetEnvironmentVariable(Variable), Variable);

        /// <summary>METASTUDIO_RATELIMIT_SHARE, a number above 0 and at most 1; 1 when unset.</summary>
        public static double ShareFromEnvironment()
        {
            var text = Environment.GetEnvironmentVariable(ShareVariable);
            if (string.IsNullOrWhiteSpace(text)) return 1;
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var share) || !(share > 0) || share > 1)
                throw new ArgumentException($"{ShareVariable} must be a number above 0 and at most 1 (this process's part of each rate while the store is unreachable), not '{text}'.");
            return share;
        }

        /// <summary>The same address with the user and password of -RateLimitStoreCredential (no user name keeps the address's user).</summary>
        public RateLimitStoreAddress WithCredential(string? user, SecureString? password)
            => new RateLimitStoreAddress(Tls, Host, Port, Database, string.IsNullOrEmpty(user) ? User : IsDefaultUser(user) ? null : user, password ?? Password);

        /// <summary>
        /// "default" is Redis's own user: leaving it out authenticates as it on Redis 6+ and works on older servers too,
        /// which know no users (a PSCredential cannot have an empty user name).
        /// </summary>
        private static bool IsDefaultUser(string? user) => string.Equals(user, "default", StringComparison.Ordinal);

        /// <summary>The address as shown anywhere (Get-MsSession, verbose, warnings): a password given is masked.</summary>
        public override string ToString()
            => $"{(Tls ? "rediss" : "redis")}://{(User != null || Password != null ? $"{Uri.EscapeDataString(User ?? "")}{(Password != null ? ":***" : "")}@" : "")}{HostForUri}:{Port}/{Database}";

        /// <summary>What tells two stores apart (the password's own identity is added by <see cref="RateLimitStores"/>).</summary>
        internal string Identity => $"{(Tls ? "rediss" : "redis")}://{User}@{HostForUri}:{Port}/{Database}";

        private string HostForUri => Host.Contains(":") ? $"[{Host}]" : Host;

        /// <summary>Masks the password of an address that could not be parsed, for the error message.</summary>
        private static string Mask(string text)
        {
            var at = text.LastIndexOf('@');
            var scheme = text.IndexOf("://", StringComparison.Ordinal);
            if (at < 0 || scheme < 0 || at < scheme) return text;
            var userInfo = text.Substring(scheme + 3, at - scheme - 3);
            var colon = userInfo.IndexOf(':');
            return colon < 0 ? text : text.Substring(0, scheme + 3) + userInfo.Substring(0, colon) + ":***" + text.Substring(at);
        }
    }
}
