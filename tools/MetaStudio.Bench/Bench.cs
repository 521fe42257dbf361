using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;

namespace MetaStudio.Bench
{
    /// <summary>One line of the report: the spread of the timed runs and the figure a reader wants from it.</summary>
    public sealed record BenchResult(string Name, string What, int Runs, double Median, double Min, double Max, string Unit, string Derived);

    public static class Bench
    {
        public static string Meta(string key)
            => typeof(Bench).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == key).Value;

        /// <summary>Runs <paramref name="body"/> untimed <paramref name="warmups"/> times, then times each of <paramref name="runs"/> runs (ms).</summary>
        public static async Task<double[]> TimeAsync(int warmups, int runs, Func<int, Task> body)
        {
            for (var i = 0; i < warmups; i++) await body(-1 - i);
            var samples = new double[runs];
            for (var i = 0; i < runs; i++)
            {
                var sw = Stopwatch.StartNew();
                await body(i);
                samples[i] = sw.Elapsed.TotalMilliseconds;
            }
            return samples;
        }

        public static double[] Time(int warmups, int runs, Action<int> body)
            => Samples(warmups, runs, i => Ms(() => body(i)));

        /// <summary>Like Time, for bodies that measure only part of themselves and return that figure.</summary>
        public static double[] Samples(int warmups, int runs, Func<int, double> body)
        {
            for (var i = 0; i < warmups; i++) body(-1 - i);
            return Enumerable.Range(0, runs).Select(body).ToArray();
        }

        public static double Ms(Action action)
        {
            var sw = Stopwatch.StartNew();
            action();
            return sw.Elapsed.TotalMilliseconds;
        }

        public static BenchResult Result(string name, string what, IReadOnlyList<double> samples, string unit, Func<double, string> derived)
        {
            var sorted = samples.OrderBy(x => x).ToArray();
            var n = sorted.Length;
            var median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
            return new BenchResult(name, what, n, Round(median), Round(sorted[0]), Round(sorted[n - 1]), unit, derived?.Invoke(median) ?? "");
        }

        private static double Round(double v) => Math.Round(v, v >= 100 ? 0 : v >= 10 ? 1 : v >= 1 ? 2 : 3);

        public static string Num(double v) => Round(v).ToString("0.###", CultureInfo.InvariantCulture);
    }
}
