using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Core.Http;

namespace MetaStudio.Bench
{
    /// <summary>
    /// Round trips with every limit off (client scale 0, emulator gate off), so what is left is the
    /// module's own per-call cost: signing, HTTP, JSON, and for the cmdlet the PowerShell pipeline.
    /// </summary>
    public static class CallBench
    {
        private const int CmdletCalls = 100;
        private const int DirectCalls = 300;

        public static async Task<IEnumerable<BenchResult>> RunAsync()
        {
            await using var emulator = await EmulatorHost.StartAsync(new EmulatorOptions { EnforceRateLimits = false });
            using var shell = Shell.Connected(emulator.BaseUri, rateLimitScale: 0);
            var id = shell.Run("(New-MsAsset -Name 'bench-call' -Type IMAGE).AssetId")[0].ToString();
            var vars = new Dictionary<string, object> { ["id"] = id };

            // Each call is its own pipeline, as when a user types it or a script calls it in a loop.
            var cmdlet = Bench.Time(1, 5, _ =>
            {
                for (var i = 0; i < CmdletCalls; i++) shell.Run("Get-MsAsset -AssetId $id", vars);
            }).Select(ms => ms / CmdletCalls).ToArray();

            var client = shell.Session.Client;
            var direct = (await Bench.TimeAsync(1, 5, async _ =>
            {
                for (var i = 0; i < DirectCalls; i++)
                    await client.SendAsync(new MsRequest(OperationId.ShowAsset).WithPath("asset_id", id), CallContext.None());
            })).Select(ms => ms / DirectCalls).ToArray();

            return new[]
            {
                Bench.Result("call", $"Get-MsAsset -AssetId x, one pipeline per call ({CmdletCalls} per run)", cmdlet, "ms/call", m => $"{1000 / m:0} calls/s"),
                Bench.Result("call", $"MsClient.SendAsync(ShowAsset) directly ({DirectCalls} per run)", direct, "ms/call", m => $"{1000 / m:0} calls/s"),
            };
        }
    }
}
