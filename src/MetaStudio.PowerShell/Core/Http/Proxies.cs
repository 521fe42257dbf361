using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;

namespace MetaStudio.PowerShell.Core.Http
{
    /// <summary>
    /// Which proxy a session's requests go through: -Proxy, else HTTPS_PROXY / HTTP_PROXY (lower-case names first,
    /// as curl and .NET read them) minus NO_PROXY, else none. The variables are read here rather than left to the
    /// runtime, because .NET Framework (Windows PowerShell 5.1) ignores them and .NET reads NO_PROXY differently
    /// from the Go SDK; this way both editions behave the same. As in Go's net/http (httpproxy), loopback
    /// targets never go through a proxy; neither does the link-local ECS metadata service.
    /// </summary>
    internal sealed class ProxySettings : IWebProxy
    {
        private readonly Uri? _http;
        private readonly Uri? _https;
        private readonly string[] _noProxy;

        private ProxySettings(Uri? http, Uri? https, string[] noProxy, ICredentials? credentials, string description)
        {
            _http = http;
            _https = https;
            _noProxy = noProxy;
            Credentials = credentials;
            Description = description;
        }

        /// <summary>What Get-MsSession shows: the proxy address and where it came from, never a password.</summary>
        public string Description { get; }

        public ICredentials? Credentials { get; set; }

        /// <summary>-Proxy (with -ProxyCredential) for every request, or the environment's proxies, or null for none.</summary>
        public static ProxySettings? Resolve(Uri? explicitProxy, NetworkCredential? credential)
        {
            if (explicitProxy != null)
            {
                if (!explicitProxy.IsAbsoluteUri || (explicitProxy.Scheme != Uri.UriSchemeHttp && explicitProxy.Scheme != Uri.UriSchemeHttps))
                    throw new ArgumentException($"-Proxy '{explicitProxy}' must be an absolute http:// URI, such as http://proxy.example.com:3128.");
                var proxy = WithoutUserInfo(explicitProxy, out var fromUri);
                return new ProxySettings(proxy, proxy, Array.Empty<string>(), (ICredentials?)credential ?? fromUri, $"{Display(proxy)} (-Proxy)");
            }
            string? httpsName, httpName;
            var https = FromVariable(out httpsName, "https_proxy", "HTTPS_PROXY");
            var http = FromVariable(out httpName, "http_proxy", "HTTP_PROXY");
            if (https == null && http == null) return null;
            var noProxy = (Variable("no_proxy", "NO_PROXY", out _) ?? "")
                .Split(new[] { ',', ' ' }, StringSplitOptions.RemoveEmptyEntries).Select(e => e.Trim().ToLowerInvariant()).ToArray();
            NetworkCredential? creds = null;
            var httpsProxy = https == null ? null : WithoutUserInfo(https, out creds);
            NetworkCredential? httpCreds = null;
            var httpProxy = http == null ? null : WithoutUserInfo(http, out httpCreds);
            var parts = new List<string>();
            if (httpsProxy != null) parts.Add($"{Display(httpsProxy)} ({httpsName})");
            if (httpProxy != null && (httpsProxy == null || httpProxy != httpsProxy)) parts.Add($"{Display(httpProxy)} ({httpName})");
            return new ProxySettings(httpProxy, httpsProxy, noProxy, (ICredentials?)creds ?? httpCreds, string.Join(", ", parts));
        }

        public Uri GetProxy(Uri destination) => IsBypassed(destination) ? destination : ProxyFor(destination) ?? destination;

        public bool IsBypassed(Uri host)
        {
            if (ProxyFor(host) == null) return true;
            if (host.IsLoopback || IsLinkLocal(host.Host)) return true;
            var name = host.Host.Trim('[', ']').ToLowerInvariant();
            foreach (var entry in _noProxy)
            {
                if (entry == "*") return true;
                var (entryHost, entryPort) = SplitPort(entry);
                if (entryPort != null && entryPort != host.Port.ToString(CultureInfo.InvariantCulture)) continue;
                // Go's httpproxy rules: "example.com" matches it and its subdomains, ".example.com" and "*.example.com" only subdomains.
                var subdomainsOnly = entryHost.StartsWith(".", StringComparison.Ordinal) || entryHost.StartsWith("*.", StringComparison.Ordinal);
                var domain = entryHost.TrimStart('*').TrimStart('.');
                if (domain.Length == 0) continue;
                if ((!subdomainsOnly && name == domain) || name.EndsWith("." + domain, StringComparison.Ordinal)) return true;
            }
            return false;
        }

        private Uri? ProxyFor(Uri destination) => destination.Scheme == Uri.UriSchemeHttps ? _https : _http;

        private static bool IsLinkLocal(string host)
            => IPAddress.TryParse(host.Trim('[', ']'), out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
               && ip.GetAddressBytes()[0] == 169 && ip.GetAddressBytes()[1] == 254;

        private static (string Host, string? Port) SplitPort(string entry)
        {
            // "host:port", "[v6]:port"; a bare IPv6 address has more than one ':' and no port.
            if (entry.StartsWith("[", StringComparison.Ordinal))
            {
                var end = entry.IndexOf(']');
                var port = end >= 0 && end + 1 < entry.Length && entry[end + 1] == ':' ? entry.Substring(end + 2) : null;
                return (end > 0 ? entry.Substring(1, end - 1) : entry, port);
            }
            var colon = entry.LastIndexOf(':');
            if (colon > 0 && entry.IndexOf(':') == colon) return (entry.Substring(0, colon), entry.Substring(colon + 1));
            return (entry, null);
        }

        private static string? Variable(string lower, string upper, out string? name)
        {
            foreach (var n in new[] { lower, upper })
            {
                var value = Environment.GetEnvironmentVariable(n);
                if (!string.IsNullOrWhiteSpace(value))
                {
                    name = n;
                    return value.Trim();
                }
            }
            name = null;
            return null;
        }

        private static Uri? FromVariable(out string? name, string lower, string upper)
        {
            var text = Variable(lower, upper, out name);
            if (text == null) return null;
            // curl and Go take "host:port" without a scheme as http://host:port.
            if (!text.Contains("://")) text = "http://" + text;
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                throw new ArgumentException($"{name} is not a usable proxy address (expected http://host:port).");
            return uri;
        }

        private static Uri WithoutUserInfo(Uri uri, out NetworkCredential? credential)
        {
            credential = null;
            if (string.IsNullOrEmpty(uri.UserInfo)) return uri;
            var parts = uri.UserInfo.Split(new[] { ':' }, 2);
            credential = new NetworkCredential(Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "");
            return new UriBuilder(uri) { UserName = "", Password = "" }.Uri;
        }

        private static string Display(Uri uri) => uri.GetLeftPart(UriPartial.Authority);

        /// <summary>
        /// Gives the session's handler our proxy when there is one. Without -Proxy and without the variables the
        /// handler keeps the platform default (on Windows the system proxy, in both editions).
        /// </summary>
        internal static void Apply(HttpClientHandler handler, ProxySettings? proxy)
        {
            if (proxy == null) return;
            handler.UseProxy = true;
            handler.Proxy = proxy;
        }
    }
}
