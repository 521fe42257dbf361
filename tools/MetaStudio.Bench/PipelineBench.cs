using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.PowerShell;
using MetaStudio.PowerShell.Core.Auth;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Http;

namespace MetaStudio.Bench
{
    /// <summary>
    /// The module's own cost per call, with the network taken out: MsClient.SendAsync(ShowAsset) against an in-memory
    /// handler that answers at once, limits off. CPU time and allocated bytes per call depend little on what else the
    /// machine runs, so they compare two builds of the request path better than wall time does on a shared machine.
    /// </summary>
    public static class PipelineBench
    {
        private const int Calls = 20000;

        private sealed class Canned : HttpMessageHandler
        {
            private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"asset_id\":\"a1\",\"asset_name\":\"bench\",\"asset_state\":\"ACTIVED\"}");

            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(Body), RequestMessage = request };
                response.Headers.TryAddWithoutValidation("X-Request-Id", "r");
                return Task.FromResult(response);
            }
        }

        public static IEnumerable<BenchRow> Run()
        {
            var calls = Bench.Scaled(20000, 2000);
            var settings = new SessionSettings { RateLimitScale = 0 };
            var endpoint = new Uri("http://127.0.0.1:9/");
            using var session = new MsSession("cn-north-4", endpoint, endpoint, new AkSkCredential("AK", SecretText.ToSecureString("SK")),
                "p1", null, "Bench", settings, new Canned());
            var client = session.Client;
            var ctx = CallContext.None();
            var cpu = new List<double>();
            var bytes = new List<double>();
            var wall = Bench.Samples(1, Bench.Scaled(5, 2), run =>
            {
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                var ms = Bench.Ms(() => Task.Run(async () =>
                {
                    for (var i = 0; i < calls; i++)
                        await client.SendAsync(new MsRequest(OperationId.ShowAsset).WithPath("asset_id", "a1"), ctx).ConfigureAwait(false);
                }).GetAwaiter().GetResult());
                if (run >= 0)
                {
                    bytes.Add((GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)calls);
                    cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds * 1000 / calls);
                }
                return ms * 1000 / calls;
            });
            yield return new BenchRow("request path", $"MsClient.SendAsync(ShowAsset), in-memory transport, limits off ({calls} per run): wall", "µs/call", Stat.Of(wall),
                "", null, "", null, "", null, $"≈ {Bench.Num(1e6 / Stat.Of(wall).Median)} calls/s; CPU {Stat.Of(cpu).Text("µs/call")}; allocated {Stat.Of(bytes).Text("B/call")}");

            // The whole cmdlet on the same transport, in a hosted runspace, beside one of PowerShell's own compiled
            // cmdlets: what PowerShell and the cmdlet add to the request path, with no network.
            using var shell = new Shell();
            var loops = Bench.Scaled(5000, 500);
            var vars = new Dictionary<string, object> { ["s"] = session, ["n"] = loops };
            var (cmdlet, trivial) = Bench.Paired(Bench.Scaled(4, 1), Bench.Scaled(9, 2),
                _ => shell.Time("foreach ($i in 1..$n) { $null = Get-MsAsset -AssetId a1 -Session $s }", vars) * 1000 / loops,
                _ => shell.Time("foreach ($i in 1..$n) { $null = Get-Date }", vars) * 1000 / loops);
            yield return new BenchRow("request path", $"`Get-MsAsset -AssetId -Session` on that transport, a loop of {loops} in a hosted runspace", "µs/call", Stat.Of(cmdlet),
                "`Get-Date` in the same loop", Stat.Of(trivial), "µs/call", null, "", null,
                "the cmdlet's own cost beyond the network (the answer decoded, checked and written); the comparator is what calling a small compiled cmdlet costs in PowerShell");
        }
    }
}
