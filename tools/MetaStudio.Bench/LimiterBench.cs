using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Core.Catalog;

namespace MetaStudio.Bench
{
    /// <summary>
    /// A burst of creates against a low published limit with both limiters on: the client should
    /// pace itself close to the limit without the service ever answering 429.
    /// </summary>
    public static class LimiterBench
    {
        private const int Burst = 30;
        private const int Runspaces = 4;
        private const string Region = "cn-east-3";

        public static async Task<IEnumerable<BenchResult>> RunAsync()
        {
            var limit = OperationCatalog.Get(OperationId.CreateDigitalAsset).RateLimit(Region);
            await using var emulator = await EmulatorHost.StartAsync(new EmulatorOptions());
            using var first = Shell.Connected(emulator.BaseUri, Region);
            var session = first.Session;
            var shells = new List<Shell> { first };
            for (var i = 1; i < Runspaces; i++) shells.Add(new Shell());
            try
            {
                var one = TimeBurst(emulator, _ => Task.Run(() => first.Run(Creates(Burst, "one"), Vars(session))));
                var four = TimeBurst(emulator, _ => Task.WhenAll(shells.Select((s, i) =>
                    Task.Run(() => s.Run(Creates(Burst / Runspaces + (i < Burst % Runspaces ? 1 : 0), "four" + i), Vars(session))))));
                return new[]
                {
                    Summary($"{Burst} New-MsAsset in {Region} (limit {limit:0}/s), 1 runspace", one, limit),
                    Summary($"the same {Burst} spread over {Runspaces} runspaces sharing one session", four, limit),
                };
            }
            finally
            {
                foreach (var s in shells.Skip(1)) s.Dispose();
            }
        }

        private static Dictionary<string, object> Vars(object session) => new() { ["s"] = session };

        private static string Creates(int count, string prefix)
            => $"foreach ($i in 1..{count}) {{ $null = New-MsAsset -Session $s -Name \"bench-{prefix}-$i\" -Type IMAGE }}";

        private static (double[] Seconds, int Throttled) TimeBurst(EmulatorHost emulator, Func<int, Task> body)
        {
            var throttled = 0;
            var seconds = Bench.Samples(0, 3, i =>
            {
                // Let the client and server buckets refill, so every run starts from the same state.
                Thread.Sleep(1500);
                emulator.State.Clear(); // asset names must be new again
                emulator.Log.Clear();
                var ms = Bench.Ms(() => body(i).GetAwaiter().GetResult());
                throttled += emulator.Log.All.Count(e => e.Status == 429);
                return ms / 1000;
            });
            return (seconds, throttled);
        }

        private static BenchResult Summary(string what, (double[] Seconds, int Throttled) run, double limit)
            => Bench.Result("limiter", what, run.Seconds, "s", m => $"{Burst / m:0.0}/s = {Burst / m / limit:P0} of the limit; {run.Throttled} × 429 in all runs");
    }
}
