using System;
using System.Collections.Generic;
using System.Linq;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.RateLimiting;

namespace MetaStudio.Bench
{
    /// <summary>
    /// A loop of reads (ShowAsset, 20/s in cn-north-4) or writes (UpdateDigitalAsset, 10/s) for a fixed time on
    /// loopback, with the client's limiter and the emulator's bucket both on: once a strict bucket with no burst
    /// (EmulatorOptions.RateLimitBurst 0, calls must be 1/limit apart) and once one that lets a full second of calls
    /// through at once (1, the default). The figure is the successful calls as a fraction of what that bucket allows
    /// over the same time (burst + limit × elapsed), and how many calls it refused (429).
    /// </summary>
    public static class SustainedBench
    {
        private const string Region = "cn-north-4";

        private static readonly (string Kind, OperationId Operation, string Call)[] Kinds =
        {
            ("reads", OperationId.ShowAsset, "$null = Get-MsAsset -AssetId $id"),
            ("writes", OperationId.UpdateDigitalAsset, "$null = Set-MsAsset -AssetId $id -Description \"d$n\""),
        };

        private static readonly (string Name, double Burst)[] Buckets =
        {
            ("strict bucket, no burst", 0),
            ("bucket with its full burst (1 s of calls)", 1),
        };

        public static IEnumerable<BenchRow> Run()
        {
            var seconds = Bench.Scaled(5, 2);
            var runs = Bench.Scaled(3, 1);
            foreach (var (kind, operation, call) in Kinds)
            foreach (var (bucketName, burst) in Buckets)
            {
                var op = OperationCatalog.Get(operation);
                var limit = op.RateLimit(Region);
                var capacity = Math.Max(1, limit * burst);
                // Each row is another service (a new emulator with its own kind of bucket), so the process's limiter
                // starts afresh: what it learnt of the strict bucket (no burst) must not carry into the bursty row.
                MsRateLimiters.Shared.Clear();
                using var lab = Lab.Start(new EmulatorOptions { RateLimitBurst = burst }, region: Region);
                var (emulator, shell) = (lab.Emulator, lab.Shell);
                var vars = new Dictionary<string, object> { ["id"] = Seed.Assets(emulator, 1, "bench-sustained")[0], ["t"] = seconds };
                var script = $"$sw = [Diagnostics.Stopwatch]::StartNew(); $n = 0; while ($sw.Elapsed.TotalSeconds -lt $t) {{ {call}; $n++ }}";
                // One untimed call first: the cmdlet's first use in the process compiles its code path (a few hundred
                // ms, the import and per-call rows' subject), which a sustained rate over 5 s is not about.
                shell.Run("$n = 0; " + call, vars);
                var rates = new List<double>();
                var allowed = new List<double>();
                var refused = 0;
                var fractions = Bench.Samples(0, runs, _ =>
                {
                    Bench.Refill();
                    emulator.Log.Clear();
                    var elapsed = shell.Time(script, vars) / 1000;
                    var ok = emulator.Log.All.Count(e => e.Operation == op.Name && e.Status == 200);
                    refused += emulator.Log.All.Count(e => e.Status == 429);
                    var allowance = capacity + limit * elapsed;
                    rates.Add(ok / elapsed);
                    allowed.Add(allowance / elapsed);
                    return ok / allowance;
                });
                yield return new BenchRow("sustained", $"{kind} ({operation}) for {seconds} s, {bucketName}", "/s", Stat.Of(rates),
                    "what the bucket allows (burst + limit × t)", Stat.Of(allowed), "/s", Stat.Of(fractions), " of allowed", Target.Min(0.95, "item 3"),
                    $"published limit {limit}/s ({Region}); {refused} × 429 in {runs} runs");
            }
        }
    }
}
