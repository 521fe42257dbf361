using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.RateLimiting;
using MetaStudio.PowerShell.Core.RateLimiting.Redis;

namespace MetaStudio.Bench
{
    /// <summary>
    /// Issue 10's benchmark: 1, 3 and 8 processes of one tenant calling one API as fast as they may for a few seconds,
    /// sharing the limits through a Redis store (redis-server on PATH, started here on loopback), against the emulator's
    /// rate gate at the published limit (a second of calls of burst), with retries on as users run them. The figure is
    /// the aggregate rate of successful calls as a fraction of the published limit, and of what the service's bucket
    /// allows over the same time (its burst + limit × t); 429s are counted. The comparator is the same processes each
    /// keeping the limits alone. Each process is this program again (<see cref="Child"/>) with a hosted runspace
    /// that imports the staged module, as a scheduled pwsh job would. Also the cost of one reservation in Redis
    /// (loopback), beside the in-process limiter's.
    /// </summary>
    public static class StoreBench
    {
        private const string Region = "cn-north-4";
        private const string ChildFlag = "--store-child";
        private static readonly Operation Show = OperationCatalog.Get(OperationId.ShowAsset);

        /// <summary>One measured run of several processes.</summary>
        public sealed record Run(int Processes, bool Store, double Seconds, int Ok, int Throttled, double Limit, double Allowed, double SteadyRate, int Warnings)
        {
            public double Rate => Ok / Seconds;
            /// <summary>The aggregate rate while every process was calling, as a fraction of the published limit.</summary>
            public double OfLimit => SteadyRate / Limit;
            /// <summary>All successful calls of the run as a fraction of what the service's bucket allows in that time.</summary>
            public double OfAllowed => Ok / Allowed;
        }

        /// <summary>What the benchmark measured; null when there is no redis-server to run it with.</summary>
        public sealed record Result(IReadOnlyList<Run> Runs, double ReserveMicros, double LocalMicros, string Redis);

        public static bool IsChild(string[] args) => args.Length > 0 && args[0] == ChildFlag;

        /// <summary>The report's rows: with the store beside each process alone, ratio = aggregate rate ÷ published limit.</summary>
        public static IEnumerable<BenchRow> Rows()
        {
            var result = MeasureAsync(Bench.Scaled(8, 4), Bench.Quick ? new[] { 1, 3 } : null).GetAwaiter().GetResult();
            if (result == null)
            {
                yield return new BenchRow("shared limits", "skipped: no redis-server on PATH (apt-get install redis-server)", "", new Stat(0, 0, 0, 0),
                    "", null, "", null, "", null, "");
                yield break;
            }
            foreach (var run in result.Runs.Where(r => r.Store))
            {
                var alone = result.Runs.FirstOrDefault(r => !r.Store && r.Processes == run.Processes);
                var share = Stat.Of(new[] { run.OfLimit });
                yield return new BenchRow("shared limits",
                    $"{run.Processes} process{(run.Processes > 1 ? "es" : "")} of one tenant through Redis {result.Redis}, ShowAsset {Region} ({run.Limit:0}/s), {run.Seconds:0.#} s",
                    "of the limit", share,
                    "the same processes, each keeping the limits alone", alone == null ? null : Stat.Of(new[] { alone.OfLimit }), "of the limit",
                    share, " of the limit", null,
                    string.Format(CultureInfo.InvariantCulture, "through Redis: {0:0.#}/s while all ran, whole run {1:0.000} of what the service's bucket allows, {2} × 429, {3} store warnings{4}",
                        run.SteadyRate, run.OfAllowed, run.Throttled, run.Warnings,
                        alone == null ? "" : string.Format(CultureInfo.InvariantCulture, "; alone: {0} × 429", alone.Throttled)));
            }
            var reserve = Stat.Of(new[] { result.ReserveMicros });
            var local = Stat.Of(new[] { result.LocalMicros });
            yield return new BenchRow("shared limits", "one reservation in Redis on loopback (Lua script, timeout, circuit breaker)", "µs", reserve,
                "the in-process limiter", local, "µs", null, "", null, "the cost a call pays for sharing its limits");
        }

        public static async Task<Result?> MeasureAsync(double seconds = 8, int[]? processes = null)
        {
            processes ??= new[] { 1, 3, 8 };
            var binary = FindRedis();
            if (binary == null) return null;
            var port = Bench.FreePort();
            using var redis = Process.Start(new ProcessStartInfo(binary)
            {
                ArgumentList = { "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" },
                RedirectStandardOutput = true,
                UseShellExecute = false,
            })!;
            try
            {
                var address = $"redis://127.0.0.1:{port}";
                await WaitForPortAsync(port);
                var version = await RedisVersionAsync(address);
                var runs = new List<Run>();
                foreach (var n in processes)
                {
                    runs.Add(await RunProcessesAsync(n, address, seconds));
                    if (n > 1) runs.Add(await RunProcessesAsync(n, null, seconds));
                }
                var (reserve, local) = await ReservationCostAsync(address);
                return new Result(runs, reserve, local, version);
            }
            finally
            {
                if (!redis.HasExited) redis.Kill();
            }
        }

        private static async Task<Run> RunProcessesAsync(int count, string? store, double seconds)
        {
            await using var emulator = await EmulatorHost.StartAsync(new EmulatorOptions());
            var limit = Show.RateLimit(Region);
            using (var shell = Shell.Connected(emulator.BaseUri, Region, rateLimitScale: 0))
                shell.Run("$null = New-MsAsset -Name bench-store -Type IMAGE");
            var assetId = emulator.Log.All.Last(e => e.Operation == "ShowAsset").Path.Split('/').Last();
            var barrier = Directory.CreateTempSubdirectory("ms-bench-store-");
            try
            {
                var children = Enumerable.Range(0, count).Select(i => StartChild(emulator.BaseUri, store ?? "none", assetId, seconds, barrier.FullName, i, count)).ToList();
                // Every child says when it starts and stops its loop (after the barrier) and how many warnings it had.
                var reports = new List<(DateTimeOffset Start, DateTimeOffset End, int Warnings)>();
                foreach (var c in children)
                {
                    var output = await c.StandardOutput.ReadToEndAsync();
                    var error = await c.StandardError.ReadToEndAsync();
                    await c.WaitForExitAsync();
                    var line = output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("window ", StringComparison.Ordinal))
                               ?? throw new InvalidOperationException($"A child process failed ({c.ExitCode}): {error}\n{output}");
                    var parts = line.Split(' ');
                    reports.Add((DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(parts[1], CultureInfo.InvariantCulture)),
                        DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(parts[2], CultureInfo.InvariantCulture)), int.Parse(parts[3], CultureInfo.InvariantCulture)));
                }
                // The whole run: from the first loop's start to the last one's end, burst included. The steady part: while
                // every process was calling, from 2 s after the first start (the burst is spent by then) to the first end.
                var (first, last) = (reports.Min(r => r.Start), reports.Max(r => r.End));
                var (allIn, firstOut) = (Max(reports.Max(r => r.Start), first.AddSeconds(2)), reports.Min(r => r.End));
                var log = emulator.Log.All.Where(e => e.Operation == "ShowAsset" && e.Path.EndsWith(assetId, StringComparison.Ordinal) && e.Time >= first).ToList();
                var ok = log.Count(e => e.Status == 200);
                var steady = log.Count(e => e.Status == 200 && e.Time >= allIn && e.Time <= firstOut);
                var burst = limit; // the emulator's bucket holds one second of calls
                var window = (last - first).TotalSeconds;
                return new Run(count, store != null, window, ok, log.Count(e => e.Status == 429), limit, burst + limit * window,
                    steady / Math.Max(0.001, (firstOut - allIn).TotalSeconds), reports.Sum(r => r.Warnings));
            }
            finally
            {
                barrier.Delete(recursive: true);
            }
        }

        private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

        private static Process StartChild(Uri endpoint, string store, string assetId, double seconds, string barrier, int index, int count)
        {
            var self = Environment.ProcessPath!;
            var info = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            if (Path.GetFileNameWithoutExtension(self) == "dotnet") info.ArgumentList.Add(typeof(StoreBench).Assembly.Location);
            foreach (var a in new[] { ChildFlag, endpoint.ToString(), store, assetId, seconds.ToString(CultureInfo.InvariantCulture), barrier,
                         index.ToString(CultureInfo.InvariantCulture), count.ToString(CultureInfo.InvariantCulture) })
                info.ArgumentList.Add(a);
            info.Environment["METASTUDIO_LOOPBACK_ONLY"] = "1";
            return Process.Start(info)!;
        }

        /// <summary>
        /// A child: connects (with the store, or none), makes a first call of another API so the code and connection are
        /// warm, waits for the others, calls ShowAsset in a loop for the given seconds, and prints its window in Unix ms.
        /// </summary>
        public static int Child(string[] args)
        {
            var (endpoint, store, assetId, seconds, barrier, index, count) = (args[1], args[2], args[3], args[4], args[5], int.Parse(args[6], CultureInfo.InvariantCulture), int.Parse(args[7], CultureInfo.InvariantCulture));
            using var shell = new Shell();
            shell.Run($"$null = Connect-MsService -Region {Region} -Endpoint '{endpoint}' -AccessKey {EmulatorOptions.DefaultAccessKey} " +
                      $"-SecretKey '{EmulatorOptions.DefaultSecretKey}' -RateLimitStore {store} -WarningAction SilentlyContinue; $null = Get-MsAsset -First 1");
            File.WriteAllText(Path.Combine(barrier, $"ready-{index}"), "");
            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (Directory.GetFiles(barrier, "ready-*").Length < count)
            {
                if (DateTime.UtcNow > deadline) return 3;
                Thread.Sleep(5);
            }
            var start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var warnings = shell.Run($"$w = @(); $sw = [Diagnostics.Stopwatch]::StartNew(); while ($sw.Elapsed.TotalSeconds -lt {seconds}) " +
                                     $"{{ $null = Get-MsAsset -AssetId '{assetId}' -WarningAction SilentlyContinue -WarningVariable +w }}; $w.Count").Single();
            var end = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            Console.WriteLine($"window {start} {end} {warnings}");
            return 0;
        }

        /// <summary>Median µs of one reservation through the store (loopback Redis), and of one from the in-process limiter.</summary>
        private static async Task<(double Store, double Local)> ReservationCostAsync(string address)
        {
            const int n = 3000;
            var parsed = RateLimitStoreAddress.Parse(address) ?? throw new ArgumentException($"Not a store address: {address}", nameof(address));
            var backend = new RedisRateLimitStore(parsed);
            await backend.ConnectAsync();
            var store = new SharedRateLimitStore(parsed, backend);
            // A rate far above what one caller reaches, so no reservation waits: the figure is the reservation itself.
            var key = new RateLimitKey("bench-" + Guid.NewGuid().ToString("N"), Region, Show, scale: 1e6, store: store);
            var viaStore = new MsRateLimiters().Partition(key);
            var local = new MsRateLimiters().Partition(new RateLimitKey(key.Tenant, Region, Show, scale: 1e6));
            async Task<double> Median(System.Threading.RateLimiting.RateLimiter limiter)
            {
                for (var i = 0; i < 200; i++) (await limiter.AcquireAsync(1)).Dispose();
                var samples = new double[n];
                for (var i = 0; i < n; i++)
                {
                    var sw = Stopwatch.StartNew();
                    (await limiter.AcquireAsync(1)).Dispose();
                    samples[i] = sw.Elapsed.TotalMilliseconds * 1000;
                }
                Array.Sort(samples);
                return samples[n / 2];
            }
            var storeMicros = await Median(viaStore);
            var localMicros = await Median(local);
            backend.Dispose();
            return (storeMicros, localMicros);
        }

        private static async Task<string> RedisVersionAsync(string address)
        {
            using var backend = new RedisRateLimitStore(RateLimitStoreAddress.Parse(address) ?? throw new ArgumentException($"Not a store address: {address}", nameof(address)));
            await backend.ConnectAsync();
            var server = backend.Connection!.GetServer(backend.Connection.GetEndPoints()[0]);
            return server.Version.ToString();
        }

        private static string? FindRedis()
            => Environment.GetEnvironmentVariable("METASTUDIO_TEST_REDIS_SERVER") is { Length: > 0 } given && File.Exists(given) ? given
                : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Where(d => d.Length > 0)
                    .Select(d => Path.Combine(d, "redis-server")).FirstOrDefault(File.Exists);

        private static async Task WaitForPortAsync(int port)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (true)
            {
                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync(IPAddress.Loopback, port);
                    return;
                }
                catch (SocketException) when (DateTime.UtcNow < deadline)
                {
                    await Task.Delay(50);
                }
            }
        }
    }
}
