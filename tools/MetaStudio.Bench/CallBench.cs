using System;
using System.Collections.Generic;
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
    /// own cost, against a hand-written signed HttpClient loop over the same emulator. The target row is issue 13's own
    /// measure: `Get-MsAsset -AssetId` in a loop of a real pwsh, the service in a process of its own. The other rows
    /// take it apart: the hand-written call in the same pwsh, taking turns with the target loop, alone and after a
    /// `Get-Date` (what any pwsh loop, and any cmdlet call in it, costs with no module code), the target row against the
    /// `Get-Date` row (the module's own part), the hand-written call sent synchronously from one
    /// thread here (what waiting on a thread costs), the same loop in a runspace hosted here (the emulator in a process
    /// of its own, then in this one), the target loop against a service that answers after NearMs (where users feel
    /// it), and MsClient.SendAsync alone.
    /// <para>
    /// Every side is warmed up for many batches first: the JIT tiers a method up only once no new method has been
    /// compiled for a while, and the cmdlet's path has far more methods than the raw loop, so a short warm-up measures
    /// the module's code half-compiled (in one pwsh, 0.5 ms per call over the first 8,000 calls, 0.2 ms after). Many
    /// short pairs rather than a few long ones: on 2 cores the raw loop swings between 0.08 and 0.3 ms per call with
    /// how its threads and the service's happen to meet, and the median of many pairs moves less.
    /// </para>
    /// </summary>
    public static class CallBench
    {
        /// <summary>The module's side of every loop row, in the real pwsh too (PwshLoop): $n calls of one asset ($id) in one script.</summary>
        internal const string CmdletLoop = "foreach ($i in 1..$n) { $null = Get-MsAsset -AssetId $id }";

        public static IEnumerable<BenchRow> Run()
        {
            var calls = Bench.Scaled(500, 100);
            var warmups = Bench.Scaled(24, 1);
            var runs = Bench.Scaled(31, 2);

            // The service in a process of its own, as a real one is (it still shares the 2 cores).
            using var child = ChildEmulator.Start("--no-rate-limits");
            if (child != null)
            {
                using var childRaw = Shell.Raw(child.Endpoint);
                // Beside the target loop, the same shell runs the hand-written call with no module code: alone (the
                // pipeline thread must wait for each answer in any pwsh loop), and after a compiled cmdlet that makes no
                // request (`Get-Date`: what calling any cmdlet adds between two answers). All three take turns in one
                // process with the comparator, round by round, so their figures can be divided: the target row less the
                // Get-Date row is the module's own part, the Get-Date row less the hand-written one PowerShell's.
                var path = childRaw.PathOf(OperationId.ShowAsset, ("asset_id", "$id"));
                string HandWritten(string before) =>
                    $"$path = \"{path}\"; foreach ($i in 1..$n) {{ {before}$null = [MetaStudio.Bench.Raw.RawCalls]::ShowAssetAt($raw, $path) }}";
                using (var pwsh = PwshLoop.Start(child.Endpoint, new[] { CmdletLoop, HandWritten(""), HandWritten("$null = Get-Date; ") }, childRaw))
                {
                    if (pwsh != null)
                    {
                        var (shellCpu, rawCpu) = (new List<double>(), new List<double>());
                        var sides = Bench.Interleaved(warmups, runs,
                            run => Keep(run, shellCpu, pwsh.Run(calls, 0), calls),
                            run => pwsh.Run(calls, 1).Ms / calls,
                            run => pwsh.Run(calls, 2).Ms / calls,
                            run => Keep(run, rawCpu, Cpu(() => RawLoop(childRaw, pwsh.AssetId, calls)), calls));
                        var (shell, handWritten, afterGetDate, raw) = (sides[0], sides[1], sides[2], sides[3]);
                        yield return Row($"`Get-MsAsset -AssetId`, a loop of {calls} in a real pwsh (`dotnet pwsh`), the emulator in a process of its own, limits off",
                            shell, raw, Target.Max(1.25, "item 2"),
                            $"≈ {Bench.Num(1000 / Stat.Of(shell).Median)} calls per second; issue 13 measured in real pwsh, 0.74 vs 0.29 ms; {warmups} batches of warm-up on each side, {runs} rounds; " +
                            $"CPU per call of the client's process {Stat.Of(shellCpu).Text("ms")} vs {Stat.Of(rawCpu).Text("ms")} raw (the emulator's not included)");
                        yield return Row("the hand-written call (HttpClient.Send) in the same pwsh, taking turns with the target loop: no module code, the pipeline thread waits for each answer",
                            handWritten, raw, null,
                            "what a loop in a real pwsh that waits for each answer pays with no module code; the target row less this one is the cmdlet's own cost " +
                            "(PowerShell's command call and the module's path); no target");
                        yield return Row("`Get-Date`, then the hand-written call, in the same pwsh, taking turns with the target loop: a compiled cmdlet that makes no request beside each call",
                            afterGetDate, raw, null,
                            "what calling a cmdlet at all adds between two answers, with no module code (compare `Get-Date` alone in the pipeline rows); no target");
                        yield return new BenchRow("per call", "the module's own part: the target row against the `Get-Date` row, round by round", "ms/call", Stat.Of(shell),
                            "`Get-Date`, then the hand-written call (the row above)", Stat.Of(afterGetDate), "ms/call",
                            Stat.Of(Bench.Ratios(shell, afterGetDate)), "× the Get-Date row", null,
                            "both a cmdlet call and a request per item, in the same process and round: what is left is the module's code; no target");
                    }
                }

                using var childShell = Shell.Connected(child.Endpoint, rateLimitScale: 0);
                var childId = childShell.Run("(New-MsAsset -Name \"bench-call-$([guid]::NewGuid().ToString('N'))\" -Type IMAGE).AssetId")[0].ToString()!;
                var childVars = new Dictionary<string, object> { ["id"] = childId, ["n"] = calls };
                // Hand-written both ways: what waiting for each answer on one thread costs, with no module code at all.
                var (blocking, rawS) = Bench.Paired(warmups, runs, _ => OnThread(() => Bench.Ms(() =>
                    {
                        for (var i = 0; i < calls; i++) RawCalls.ShowAsset(childRaw, childId);
                    })) / calls, RawPerCall(childRaw, childId, calls));
                yield return Row("the hand-written call sent synchronously (HttpClient.Send) in a loop on one thread, as a pipeline thread waits; the emulator in a process of its own",
                    blocking, rawS, null, "no module code on either side: the cost of waiting on a thread rather than in an async loop, which every pwsh loop pays; no target");

                var (hosted, rawB) = Bench.Paired(warmups, runs, _ => childShell.Time(CmdletLoop, childVars) / calls, RawPerCall(childRaw, childId, calls));
                yield return Row("`Get-MsAsset -AssetId` in a runspace this process hosts, the emulator in a process of its own", hosted, rawB, null,
                    "the hosting process has 32 thread-pool threads kept ready (for its own emulator in other rows); no target of its own");
            }

            foreach (var row in NearRegion()) yield return row;

            using var lab = Lab.Start(new EmulatorOptions { EnforceRateLimits = false }, rateLimitScale: 0);
            var id = Seed.Assets(lab.Emulator, 1, "bench-call")[0];
            var vars = new Dictionary<string, object> { ["id"] = id, ["n"] = calls };
            var (inProcess, rawC) = Bench.Paired(warmups, runs, _ => lab.Shell.Time(CmdletLoop, vars) / calls, RawPerCall(lab.Raw, id, calls));
            yield return Row("the same hosted loop, the emulator in this process", inProcess, rawC, null,
                "the service shares the client's thread pool and socket thread: a pipeline thread that waits for an answer waits behind the service's own work; no target of its own");

            var client = lab.Shell.Session.Client;
            var (direct, rawD) = Bench.Paired(warmups, runs, _ => Bench.Ms(() => Loop(calls, () =>
                client.SendAsync<MsAsset>(new MsRequest(OperationId.ShowAsset).WithPath("asset_id", id), CallContext.None()))) / calls, RawPerCall(lab.Raw, id, calls));
            yield return Row("MsClient.SendAsync(ShowAsset) + decode, no PowerShell, the emulator in this process", direct, rawD, null,
                "the module's HTTP path alone: what is left of the cmdlet's cost without the pipeline");
        }

        /// <summary>Milliseconds after its request that the near-region row's service sends each answer (the emulator's --latency).</summary>
        private const int NearMs = 5;

        /// <summary>
        /// The target loop where users feel it: every real call crosses a network, here a service that answers each
        /// ShowAsset NearMs after its request, as a region close by would; the same kind of real pwsh, and the hand-written loop.
        /// Fewer, shorter batches: each call waits NearMs, so the module's cost is a small part of the figure.
        /// </summary>
        private static IEnumerable<BenchRow> NearRegion()
        {
            var calls = Bench.Scaled(100, 20);
            var (warmups, runs) = (Bench.Scaled(4, 1), Bench.Scaled(11, 2));
            using var child = ChildEmulator.Start($"--no-rate-limits --latency ShowAsset={NearMs}");
            if (child == null) yield break;
            using var raw = Shell.Raw(child.Endpoint);
            using var pwsh = PwshLoop.Start(child.Endpoint, new[] { CmdletLoop });
            if (pwsh == null) yield break;
            var (shell, rawSide) = Bench.Paired(warmups, runs, _ => pwsh.Run(calls).Ms / calls, RawPerCall(raw, pwsh.AssetId, calls));
            yield return Row($"`Get-MsAsset -AssetId`, a loop of {calls} in a real pwsh, each answer {NearMs} ms after its request (a region close by)",
                shell, rawSide, null, $"what a user's loop sees once a network is between: the module's cost per call against {NearMs} ms of waiting; " +
                $"{warmups} batches of warm-up on each side, {runs} pairs; no target");
        }

        /// <summary>A row of this scenario: the module's ms per call beside the hand-written loop's, paired run by run.</summary>
        private static BenchRow Row(string scenario, double[] module, double[] raw, Target? target, string notes)
            => new("per call", scenario, "ms/call", Stat.Of(module), "raw signed HttpClient loop", Stat.Of(raw), "ms/call",
                Stat.Of(Bench.Ratios(module, raw)), "× raw", target, notes);

        /// <summary>A side of Bench.Paired: ms per call of the hand-written loop of <paramref name="calls"/> against the emulator behind <paramref name="raw"/>.</summary>
        private static Func<int, double> RawPerCall(RawClient raw, string assetId, int calls) => _ => RawLoop(raw, assetId, calls) / calls;

        /// <summary>The hand-written loop: <paramref name="calls"/> ShowAsset calls; its wall time in ms.</summary>
        private static double RawLoop(RawClient raw, string assetId, int calls) => Bench.Ms(() => Loop(calls, () => RawCalls.ShowAssetAsync(raw, assetId)));

        /// <summary>Runs <paramref name="body"/> on a thread of its own, as a runspace runs a pipeline, and returns what it returns.</summary>
        private static double OnThread(Func<double> body)
        {
            var result = 0.0;
            var thread = new System.Threading.Thread(() => result = body());
            thread.Start();
            thread.Join();
            return result;
        }

        /// <summary>Runs <paramref name="body"/> (which returns its wall time in ms); its wall and this process's CPU time in ms.</summary>
        private static (double Ms, double CpuMs) Cpu(Func<double> body)
        {
            var before = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            var ms = body();
            return (ms, (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - before).TotalMilliseconds);
        }

        /// <summary>Wall ms per call of one batch; its CPU per call is kept in <paramref name="cpu"/> past the warm-up.</summary>
        private static double Keep(int run, List<double> cpu, (double Ms, double CpuMs) batch, int calls)
        {
            if (run >= 0) cpu.Add(batch.CpuMs / calls);
            return batch.Ms / calls;
        }

        private static void Loop<T>(int count, Func<Task<T>> call)
        {
            Task.Run(async () =>
            {
                for (var i = 0; i < count; i++) await call().ConfigureAwait(false);
            }).GetAwaiter().GetResult();
        }
    }
}
