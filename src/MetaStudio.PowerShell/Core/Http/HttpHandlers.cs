using System;
using System.Net;
using System.Net.Http;
using System.Runtime.InteropServices;
using System.Security.Authentication;

namespace MetaStudio.PowerShell.Core.Http
{
    /// <summary>
    /// The one place the module's HTTP handler is made (each session's HttpClient). On .NET Framework
    /// (Windows PowerShell 5.1) it is also where the defaults that break common machines are fixed, for the
    /// module's connections only: TLS 1.2 (and 1.3 where the OS has it) and more than 2 connections per server.
    /// </summary>
    internal static class HttpHandlers
    {
        /// <summary>
        /// At least the largest parallelism the module uses against one server: Send-MsAssetFile -ThrottleLimit
        /// (up to 32 parts at once to one storage host), and job waits, which read the status of every pending
        /// job at once, spaced by the rate limiter (the largest per-region limit is 20/s). A guard test keeps
        /// this above both.
        /// </summary>
        public const int MinConnectionsPerServer = 32;

        /// <summary>TLS 1.3's value, which netstandard2.0's SslProtocols does not name (.NET Framework 4.8 does).</summary>
        internal const SslProtocols Tls13 = (SslProtocols)12288;

        internal static bool IsNetFramework { get; } = RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

        public static HttpClientHandler Create()
        {
            var handler = new HttpClientHandler
            {
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            };
            if (IsNetFramework) HardenForNetFramework(handler, ServicePointManager.SecurityProtocol, ServicePointManager.DefaultConnectionLimit, Tls13Available());
            return handler;
        }

        /// <summary>
        /// .NET Framework only (.NET decides both well by itself: the OS's TLS versions, unlimited connections).
        /// Per handler, so nothing else in the process changes; both properties need .NET Framework 4.7.2
        /// (the manifest's DotNetFrameworkVersion).
        /// </summary>
        internal static void HardenForNetFramework(HttpClientHandler handler, SecurityProtocolType processProtocols, int processConnectionLimit, bool tls13Available)
        {
            handler.SslProtocols = SslProtocolsFor(processProtocols, tls13Available);
            handler.MaxConnectionsPerServer = ConnectionsPerServer(processConnectionLimit);
        }

        /// <summary>
        /// The protocols for the module's connections, never fewer than the process allows: SystemDefault (0)
        /// stays "let the OS choose" (which includes TLS 1.2 wherever the OS supports it); an explicit set, such as
        /// Windows PowerShell's Ssl3|Tls on Server 2016, keeps what it has and gains TLS 1.2, and TLS 1.3 where
        /// available. SecurityProtocolType and SslProtocols use the same bit values.
        /// </summary>
        internal static SslProtocols SslProtocolsFor(SecurityProtocolType processProtocols, bool tls13Available)
        {
            if (processProtocols == 0) return SslProtocols.None;
            var protocols = (SslProtocols)(int)processProtocols | SslProtocols.Tls12;
            return tls13Available ? protocols | Tls13 : protocols;
        }

        internal static int ConnectionsPerServer(int processConnectionLimit) => Math.Max(processConnectionLimit, MinConnectionsPerServer);

        /// <summary>
        /// TLS 1.3 on .NET Framework needs a framework that names it (4.8) and a Windows whose SChannel speaks it by
        /// default (Windows Server 2022 / Windows 11, build 20348 and later); older SChannel is not asked for it.
        /// </summary>
        internal static bool Tls13Available()
            => Enum.IsDefined(typeof(SslProtocols), Tls13)
               && RuntimeInformation.IsOSPlatform(OSPlatform.Windows)
               && Environment.OSVersion.Version.Build >= 20348;
    }
}
