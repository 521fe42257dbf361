using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.Emulator;

namespace MetaStudio.Bench
{
    /// <summary>
    /// Send-MsAssetFile of a 64 MB file, as one PUT and in parallel parts. Throughput is measured
    /// against the in-process emulator; memory against an emulator in a child process, because the
    /// in-process one keeps its own copies of the bytes and would hide what the client holds.
    /// </summary>
    public static class UploadBench
    {
        private const int SizeMB = 64;
        private const string LargeArgs = "-LargeFileThresholdMB 16 -PartSizeMB 8 -ThrottleLimit 4";

        public static async Task<IEnumerable<BenchResult>> RunAsync()
        {
            var dir = Path.Combine(Path.GetTempPath(), "ms-bench-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            try
            {
                var path = Path.Combine(dir, "bench.mp4");
                WriteRandomFile(path, SizeMB * 1048576L);
                // The probe goes first: the in-process runs below leave a heap grown by the emulator's
                // copies, which could absorb a buffered file without any working-set growth.
                var memory = MemoryProbe(path).ToList();
                var results = new List<BenchResult>();
                await using (var emulator = await EmulatorHost.StartAsync(new EmulatorOptions { EnforceRateLimits = false }))
                using (var shell = Shell.Connected(emulator.BaseUri, rateLimitScale: 0))
                {
                    foreach (var (mode, extra) in Modes)
                    {
                        var seconds = Bench.Samples(1, 3, i =>
                        {
                            // Creating the asset is not part of the upload; the timed part is the cmdlet alone.
                            var vars = Prepare(shell, path);
                            var ms = Bench.Ms(() => shell.Run($"$null = Send-MsAssetFile -AssetId $id -Path $path {extra}", vars));
                            emulator.State.Clear(); // drop the stored copy before the next run
                            return ms / 1000;
                        });
                        results.Add(Bench.Result("upload", $"Send-MsAssetFile {SizeMB} MB, {mode}", seconds, "s", m => $"{SizeMB / m:0} MB/s"));
                    }
                }
                results.AddRange(memory);
                return results;
            }
            finally
            {
                try { Directory.Delete(dir, true); } catch (IOException) { }
            }
        }

        private static readonly (string Mode, string Args)[] Modes =
        {
            ("single PUT", ""),
            ("large file: 8 MB parts, 4 in parallel", LargeArgs),
        };

        private static Dictionary<string, object> Prepare(Shell shell, string path)
        {
            var id = shell.Run($"(New-MsAsset -Name 'bench-upload-{Guid.NewGuid():N}' -Type VIDEO).AssetId")[0].ToString();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            return new Dictionary<string, object> { ["id"] = id, ["path"] = path };
        }

        /// <summary>Peak working-set growth of this process while it uploads to an emulator in another process.</summary>
        private static IEnumerable<BenchResult> MemoryProbe(string path)
        {
            var dll = Path.GetFullPath(Bench.Meta("EmulatorDll"));
            if (!File.Exists(dll))
            {
                Console.Error.Write($"(no {dll}: memory probe skipped) ");
                yield break;
            }
            var port = FreePort();
            using var child = Process.Start(new ProcessStartInfo("dotnet", $"\"{dll}\" --port {port}")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            });
            try
            {
                string line;
                while ((line = child.StandardOutput.ReadLine()) != null && !line.Contains("listening")) { }
                if (line == null) throw new InvalidOperationException("The child emulator did not start: " + child.StandardError.ReadToEnd());
                using var shell = Shell.Connected(new Uri($"http://127.0.0.1:{port}/"));
                foreach (var (mode, extra) in Modes)
                {
                    var allocated = new List<double>();
                    var growth = Bench.Samples(1, 2, i =>
                    {
                        var vars = Prepare(shell, path);
                        var before = GC.GetTotalAllocatedBytes(precise: true);
                        var peak = PeakDuring(() => shell.Run($"$null = Send-MsAssetFile -AssetId $id -Path $path {extra}", vars), out var baseline);
                        if (i >= 0) allocated.Add((GC.GetTotalAllocatedBytes(precise: true) - before) / 1048576.0);
                        return (peak - baseline) / 1048576.0;
                    });
                    yield return Bench.Result("upload", $"{mode}: peak working-set growth of the client process (emulator in a child process)", growth, "MB",
                        m => $"{m / SizeMB:P0} of the file size");
                    yield return Bench.Result("upload", $"{mode}: managed bytes allocated by the client during the upload", allocated, "MB",
                        m => $"{m / SizeMB:P0} of the file size");
                }
            }
            finally
            {
                child.Kill(entireProcessTree: true);
                child.WaitForExit(5000);
            }
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

        private static int FreePort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
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
