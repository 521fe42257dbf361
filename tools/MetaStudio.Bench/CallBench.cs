using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using MetaStudio.Bench.Raw;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Assets;
using MetaStudio.PowerShell.Core.Http;

namespace MetaStudio.Bench
{
    /// <summary>
    /// Per call on loopback with every limit off (client scale 0, emulator gate off), so what is left is each side's
    /// own cost: `Get-MsAsset -AssetId` in a loop of a hosted runspace, and MsClient.SendAsync alone, each against a
    /// hand-written signed HttpClient loop over the same emulator.
    /// </summary>
    public static class CallBench
    {
        /// <summary>The module's side of every per-call row: $n calls of one asset ($id) in one script.</summary>
        private const string CmdletLoop = "foreach ($i in 1..$n) { $null = Get-MsAsset -AssetId $id }";

        public static IEnumerable<BenchRow> Run()
        {
            var calls = Bench.Scaled(300, 100);
            var runs = Bench.Scaled(9, 2);
            using var lab = Lab.Start(new EmulatorOptions { EnforceRateLimits = false }, rateLimitScale: 0);
            var (emulator, shell, raw) = (lab.Emulator, lab.Shell, lab.Raw);
            var id = Seed.Assets(emulator, 1, "bench-call")[0];
            var vars = new Dictionary<string, object> { ["id"] = id, ["n"] = calls };
            var client = shell.Session.Client;

            var (cmdletCpu, rawCpu) = (new List<double>(), new List<double>());
            // ms per call of the hand-written loop against one emulator.
            double RawOn(RawClient client, string assetId) => Bench.Ms(() => Loop(calls, () => RawCalls.ShowAssetAsync(client, assetId))) / calls;
            double Raw(int _) => RawOn(raw, id);
            var (cmdlet, rawA) = Bench.Paired(1, runs,
                run => Cpu(run, cmdletCpu, calls, () => shell.Time(CmdletLoop, vars)) / calls,
                run => Cpu(run, rawCpu, calls, () => Raw(run) * calls) / calls);
            var (direct, rawB) = Bench.Paired(1, runs, _ => Bench.Ms(() => Loop(calls, () =>
                client.SendAsync<MsAsset>(new MsRequest(OperationId.ShowAsset).WithPath("asset_id", id), CallContext.None()))) / calls, Raw);

            const string comparator = "raw signed HttpClient loop";
            yield return new BenchRow("per call", $"`Get-MsAsset -AssetId`, a loop of {calls} in one script, loopback, limits off", "ms/call", Stat.Of(cmdlet),
                comparator, Stat.Of(rawA), "ms/call", Stat.Of(Bench.Ratios(cmdlet, rawA)), "× raw", Target.Max(1.25, "item 2"),
                $"≈ {Bench.Num(1000 / Stat.Of(cmdlet).Median)} calls per second; issue 13 saw 0.74 vs 0.29 ms; process CPU per call (the emulator's included) " +
                $"{Stat.Of(cmdletCpu).Text("ms")} vs {Stat.Of(rawCpu).Text("ms")} raw, which depends less than wall time on what else the machine runs");
            yield return new BenchRow("per call", $"MsClient.SendAsync(ShowAsset) + decode, no PowerShell ({calls} per run)", "ms/call", Stat.Of(direct),
                comparator, Stat.Of(rawB), "ms/call", Stat.Of(Bench.Ratios(direct, rawB)), "× raw", null,
                "the module's HTTP path alone: what is left of the cmdlet's cost without the pipeline");

            // The same loop against an emulator in its own process: the service's work then no longer shares this
            // process's thread pool and GC with the client, as a real service never does (it still shares the 2 cores).
            using var child = ChildEmulator.Start("--no-rate-limits");
            if (child == null) yield break;
            using var childShell = Shell.Connected(child.Endpoint, rateLimitScale: 0);
            using var childRaw = Shell.Raw(child.Endpoint);
            var childId = childShell.Run("(New-MsAsset -Name \"bench-call-$([guid]::NewGuid().ToString('N'))\" -Type IMAGE).AssetId")[0].ToString()!;
            var childVars = new Dictionary<string, object> { ["id"] = childId, ["n"] = calls };
            var (remote, rawC) = Bench.Paired(1, runs, _ => childShell.Time(CmdletLoop, childVars) / calls, _ => RawOn(childRaw, childId));
            yield return new BenchRow("per call", $"`Get-MsAsset -AssetId`, a loop of {calls}, the emulator in a process of its own (limits off)", "ms/call", Stat.Of(remote),
                comparator, Stat.Of(rawC), "ms/call", Stat.Of(Bench.Ratios(remote, rawC)), "× raw", null,
                "the first row's measure with the service out of the client's process; no target of its own");
        }

        /// <summary>Runs <paramref name="body"/> (which returns its wall time in ms) and adds the process's CPU time per call to <paramref name="cpu"/>, past the warm-up.</summary>
        private static double Cpu(int run, List<double> cpu, int calls, System.Func<double> body)
        {
            var before = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            var ms = body();
            if (run >= 0) cpu.Add((System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - before).TotalMilliseconds / calls);
            return ms;
        }

        private static void Loop<T>(int count, System.Func<Task<T>> call)
        {
            Task.Run(async () =>
            {
                for (var i = 0; i < count; i++) await call().ConfigureAwait(false);
            }).GetAwaiter().GetResult();
        }
    }
}
