using System.Globalization;
using System;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Net.Http;
using System.Reflection;
using System.Security.Authentication;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Tests.Module;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Core
{
    /// <summary>
    /// The handler every session uses, and the Windows PowerShell 5.1 hardening: its decisions run here; the
    /// .NET Framework itself only on Windows (DEVELOPING.md, "Verify on Windows PowerShell 5.1").
    /// </summary>
    public class HttpHandlersTests
    {
        [Fact]
        public void On_dotnet_the_handler_keeps_the_runtimes_own_tls_and_connection_defaults()
        {
            Assert.False(HttpHandlers.IsNetFramework);
            using var handler = HttpHandlers.Create();
            Assert.False(handler.AllowAutoRedirect);
            Assert.Equal(DecompressionMethods.GZip | DecompressionMethods.Deflate, handler.AutomaticDecompression);
            Assert.Equal(SslProtocols.None, handler.SslProtocols);          // the OS chooses
            Assert.Equal(int.MaxValue, handler.MaxConnectionsPerServer);    // unlimited: never lowered
        }

        // The old protocols are what these tests feed in on purpose: a Windows PowerShell 5.1 process that still allows them.
#pragma warning disable CS0618, SYSLIB0039, CA5364, CA5397
        [Theory]
        // Windows PowerShell on Server 2016 (Ssl3|Tls): TLS 1.2 added, nothing the process allows taken away.
        [InlineData(SecurityProtocolType.Ssl3 | SecurityProtocolType.Tls, false, SslProtocols.Ssl3 | SslProtocols.Tls | SslProtocols.Tls12)]
        [InlineData(SecurityProtocolType.Tls | SecurityProtocolType.Tls11, true, SslProtocols.Tls | SslProtocols.Tls11 | SslProtocols.Tls12 | SslProtocols.Tls13)]
        [InlineData(SecurityProtocolType.Tls12, false, SslProtocols.Tls12)]
        // A user who chose TLS 1.3 only keeps it, even where we would not have asked for it.
        [InlineData(SecurityProtocolType.Tls13, false, SslProtocols.Tls12 | SslProtocols.Tls13)]
        // SystemDefault: the OS decides (TLS 1.2 and 1.3 wherever it supports them); pinning a set would lower it.
        [InlineData(SecurityProtocolType.SystemDefault, true, SslProtocols.None)]
        public void Tls_for_the_modules_connections_adds_1_2_and_1_3_and_never_lowers(SecurityProtocolType process, bool tls13, SslProtocols expected)
        {
            Assert.Equal(expected, HttpHandlers.SslProtocolsFor(process, tls13));
        }

        [Theory]
        [InlineData(2, HttpHandlers.MinConnectionsPerServer)]   // .NET Framework's default for a desktop process
        [InlineData(10, HttpHandlers.MinConnectionsPerServer)]
        [InlineData(500, 500)]                                   // what the user raised stays
        public void Connections_per_server_are_never_fewer_than_the_module_uses(int process, int expected)
        {
            Assert.Equal(expected, HttpHandlers.ConnectionsPerServer(process));
        }

        [Fact]
        public void The_net_framework_settings_reach_the_handler()
        {
            using var handler = new HttpClientHandler();
            HttpHandlers.HardenForNetFramework(handler, SecurityProtocolType.Ssl3 | SecurityProtocolType.Tls, 2, tls13Available: false);
            Assert.Equal(SslProtocols.Ssl3 | SslProtocols.Tls | SslProtocols.Tls12, handler.SslProtocols);
            Assert.Equal(HttpHandlers.MinConnectionsPerServer, handler.MaxConnectionsPerServer);
        }
#pragma warning restore CS0618, SYSLIB0039, CA5364, CA5397

        [Fact]
        public void The_connection_floor_covers_every_parallelism_the_module_uses()
        {
            // Parallel parts: every cmdlet parameter named ThrottleLimit, at its largest allowed value.
            var throttles = typeof(MsSession).Assembly.GetTypes()
                .Where(t => typeof(Cmdlet).IsAssignableFrom(t))
                .SelectMany(t => t.GetProperties())
                .Where(p => p.Name == "ThrottleLimit")
                .Select(p => new { Where = $"{p.DeclaringType?.Name}.{p.Name}", Max = p.GetCustomAttribute<ValidateRangeAttribute>()?.MaxRange })
                .ToList();
            Assert.NotEmpty(throttles);
            ModuleFacts.AssertNone(throttles.Where(t => t.Max is null || Convert.ToInt32(t.Max, CultureInfo.InvariantCulture) > HttpHandlers.MinConnectionsPerServer).Select(t => $"{t.Where} up to {t.Max}"),
                $"ThrottleLimit allows more parallel requests than {nameof(HttpHandlers.MinConnectionsPerServer)}");
            // Job waits read all pending statuses at once, spaced by the operation's rate limit.
            var fastest = OperationCatalog.All.SelectMany(o => Regions.Known.Select(r => o.RateLimit(r))).Max();
            Assert.True(fastest <= HttpHandlers.MinConnectionsPerServer, $"The catalog's largest rate ({fastest}/s) is above the connection floor");
        }
    }
}
