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

        public static async Task<IEnumerable<BenchResult>> RunAsync()
        {
            var settings = new SessionSettings { RateLimitScale = 0 };
            var endpoint = new Uri("http://127.0.0.1:9/");
            using var session = new MsSession("cn-north-4", endpoint, endpoint, new AkSkCredential("AK", SecretText.ToSecureString("SK")),
                "p1", null, "Bench", settings, new Canned());
            var client = session.Client;
            var ctx = CallContext.None();
            var cpu = new List<double>();
            var bytes = new List<double>();
            var wall = await Bench.TimeAsync(1, 5, async run =>
            {
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                for (var i = 0; i < Calls; i++)
                    await client.SendAsync(new MsRequest(OperationId.ShowAsset).WithPath("asset_id", "a1"), ctx);
                if (run < 0) return;
                bytes.Add((GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)Calls);
                cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds * 1000 / Calls);
            });
            for (var i = 0; i < wall.Length; i++) wall[i] = wall[i] * 1000 / Calls;
            return new[]
            {
                Bench.Result("pipeline", $"MsClient.SendAsync(ShowAsset), in-memory transport ({Calls} per run): wall", wall, "µs/call", m => $"{1e6 / m:0} calls/s"),
                Bench.Result("pipeline", "the same: process CPU time", cpu, "µs/call", null),
                Bench.Result("pipeline", "the same: managed bytes allocated", bytes, "B/call", null),
            };
        }
    }
}
