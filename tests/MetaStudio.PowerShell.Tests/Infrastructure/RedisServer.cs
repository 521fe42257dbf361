using System;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Infrastructure
{
    /// <summary>
    /// A real redis-server on loopback for the shared rate-limit store's tests. <see cref="Shared"/> is the one .ci/run
    /// started (METASTUDIO_TEST_REDIS=redis://127.0.0.1:PORT), or else one this test run starts from redis-server on PATH
    /// (or METASTUDIO_TEST_REDIS_SERVER); <see cref="Start"/> makes a private one a test may stop and start again. No
    /// persistence, loopback only. Without a redis-server the tests are skipped with the reason, except in CI (CI=true),
    /// where they fail: CI always runs them.
    /// </summary>
    public sealed class RedisServer : IDisposable
    {
        public const string AddressVariable = "METASTUDIO_TEST_REDIS";
        public const string ServerVariable = "METASTUDIO_TEST_REDIS_SERVER";

        private static readonly Lazy<string?> SharedAddress = new Lazy<string?>(FindShared, LazyThreadSafetyMode.ExecutionAndPublication);
        private static RedisServer? _ownShared;
        private Process? _process;

        private RedisServer(string binary, int port, string? password)
        {
            Binary = binary;
            Port = port;
            _password = password;
        }

        private readonly string? _password;

        public string Binary { get; }
        public int Port { get; }
        public string Address => $"redis://127.0.0.1:{Port}";

        /// <summary>The address of the suite's shared server; skips (or, in CI, fails) the test when there is none.</summary>
        public static string Shared
        {
            get
            {
                var address = SharedAddress.Value;
                Require(address != null, $"No Redis for the store's tests: set {AddressVariable}=redis://host:port, or install redis-server " +
                                         "(apt-get install redis-server) so the tests start one; .ci/run does both.");
                return address;
            }
        }

        /// <summary>Starts a private server on a free port (or on <paramref name="port"/>); skips or fails as <see cref="Shared"/> does without one.</summary>
        /// <param name="password">Asked of every client (requirepass), for the tests of -RateLimitStoreCredential.</param>
        public static RedisServer Start(int port = 0, string? password = null)
        {
            var binary = FindBinary();
            Require(binary != null, $"No redis-server on PATH (or in {ServerVariable}): this test stops and restarts its own server. " +
                                    "Install it with apt-get install redis-server; .ci/run does.");
            var server = new RedisServer(binary, port == 0 ? FreePort() : port, password);
            server.Launch();
            return server;
        }

        /// <summary>Kills the server, as a crash or an outage would.</summary>
        public void Stop()
        {
            if (_process == null || _process.HasExited) return;
            _process.Kill();
            _process.WaitForExit(10_000);
            _process.Dispose();
            _process = null;
        }

        /// <summary>Starts the server again on the same port, empty (no persistence).</summary>
        public void Restart()
        {
            Stop();
            Launch();
        }

        public void Dispose() => Stop();

        private void Launch()
        {
            var info = new ProcessStartInfo(Binary)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var a in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no",
                         "--loglevel", "warning", "--dir", Path.GetTempPath() })
                info.ArgumentList.Add(a);
            if (_password != null)
            {
                info.ArgumentList.Add("--requirepass");
                info.ArgumentList.Add(_password);
            }
            _process = Process.Start(info)!;
            _process.OutputDataReceived += (_, _) => { };
            _process.ErrorDataReceived += (_, _) => { };
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!Answers(Port))
            {
                if (_process.HasExited) throw new InvalidOperationException($"redis-server exited with code {_process.ExitCode} on port {Port}.");
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"redis-server did not answer on port {Port} within 30 s (a hang guard).");
                Thread.Sleep(20);
            }
        }

        /// <summary>Whether something answers PING on the port (a server that wants a password answers too, with an error).</summary>
        private static bool Answers(int port)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                using var stream = client.GetStream();
                stream.ReadTimeout = 2000;
                stream.Write("PING\r\n"u8);
                var buffer = new byte[16];
                var read = stream.Read(buffer, 0, buffer.Length);
                var answer = System.Text.Encoding.ASCII.GetString(buffer, 0, read);
                return answer.StartsWith("+PONG", StringComparison.Ordinal) || answer.StartsWith("-NOAUTH", StringComparison.Ordinal);
            }
            catch (Exception ex) when (ex is SocketException || ex is IOException)
            {
                return false;
            }
        }

        private static string? FindShared()
        {
            var given = Environment.GetEnvironmentVariable(AddressVariable);
            if (!string.IsNullOrWhiteSpace(given)) return given.Trim();
            if (FindBinary() == null) return null;
            _ownShared = Start();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => _ownShared?.Stop();
            return _ownShared.Address;
        }

        private static string? FindBinary()
        {
            var given = Environment.GetEnvironmentVariable(ServerVariable);
            if (!string.IsNullOrWhiteSpace(given)) return File.Exists(given) ? given : null;
            return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
                .Where(d => d.Length > 0).Select(d => Path.Combine(d, "redis-server")).FirstOrDefault(File.Exists);
        }

        /// <summary>A port nothing listens on now.</summary>
        public static int FreePort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        private static void Require([DoesNotReturnIf(false)] bool condition, string reason)
        {
            if (condition) return;
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
                throw new Xunit.Sdk.XunitException("CI=true, so the Redis store's tests must run: " + reason);
            Skip.If(true, reason);
        }
    }
}
