using System;
using System.Diagnostics;
using System.IO;

namespace MetaStudio.Bench
{
    /// <summary>
    /// The emulator in a process of its own, on a free loopback port: for rows whose figure must be the client's alone
    /// (its memory, its time per call), which an in-process emulator would share.
    /// </summary>
    public sealed class ChildEmulator : IDisposable
    {
        private readonly Process _process;

        private ChildEmulator(Process process, Uri endpoint)
        {
            _process = process;
            Endpoint = endpoint;
        }

        public Uri Endpoint { get; }

        /// <summary>Starts the built emulator (the bench's EmulatorDll) with <paramref name="arguments"/>; null when it is not built.</summary>
        public static ChildEmulator? Start(string arguments = "")
        {
            var dll = Path.GetFullPath(Bench.Meta("EmulatorDll"));
            if (!File.Exists(dll))
            {
                Console.Error.Write($"(no {dll}: child-process rows skipped) ");
                return null;
            }
            var port = Bench.FreePort();
            var process = Process.Start(new ProcessStartInfo("dotnet", $"\"{dll}\" --port {port} {arguments}")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            }) ?? throw new InvalidOperationException("Could not start the child emulator.");
            try
            {
                string? line;
                while ((line = process.StandardOutput.ReadLine()) != null && !line.Contains("listening")) { }
                if (line == null) throw new InvalidOperationException("The child emulator did not start: " + process.StandardError.ReadToEnd());
                return new ChildEmulator(process, new Uri($"http://127.0.0.1:{port}/"));
            }
            catch
            {
                Stop(process);
                throw;
            }
        }

        public void Dispose() => Stop(_process);

        private static void Stop(Process process)
        {
            using (process)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
    }
}
