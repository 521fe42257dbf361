using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using MetaStudio.PowerShell.Tests.Infrastructure;

namespace MetaStudio.PowerShell.Tests.Signer
{
    /// <summary>One request as the official Node signer (AKSKSigner.sign) takes it.</summary>
    public sealed class NodeCase
    {
        public required string Ak { get; init; }
        public required string Sk { get; init; }
        public required string Method { get; init; }
        public required string Endpoint { get; init; }
        public Dictionary<string, string> Headers { get; init; } = new();
        /// <summary>Key → string, or string[] for a repeated key (Node takes arrays).</summary>
        public Dictionary<string, object> QueryParams { get; init; } = new();
        public string? DataJson { get; init; }
    }

    /// <summary>
    /// Runs tests/.../Signer/node/sign.js with the pinned @huaweicloud/huaweicloud-sdk-core. Installs
    /// the packages (npm ci) once per test run when node_modules is missing. In CI a missing node or npm
    /// is a failure, because the cross-check is the only independent proof of the signer; elsewhere
    /// the tests skip with a reason (SkipUnlessNodeOrCi), as the README promises only the .NET SDK.
    /// </summary>
    public static class NodeSigner
    {
        private static readonly object InstallGate = new();
        private static bool _installed;

        public static string Folder => TestPaths.Repo("tests", "MetaStudio.PowerShell.Tests", "Signer", "node");

        /// <summary>
        /// The README's test command needs only the .NET SDK, so on a machine without Node.js the
        /// cross-check is skipped with a reason; in CI (CI=true) a missing Node.js is a failure.
        /// </summary>
        public static void SkipUnlessNodeOrCi()
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)) return;
            var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
                .Any(dir => dir.Length > 0 && (File.Exists(Path.Combine(dir, "node")) || File.Exists(Path.Combine(dir, "node.exe"))));
            Xunit.Skip.IfNot(onPath, "Node.js is not on PATH: the cross-check against the official Node signer needs it (CI always runs it).");
        }

        public static List<string> Sign(IReadOnlyList<NodeCase> cases)
        {
            EnsureInstalled();
            var input = JsonSerializer.Serialize(cases, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase });
            var (code, stdout, stderr) = Exec("node", "sign.js", input, TimeSpan.FromSeconds(60));
            if (code != 0) throw new InvalidOperationException($"node sign.js failed ({code}): {stderr}");
            return JsonSerializer.Deserialize<List<string>>(stdout) ?? throw new InvalidOperationException("node sign.js printed null.");
        }

        private static void EnsureInstalled()
        {
            lock (InstallGate)
            {
                if (_installed) return;
                var marker = Path.Combine(Folder, "node_modules", "@huaweicloud", "huaweicloud-sdk-core", "auth", "AKSKSigner.js");
                if (!File.Exists(marker))
                {
                    // A file lock too, in case two test processes share the work tree.
                    using var fileLock = AcquireFileLock(Path.Combine(Folder, ".install.lock"));
                    if (!File.Exists(marker))
                    {
                        var (code, stdout, stderr) = Exec("npm", "ci --no-audit --no-fund", null, TimeSpan.FromMinutes(5));
                        if (code != 0 || !File.Exists(marker))
                            throw new InvalidOperationException($"npm ci in {Folder} failed ({code}):\n{stdout}\n{stderr}");
                    }
                }
                _installed = true;
            }
        }

        private static FileStream AcquireFileLock(string path)
        {
            var deadline = DateTime.UtcNow.AddMinutes(5);
            while (true)
            {
                try
                {
                    return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
                }
                catch (IOException) when (DateTime.UtcNow < deadline)
                {
                    Thread.Sleep(200);
                }
            }
        }

        private static (int Code, string Stdout, string Stderr) Exec(string file, string args, string? stdin, TimeSpan timeout)
        {
            var psi = new ProcessStartInfo(file, args)
            {
                WorkingDirectory = Folder,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = System.Text.Encoding.UTF8,
                StandardInputEncoding = new System.Text.UTF8Encoding(false),
            };
            Process p;
            try
            {
                p = Process.Start(psi) ?? throw new InvalidOperationException($"'{file}' did not start.");
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                throw new InvalidOperationException($"'{file}' is required for the signer cross-check and could not be started: {ex.Message}", ex);
            }
            using (p)
            {
                var stdoutTask = p.StandardOutput.ReadToEndAsync();
                var stderrTask = p.StandardError.ReadToEndAsync();
                if (stdin != null) p.StandardInput.Write(stdin);
                p.StandardInput.Close();
                if (!p.WaitForExit((int)timeout.TotalMilliseconds))
                {
                    p.Kill(true);
                    throw new TimeoutException($"{file} {args} did not finish within {timeout}.");
                }
                return (p.ExitCode, stdoutTask.Result, stderrTask.Result);
            }
        }
    }
}
