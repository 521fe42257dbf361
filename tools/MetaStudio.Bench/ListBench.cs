using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using MetaStudio.Bench.Raw;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Core.Cmdlets;

namespace MetaStudio.Bench
{
    /// <summary>
    /// A long listing on loopback with limits off: `Get-MsAsset` streaming every asset of a 100k-asset project, page by
    /// page (100 per page), against a hand-written pager that reads the same pages from the same emulator.
    /// </summary>
    public static class ListBench
    {
        public static IEnumerable<BenchRow> Run()
        {
            var items = Bench.Scaled(100_000, 10_000);
            var runs = Bench.Scaled(5, 1);
            using var lab = Lab.Start(new EmulatorOptions { EnforceRateLimits = false }, rateLimitScale: 0);
            var (emulator, shell, raw) = (lab.Emulator, lab.Shell, lab.Raw);
            Seed.Assets(emulator, items, "bench-list");
            const int warm = 5000;
            double Listing(int i)
            {
                var n = i < 0 ? warm : items;
                GC.Collect();
                emulator.Log.Clear();
                var ms = shell.Time(i < 0 ? $"$null = Get-MsAsset -First {warm}" : "$null = Get-MsAsset");
                // Output is discarded (as in `$null = ...`), so count what was fetched: every page, once.
                var pages = emulator.Log.Count("ListAssets");
                if (i >= 0 && pages != (items + 99) / 100) throw new InvalidOperationException($"Get-MsAsset read {pages} pages for {items} assets.");
                return n / (ms / 1000);
            }
            var (module, rawRates) = Bench.Paired(1, runs, Listing,
                i =>
                {
                    var n = 0;
                    GC.Collect();
                    var ms = Bench.Ms(() => n = Task.Run(() => RawCalls.ListAllAssetsAsync(raw, i < 0 ? warm : int.MaxValue)).GetAwaiter().GetResult());
                    if (i >= 0 && n != items) throw new InvalidOperationException($"The raw pager saw {n} of {items} assets.");
                    return n / (ms / 1000);
                });
            yield return new BenchRow("listing", $"`Get-MsAsset` (list) of {items:#,0} assets, 100 per page, loopback, limits off", "items/s", Stat.Of(module),
                "raw HttpClient pager", Stat.Of(rawRates), "items/s", Stat.Of(Bench.Ratios(module, rawRates)), "× raw", Target.Min(0.8, "item 2"),
                "issue 13 saw 19.6k vs 42.8k items/s");
            // What reading pages ahead gains, in the same minutes: the same listing with it turned off.
            var (ahead, sequential) = Bench.Paired(0, runs, Listing, i =>
            {
                MsCmdlet.PageReadAhead = false;
                try { return Listing(i); }
                finally { MsCmdlet.PageReadAhead = true; }
            });
            yield return new BenchRow("listing", $"`Get-MsAsset` (list) of {items:#,0} assets, {MsCmdlet.PagesAhead} pages read ahead vs none", "items/s", Stat.Of(ahead),
                "the same, no read-ahead", Stat.Of(sequential), "items/s", Stat.Of(Bench.Ratios(ahead, sequential)), "× none", null,
                "what the read-ahead gains");
        }
    }
}
