using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.Bench.Raw;
using MetaStudio.Emulator;

namespace MetaStudio.Bench
{
    /// <summary>
    /// Send-MsAssetFile of a 64 MB file, as one PUT and in parallel parts, against a hand-written upload (MD5,
    /// CreateFile, one streamed PUT, ConfirmFileUpload). Time against the in-process emulator; memory against an
    /// emulator in a child process, because the in-process one keeps its own copies of the bytes and would hide what
    /// the client holds.
    /// </summary>
    public static class UploadBench
    {
        private const string LargeArgs = "-LargeFileThresholdMB 16 -PartSizeMB 8 -ThrottleLimit 4";

        private static readonly (string Mode, string Args, string Holds)[] Modes =
        {
            ("single PUT", "", "1.0×"),
            ("large file: 8 MB parts, 4 in parallel", LargeArgs, "1.26×"),
        };

        public static IEnumerable<BenchRow> Run()
        {
            var sizeMB = Bench.Scaled(64, 16);
            var runs = Bench.Scaled(3, 1);
            var dir = Path.Combine(Path.GetTempPath(), "ms-bench-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            try
            {
                var path = Path.Combine(dir, "bench.mp4");
                WriteRandomFile(path, sizeMB * 1048576L);
                // The probe goes first: the in-process runs below leave a heap grown by the emulator's
                // copies, which could absorb a buffered file without any working-set growth.
                var memory = MemoryProbe(path, sizeMB).ToList();
                var rows = new List<BenchRow>();
                using (var lab = Lab.Start(new EmulatorOptions { EnforceRateLimits = false }, rateLimitScale: 0))
                {
                    var (emulator, shell, raw) = (lab.Emulator, lab.Shell, lab.Raw);
                    foreach (var (mode, extra, holds) in Modes)
                    {
                        var (module, rawTimes) = Bench.Paired(1, runs,
                            _ =>
                            {
                                // Creating the asset is not part of the upload; the timed part is the cmdlet alone.
                                var vars = Prepare(emulator, path);
                                var ms = shell.Time($"$null = Send-MsAssetFile -AssetId $id -Path $path {extra}", vars);
                                emulator.State.Files.Clear(); // drop the stored copy before the next run
                                return ms / 1000;
                            },
                            _ =>
                            {
                                var id = (string)Prepare(emulator, path)["id"];
                                var ms = Bench.Ms(() => Task.Run(() => RawCalls.UploadAsync(raw, id, path)).GetAwaiter().GetResult());
                                emulator.State.Files.Clear();
                                return ms / 1000;
                            });
                        rows.Add(new BenchRow("upload", $"`Send-MsAssetFile` {sizeMB} MB, {mode}", "s", Stat.Of(module),
                            "raw upload (MD5, CreateFile, one streamed PUT, confirm)", Stat.Of(rawTimes), "s",
                            Stat.Of(Bench.Ratios(module, rawTimes)), "× raw", null,
                            $"{Bench.Num(sizeMB / Stat.Of(module).Median)} MB/s; no target: issue 13 counts uploads among what holds ({holds} a raw PUT)"));
                    }
                }
                rows.AddRange(memory);
                return rows;
            }
            finally
            {
                try { Directory.Delete(dir, true); } catch (IOException) { }
            }
        }

        private static Dictionary<string, object> Prepare(EmulatorHost emulator, string path)
        {
            var id = Seed.Assets(emulator, 1, "bench-upload-" + Guid.NewGuid().ToString("N"), "VIDEO")[0];
            GC.Collect();
            GC.WaitForPendingFinalizers();
            return new Dictionary<string, object> { ["id"] = id, ["path"] = path };
        }

        /// <summary>Peak working-set growth and managed allocations of this process while it uploads to an emulator in another process.</summary>
        private static IEnumerable<BenchRow> MemoryProbe(string path, int sizeMB)
        {
            using var child = ChildEmulator.Start();
            if (child == null) yield break;
            var endpoint = child.Endpoint;
            using var shell = Shell.Connected(endpoint);
            using var raw = Shell.Raw(endpoint);
            string NewAsset() => shell.Run($"(New-MsAsset -Name 'bench-upload-{Guid.NewGuid():N}' -Type VIDEO).AssetId")[0].ToString()!;
            var rawGrowth = Probe(() => { var id = NewAsset(); return () => Task.Run(() => RawCalls.UploadAsync(raw, id, path)).GetAwaiter().GetResult(); });
            foreach (var (mode, extra, _) in Modes)
            {
                var module = Probe(() =>
                {
                    var vars = new Dictionary<string, object> { ["id"] = NewAsset(), ["path"] = path };
                    return () => shell.Run($"$null = Send-MsAssetFile -AssetId $id -Path $path {extra}", vars);
                });
                yield return new BenchRow("upload", $"{mode}: peak working-set growth of the client process, {sizeMB} MB file", "MB", Stat.Of(module.Growth),
                    "raw upload", Stat.Of(rawGrowth.Growth), "MB", null, "", null,
                    $"{Bench.Num(Stat.Of(module.Growth).Median / sizeMB * 100)} % of the file (streamed, not read into memory); issue 13 saw +23 MB");
                yield return new BenchRow("upload", $"{mode}: managed bytes allocated by the client", "MB", Stat.Of(module.Allocated),
                    "raw upload", Stat.Of(rawGrowth.Allocated), "MB", Stat.Of(Bench.Ratios(module.Allocated, rawGrowth.Allocated)), "× raw", null, "");
            }
        }

        /// <summary>Runs a prepared upload (1 warm-up, then 2 measured) and returns its working-set growth and allocations in MB.</summary>
        private static (double[] Growth, double[] Allocated) Probe(Func<Action> prepare)
        {
            var allocated = new List<double>();
            var growth = Bench.Samples(1, 2, i =>
            {
                var upload = prepare();
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var before = GC.GetTotalAllocatedBytes(precise: true);
                var peak = PeakDuring(upload, out var baseline);
                if (i >= 0) allocated.Add((GC.GetTotalAllocatedBytes(precise: true) - before) / 1048576.0);
                return (peak - baseline) / 1048576.0;
            });
            return (growth, allocated.ToArray());
        }

        private static long PeakDuring(Action action, out long baseline)
        {
            var me = Process.GetCurrentProcess();
            me.Refresh();
            baseline = me.WorkingSet64;
            long peak = baseline;
            using var done = new ManualResetEventSlim();
            var sampler = new Thread(() =>
            {
                while (!done.IsSet)
                {
                    me.Refresh();
                    peak = Math.Max(peak, me.WorkingSet64);
                    done.Wait(5);
                }
            }) { IsBackground = true };
            sampler.Start();
            try { action(); }
            finally
            {
                done.Set();
                sampler.Join();
            }
            me.Refresh();
            return Math.Max(peak, me.WorkingSet64);
        }

        private static void WriteRandomFile(string path, long size)
        {
            var buffer = new byte[1048576];
            var random = new Random(42);
            using var file = File.Create(path);
            for (long written = 0; written < size; written += buffer.Length)
            {
                random.NextBytes(buffer);
                file.Write(buffer, 0, (int)Math.Min(buffer.Length, size - written));
            }
        }
    }
}
