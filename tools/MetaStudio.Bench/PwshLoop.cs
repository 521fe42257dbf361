using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text.Json;
using MetaStudio.Bench.Raw;
using MetaStudio.Emulator;

namespace MetaStudio.Bench
{
    /// <summary>
    /// A real pwsh process (the repository's pinned tool, `dotnet pwsh`) running Scripts/call-loop.ps1: the per-call
    /// loop as issue 13 measured it, in a shell of its own, with its own thread pool and JIT, rather than in a runspace
    /// this process hosts beside its emulator and the comparator. It holds several loops, run one at a time on request,
    /// so loops that are to be compared share one process and take turns in it.
    /// </summary>
    public sealed class PwshLoop : IDisposable
    {
        private readonly Process _process;

        private PwshLoop(Process process, string assetId)
        {
            _process = process;
            AssetId = assetId;
        }

        /// <summary>The asset the loop reads, created by the shell at start.</summary>
        public string AssetId { get; }

        /// <summary>
        /// Starts the shell against <paramref name="endpoint"/>, to run any of <paramref name="loops"/> (script text over $n
        /// calls of the asset $id) on request; null when pwsh cannot be started (no `dotnet tool restore`). With <paramref name="raw"/>,
        /// the shell also has the hand-written client as $raw (this assembly's, signing for the same project).
        /// </summary>
        public static PwshLoop? Start(Uri endpoint, IReadOnlyList<string> loops, RawClient? raw = null)
        {
            var root = Path.GetDirectoryName(Path.GetFullPath(Bench.Meta("Readme")))!;
            var info = new ProcessStartInfo("dotnet", $"pwsh -NoProfile -NonInteractive -File \"{Path.GetFullPath(Bench.Meta("CallLoopScript"))}\"")
            {
                WorkingDirectory = root,   // where the tool manifest pins pwsh
                RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            info.Environment["METASTUDIO_BENCH_MODULE"] = Shell.Manifest;
            info.Environment["METASTUDIO_BENCH_ENDPOINT"] = endpoint.ToString();
            info.Environment["METASTUDIO_BENCH_LOOPS"] = JsonSerializer.Serialize(loops);
            if (raw != null)
            {
                info.Environment["METASTUDIO_BENCH_RAW"] = typeof(RawClient).Assembly.Location;
                info.Environment["METASTUDIO_BENCH_PROJECT"] = raw.ProjectId;
            }
            // The emulator's well-known keys, through the credential chain's environment step.
            info.Environment["HUAWEICLOUD_SDK_AK"] = EmulatorOptions.DefaultAccessKey;
            info.Environment["HUAWEICLOUD_SDK_SK"] = EmulatorOptions.DefaultSecretKey;
            var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start pwsh.");
            var line = process.StandardOutput.ReadLine();
            if (line == null || !line.StartsWith("ready ", StringComparison.Ordinal))
            {
                var error = process.StandardError.ReadToEnd();
                Stop(process);
                Console.Error.Write($"(pwsh did not start the call loop: {line} {error.Trim()}; its rows skipped) ");
                return null;
            }
            return new PwshLoop(process, line.Substring("ready ".Length).Trim());
        }

        /// <summary>Runs <paramref name="calls"/> calls of loop <paramref name="loop"/> (its index in Start's list) in the shell; its wall and process CPU time in ms.</summary>
        public (double Ms, double CpuMs) Run(int calls, int loop = 0)
        {
            _process.StandardInput.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0} {1}", calls, loop));
            _process.StandardInput.Flush();
            var line = _process.StandardOutput.ReadLine()
                       ?? throw new InvalidOperationException("The pwsh call loop ended: " + _process.StandardError.ReadToEnd());
            var parts = line.Split(' ');
            return (double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture));
        }

        public void Dispose() => Stop(_process);

        private static void Stop(Process process)
        {
            using (process)
            {
                try
                {
                    process.StandardInput.Close();   // an empty read ends the loop
                    if (process.WaitForExit(5000)) return;
                }
                catch (IOException) { }
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
    }
}
