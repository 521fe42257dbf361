using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Core.Catalog;

namespace MetaStudio.Bench
{
    /// <summary>
    /// Many ids or rows piped to one cmdlet over a far region: every answer leaves the emulator 100 ms after its
    /// request arrived (FaultOptions.Latency), both limiters are on (cn-north-4: ShowAsset 20/s, CreateDigitalAsset
    /// 10/s). The figure is the rate achieved as a fraction of the published limit; the comparator is what users
    /// write today to get there, ForEach-Object -Parallel (default throttle, 5) with the module autoloaded.
    /// </summary>
    public static class BulkBench
    {
        private const string Region = "cn-north-4";
        private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(100);

        public static IEnumerable<BenchRow> Run()
        {
            var reads = Bench.Scaled(200, 60);
            var creates = Bench.Scaled(60, 20);
            var runs = Bench.Scaled(3, 1);
            Shell.InstallForAutoload();
            using var lab = Lab.Start(new EmulatorOptions(), region: Region);
            var (emulator, shell) = (lab.Emulator, lab.Shell);
            emulator.Faults.Latency["ShowAsset"] = Latency;
            emulator.Faults.Latency["CreateDigitalAsset"] = Latency;
            var ids = Seed.Assets(emulator, reads, "bench-bulk").ToArray();
            shell.Run("$s = $MsSession");

            var readLimit = OperationCatalog.Get(OperationId.ShowAsset).RateLimit(Region);
            var throttled = new int[2];
            double Reads(int run, int side, string script)
            {
                var count = run < 0 ? 20 : reads; // warm-ups: JIT, connections, parallel runspaces' first import
                Bench.Refill();
                emulator.Log.Clear();
                var ms = shell.Time(script, new Dictionary<string, object> { ["ids"] = ids.Take(count).ToArray() });
                if (run >= 0) throttled[side] += emulator.Log.All.Count(e => e.Status == 429);
                return count / (ms / 1000);
            }
            var (module, parallel) = Bench.Paired(1, runs,
                i => Reads(i, 0, "$null = $ids | Get-MsAsset"),
                i => Reads(i, 1, "$null = $ids | ForEach-Object -Parallel { Get-MsAsset -Session $using:s -AssetId $_ }"));
            yield return Row($"`$ids | Get-MsAsset`, {reads} ids", "reads/s", module, parallel, readLimit, "ShowAsset", throttled);

            var createLimit = OperationCatalog.Get(OperationId.CreateDigitalAsset).RateLimit(Region);
            throttled = new int[2];
            var csv = Path.Combine(Path.GetTempPath(), $"ms-bench-rows-{Guid.NewGuid():N}.csv");
            double Creates(int run, int side, string script)
            {
                var count = run < 0 ? 10 : creates;
                File.WriteAllLines(csv, new[] { "Name,Type" }.Concat(Enumerable.Range(1, count).Select(i => $"bench-create-{side}-{run}-{i},IMAGE")));
                Bench.Refill();
                emulator.Log.Clear();
                var ms = shell.Time(script, new Dictionary<string, object> { ["csv"] = csv });
                if (run >= 0) throttled[side] += emulator.Log.All.Count(e => e.Status == 429);
                return count / (ms / 1000);
            }
            try
            {
                (module, parallel) = Bench.Paired(1, runs,
                    i => Creates(i, 0, "$null = Import-Csv $csv | New-MsAsset"),
                    i => Creates(i, 1, "$null = Import-Csv $csv | ForEach-Object -Parallel { New-MsAsset -Session $using:s -Name $_.Name -Type $_.Type }"));
            }
            finally
            {
                File.Delete(csv);
            }
            yield return Row($"`Import-Csv rows.csv | New-MsAsset` (bulk create), {creates} rows", "creates/s", module, parallel, createLimit, "CreateDigitalAsset", throttled);
        }

        private static BenchRow Row(string scenario, string unit, double[] module, double[] parallel, int limit, string operation, int[] throttled)
        {
            var fraction = module.Select(r => r / limit).ToArray();
            return new BenchRow("bulk", $"{scenario}, {Latency.TotalMilliseconds:0} ms per answer", unit, Stat.Of(module),
                "ForEach-Object -Parallel", Stat.Of(parallel), unit, Stat.Of(fraction), $" of the {limit}/s limit", Target.Min(0.9, "item 1"),
                $"{operation} {Region}; -Parallel reaches {Bench.Num(Stat.Of(parallel).Median / limit)} of the limit; 429s: {throttled[0]} module, {throttled[1]} -Parallel");
        }
    }
}
