using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Core
{
    /// <summary>Downloads.ToFileAsync against a loopback server that answers each connection as told.</summary>
    public class DownloadTests : IClassFixture<EmulatorFixture>, IDisposable
    {
        private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);
        private readonly EmulatorHost _emu;
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "ms-dl-" + Guid.NewGuid().ToString("N"));

        public DownloadTests(EmulatorFixture f)
        {
            _emu = f.Emulator;
            Directory.CreateDirectory(_dir);
        }

        public void Dispose()
        {
            try { Directory.Delete(_dir, true); } catch (IOException) { }
        }

        private MsSession Session(int maxRetries, double timeoutSeconds = 20)
            => Direct.Session(_emu, s => { s.MaxRetries = maxRetries; s.Timeout = TimeSpan.FromSeconds(timeoutSeconds); });

        private static async Task<T> Guarded<T>(Task<T> work)
        {
            Assert.True(await Task.WhenAny(work, Task.Delay(Guard)) == work, "the download hung");
            return await work;
        }

        [Fact]
        public async Task A_server_that_never_answers_times_out_retries_and_leaves_no_file()
        {
            using var server = new LoopbackServer(_ => Never());
            var path = Path.Combine(_dir, "stall.bin");
            var ex = await Guarded(Capture(Downloads.ToFileAsync(Session(maxRetries: 1, timeoutSeconds: 0.5), server.Url("/f/stall.bin"), path, CallContext.None(), "dl")));
            Assert.Equal(ErrorCodes.Timeout, ex.ErrorCode);
            Assert.Equal(2, server.Connections);
            Assert.False(File.Exists(path));
            Assert.False(File.Exists(path + ".part"));
        }

        [Fact]
        public async Task A_body_that_stalls_midway_times_out()
        {
            using var server = new LoopbackServer(async s =>
            {
                await Write(s, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n0123456789");
                await Never();
            });
            var path = Path.Combine(_dir, "half.bin");
            var ex = await Guarded(Capture(Downloads.ToFileAsync(Session(maxRetries: 0, timeoutSeconds: 0.5), server.Url("/f/half.bin"), path, CallContext.None(), "dl")));
            Assert.Equal(ErrorCodes.Timeout, ex.ErrorCode);
            Assert.False(File.Exists(path + ".part"));
        }

        [Fact]
        public async Task Service_unavailable_is_retried_and_the_next_answer_is_saved()
        {
            var answers = new Queue<string>(new[] { "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello" });
            using var server = new LoopbackServer(s => Write(s, answers.Dequeue()));
            var path = Path.Combine(_dir, "retry.bin");
            var file = await Guarded(Downloads.ToFileAsync(Session(maxRetries: 2), server.Url("/f/retry.bin"), path, CallContext.None(), "dl"));
            Assert.Equal("hello", File.ReadAllText(file.FullName));
            Assert.Equal(2, server.Connections);
        }

        [Fact]
        public async Task A_client_error_fails_at_once_and_the_error_hides_the_signature()
        {
            using var server = new LoopbackServer(s => Write(s, "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n"));
            var path = Path.Combine(_dir, "denied.bin");
            var url = new Uri(server.Url("/f/denied.bin") + "?AccessKeyId=AKSECRETID&Signature=SIGSECRET&x-obs-security-token=TOKSECRET");
            var ex = await Guarded(Capture(Downloads.ToFileAsync(Session(maxRetries: 3), url, path, CallContext.None(), "dl")));
            Assert.Equal("HTTP.403", ex.ErrorCode);
            Assert.Equal(1, server.Connections);
            var shown = ex.Message + " " + ex.Target + " " + ErrorRecords.From(ex).ToString() + " " + ErrorRecords.From(ex).TargetObject;
            foreach (var secret in new[] { "AKSECRETID", "SIGSECRET", "TOKSECRET" }) Assert.DoesNotContain(secret, shown);
            Assert.Contains("/f/denied.bin", shown);
        }

        [Fact]
        public async Task Ctrl_C_during_the_backoff_leaves_no_part_file()
        {
            // A body cut short: the .part has bytes when the retry's backoff starts; Ctrl+C comes right then.
            using var server = new LoopbackServer(async s => await Write(s, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n0123456789"));
            var path = Path.Combine(_dir, "cut.bin");
            using var cts = new CancellationTokenSource();
            var ctx = new CallContext(cts.Token, action =>
            {
                if (Direct.VerboseText(action)?.Contains("attempt", StringComparison.Ordinal) == true) cts.Cancel();
            });
            var work = Downloads.ToFileAsync(Session(maxRetries: 3), server.Url("/f/cut.bin"), path, ctx, "dl");
            Assert.True(await Task.WhenAny(work, Task.Delay(Guard)) == work, "the download hung");
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => work);
            Assert.Equal(1, server.Connections);
            Assert.False(File.Exists(path + ".part"));
            Assert.False(File.Exists(path));
        }

        private static async Task<MsServiceException> Capture(Task<FileInfo> work)
        {
            try
            {
                await work;
            }
            catch (MsServiceException ex)
            {
                return ex;
            }
            throw new Xunit.Sdk.XunitException("the download did not fail");
        }

        private static Task Never() => Task.Delay(Timeout.Infinite);

        private static Task Write(NetworkStream s, string text)
        {
            var bytes = Encoding.ASCII.GetBytes(text);
            return s.WriteAsync(bytes, 0, bytes.Length);
        }

        /// <summary>Accepts connections on loopback; reads each request's headers, then runs the handler and closes.</summary>
        private sealed class LoopbackServer : IDisposable
        {
            private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
            private readonly ConcurrentBag<TcpClient> _clients = new ConcurrentBag<TcpClient>();
            private int _connections;

            public LoopbackServer(Func<NetworkStream, Task> handler)
            {
                _listener.Start();
                _ = Task.Run(async () =>
                {
                    while (true)
                    {
                        TcpClient client;
                        try { client = await _listener.AcceptTcpClientAsync(); }
                        catch (Exception) { return; }
                        _clients.Add(client);
                        Interlocked.Increment(ref _connections);
                        _ = Task.Run(async () =>
                        {
                            try
                            {
                                var stream = client.GetStream();
                                await ReadHeaders(stream);
                                await handler(stream);
                                await stream.FlushAsync();
                                client.Close();
                            }
                            catch (Exception) { }
                        });
                    }
                });
            }

            public int Connections => Volatile.Read(ref _connections);

            public Uri Url(string path) => new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}{path}");

            private static async Task ReadHeaders(NetworkStream s)
            {
                var seen = new StringBuilder();
                var one = new byte[1];
                while (!seen.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await s.ReadAsync(one, 0, 1) == 1) seen.Append((char)one[0]);
            }

            public void Dispose()
            {
                _listener.Stop();
                foreach (var c in _clients) c.Dispose();
            }
        }
    }
}
