using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Threading;

namespace MetaStudio.Bench
{
    /// <summary>The spread of a few timed runs: the median is the figure, min and max say how noisy the machine was.</summary>
    public sealed record Stat(double Median, double Min, double Max, int Runs)
    {
        public static Stat Of(IReadOnlyCollection<double> samples)
        {
            if (samples.Count == 0) throw new ArgumentException("No samples.", nameof(samples));
            var sorted = samples.OrderBy(x => x).ToArray();
            var n = sorted.Length;
            var median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
            return new Stat(Bench.Round(median), Bench.Round(sorted[0]), Bench.Round(sorted[n - 1]), n);
        }

        /// <summary>"0.74 ms/call (0.70–0.80)"; the range only when there was more than one run.</summary>
        public string Text(string unit) => $"{Bench.Num(Median)}{(unit.Length == 0 || unit[0] is ' ' or '/' or '×' ? "" : " ")}{unit}" +
                                           (Runs > 1 ? $" ({Bench.Num(Min)}–{Bench.Num(Max)})" : "");
    }

    /// <summary>A target of issue 13 for one row: the ratio must be at most or at least a value.</summary>
    public sealed record Target(bool AtLeast, double Value, string Source)
    {
        public static Target Min(double value, string source) => new(true, value, source);
        public static Target Max(double value, string source) => new(false, value, source);
        public bool MetBy(double ratio) => AtLeast ? ratio >= Value : ratio <= Value;
        public string Text(string basis) => $"{(AtLeast ? "≥" : "≤")} {Bench.Num(Value)}{basis} ({Source})";
    }

    /// <summary>
    /// One line of the report: what the module did, what it is compared with, their ratio (per paired run, so a
    /// load spike hits both sides of a pair) and the issue 13 target that ratio is held to, if any.
    /// </summary>
    public sealed record BenchRow(
        string Area, string Scenario, string Unit, Stat Module,
        string Comparator, Stat? ComparatorStat, string ComparatorUnit,
        Stat? Ratio, string RatioBasis, Target? Target, string Notes)
    {
        /// <summary>Whether the median ratio meets the target; null when the row has none.</summary>
        public bool? Met => Target == null || Ratio == null ? null : Target.MetBy(Ratio.Median);
    }

    public static class Bench
    {
        /// <summary>A loopback port free at the time of asking, for a child process (an emulator, redis-server) to listen on.</summary>
        public static int FreePort()
        {
            var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        /// <summary>Fewer runs and smaller sizes (--quick): for checking the harness, not for figures.</summary>
        public static bool Quick { get; set; }

        /// <summary>Timed runs per scenario (--runs N); the median of these is reported.</summary>
        public static int Runs { get; set; } = 3;

        public static int Scaled(int full, int quick) => Quick ? quick : full;

        public static string Meta(string key)
            => typeof(Bench).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == key).Value
               ?? throw new InvalidOperationException($"No {key} in the assembly metadata.");

        public static double Ms(Action action)
        {
            var sw = Stopwatch.StartNew();
            action();
            return sw.Elapsed.TotalMilliseconds;
        }

        /// <summary>Runs <paramref name="body"/> untimed <paramref name="warmups"/> times, then returns what each of <paramref name="runs"/> runs returns.</summary>
        public static double[] Samples(int warmups, int runs, Func<int, double> body)
        {
            for (var i = 0; i < warmups; i++) body(-1 - i);
            return Enumerable.Range(0, runs).Select(body).ToArray();
        }

        /// <summary>
        /// The module and its comparator measured in turns (module first in even runs, comparator first in odd ones),
        /// so slow phases of a shared machine fall on both sides alike. Each body gets the run index (negative for
        /// warm-ups) and returns its figure.
        /// </summary>
        public static (double[] Module, double[] Comparator) Paired(int warmups, int runs, Func<int, double> module, Func<int, double> comparator)
        {
            var sides = Interleaved(warmups, runs, module, comparator);
            return (sides[0], sides[1]);
        }

        /// <summary>
        /// Several sides measured in rounds, each round every side once, the first side of a round moving one place each
        /// round (with two sides: Paired's order), so a slow phase of a shared machine falls on every side alike and
        /// figures of one round can be divided by each other. Each body gets the run index (negative for warm-ups) and
        /// returns its figure; the answer holds one array per side, in the order given.
        /// </summary>
        public static double[][] Interleaved(int warmups, int runs, params Func<int, double>[] sides)
        {
            for (var i = 0; i < warmups; i++)
                foreach (var side in sides) side(-1 - i);
            var figures = sides.Select(_ => new double[runs]).ToArray();
            for (var i = 0; i < runs; i++)
                for (var k = 0; k < sides.Length; k++)
                {
                    var at = (i + k) % sides.Length;
                    figures[at][i] = sides[at](i);
                }
            return figures;
        }

        public static double[] Ratios(IReadOnlyList<double> a, IReadOnlyList<double> b) => a.Zip(b, (x, y) => x / y).ToArray();

        /// <summary>Lets client and service rate buckets refill, so every run starts from the same state.</summary>
        public static void Refill(double seconds = 1.5) => Thread.Sleep(TimeSpan.FromSeconds(seconds));

        public static double Round(double v) => Math.Round(v, Math.Abs(v) >= 100 ? 0 : Math.Abs(v) >= 10 ? 1 : Math.Abs(v) >= 1 ? 2 : 3);

        public static string Num(double v) => Round(v).ToString("#,0.###", CultureInfo.InvariantCulture);
    }
}
