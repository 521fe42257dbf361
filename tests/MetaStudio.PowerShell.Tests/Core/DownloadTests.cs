using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Transfers;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Core
{
    /// <summary>
    /// SignedUrlTransfer.DownloadAsync against a loopback server that answers each connection as told. Timeouts and
    /// backoff run on a test clock where they matter: the test fires a timeout once the server shows what it waits for.
    /// </summary>
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

        private MsSession Session(int maxRetries, double timeoutSeconds = 20, TestClock? clock = null)
            => Direct.Session(_emu, s => { s.MaxRetries = maxRetries; s.Timeout = TimeSpan.FromSeconds(timeoutSeconds); }, clock: clock);

        private static async Task<T> Guarded<T>(Task<T> work)
        {
            Assert.True(await Task.WhenAny(work, Task.Delay(Guard)) == work, "the download hung");
            return await work;
        }

        private static Task<(FileInfo? Response, MsServiceException? Error, string[] Verbose)> Download(MsSession session, Uri url, string path)
            => Direct.Capture(ctx => SignedUrlTransfer.DownloadAsync(session, url, path, ctx, "dl"));

        [Fact]
        public async Task A_server_that_never_answers_times_out_retries_and_leaves_no_file()
        {
            using var server = new LoopbackServer((_, _) => Never());
            var clock = new TestClock();
            var path = Path.Combine(_dir, "stall.bin");
            var work = Download(Session(maxRetries: 1, timeoutSeconds: 0.5, clock), server.Url("/f/stall.bin"), path);
            // The timeout is fired once the server holds the attempt's request, not merely a connection: the client
            // connects apart from its requests, so a request timed out before it was written leaves its new connection
            // idle in the pool for the next attempt (one connection, one request, and no second connection to wait for).
            for (var request = 1; request <= 2; request++)
            {
                await TestClock.UntilAsync(() => server.Requests >= request, $"request {request}");
                await clock.FireNextTimeoutAsync();
            }
            var r = await Guarded(work);
            Assert.Equal(ErrorCodes.Timeout, r.Error?.ErrorCode);
            Assert.Equal(2, server.Requests);
            Assert.Equal(2, r.Verbose.Count(v => v.Contains("no response within 0.5 s")));
            Assert.False(File.Exists(path));
            Assert.False(File.Exists(path + ".part"));
        }

        [Fact]
        public async Task A_body_that_stalls_midway_times_out()
        {
            using var server = new LoopbackServer(async (_, s) =>
            {
                await Write(s, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n0123456789");
                await Never();
            });
            var clock = new TestClock();
            var path = Path.Combine(_dir, "half.bin");
            var seen = new ConcurrentQueue<string>();
            var ctx = new CallContext(CancellationToken.None, action => seen.Enqueue(Direct.VerboseText(action)));
            var work = Capture(SignedUrlTransfer.DownloadAsync(Session(maxRetries: 0, timeoutSeconds: 0.5, clock), server.Url("/f/half.bin"), path, ctx, "dl"));
            // The ten bytes arrived (the timer was restarted for them); now nothing more comes for the whole timeout.
            await TestClock.UntilAsync(() => seen.Any(l => l.StartsWith("PROGRESS: 10 B of 1000 B", StringComparison.Ordinal)), "the first bytes");
            clock.Advance(TimeSpan.FromSeconds(0.5));
            var ex = await Guarded(work);
            Assert.Equal(ErrorCodes.Timeout, ex.ErrorCode);
            Assert.False(File.Exists(path + ".part"));
        }

        [Fact]
        public async Task Service_unavailable_is_retried_and_the_next_answer_is_saved()
        {
            var answers = new Queue<string>(new[] { "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello" });
            using var server = new LoopbackServer((_, s) => Write(s, answers.Dequeue()));
            var path = Path.Combine(_dir, "retry.bin");
            var file = await Guarded(SignedUrlTransfer.DownloadAsync(Session(maxRetries: 2), server.Url("/f/retry.bin"), path, CallContext.None(), "dl"));
            Assert.Equal("hello", File.ReadAllText(file.FullName));
            Assert.Equal(2, server.Connections);
        }

        [Fact]
        public async Task A_throttled_download_waits_as_long_as_Retry_After_says()
        {
            // Downloads take the same retry policy as every call: the service's Retry-After decides the delay.
            var answers = new Queue<string>(new[]
            {
                "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 7\r\nContent-Length: 0\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello",
            });
            using var server = new LoopbackServer((_, s) => Write(s, answers.Dequeue()));
            var clock = new TestClock();
            var path = Path.Combine(_dir, "later.bin");
            var r = await Guarded(Download(Session(maxRetries: 2, clock: clock), server.Url("/f/later.bin"), path));
            Assert.Null(r.Error);
            Assert.Equal("hello", File.ReadAllText(path));
            Assert.Equal(new[] { TimeSpan.FromSeconds(7) }, clock.Delays);
            // A throttled answer counts in the throttling budget (-MaxThrottleRetries), not in the 2 repeats of faults.
            Assert.Contains(r.Verbose, v => v.StartsWith("Retry 1 of 10 for GET ", StringComparison.Ordinal) && v.Contains("in 7.0 s") && v.Contains("HTTP 429"));
        }

        [Fact]
        public async Task A_broken_download_resumes_where_it_stopped_when_the_server_serves_ranges()
        {
            var requests = new ConcurrentQueue<string>();
            var answers = new Queue<string>(new[]
            {
                // Twenty bytes promised, ten sent, then the connection ends.
                "HTTP/1.1 200 OK\r\nContent-Length: 20\r\nAccept-Ranges: bytes\r\nETag: \"v1\"\r\n\r\n0123456789",
                "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes 10-19/20\r\nContent-Length: 10\r\nAccept-Ranges: bytes\r\nETag: \"v1\"\r\n\r\nabcdefghij",
            });
            using var server = new LoopbackServer((headers, s) =>
            {
                requests.Enqueue(headers);
                return Write(s, answers.Dequeue());
            });
            var path = Path.Combine(_dir, "resumed.bin");
            var file = await Guarded(SignedUrlTransfer.DownloadAsync(Session(maxRetries: 2), server.Url("/f/resumed.bin"), path, CallContext.None(), "dl"));
            Assert.Equal("0123456789abcdefghij", File.ReadAllText(file.FullName));
            var second = requests.Skip(1).Single();
            Assert.Contains("Range: bytes=10-", second, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("If-Range: \"v1\"", second, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Range:", requests.First(), StringComparison.OrdinalIgnoreCase);
        }

        [Fact]
        public async Task A_server_that_ignores_the_range_sends_the_file_again_and_it_is_saved_whole()
        {
            var answers = new Queue<string>(new[]
            {
                "HTTP/1.1 200 OK\r\nContent-Length: 20\r\nAccept-Ranges: bytes\r\n\r\n0123456789",
                "HTTP/1.1 200 OK\r\nContent-Length: 20\r\n\r\nABCDEFGHIJKLMNOPQRST",
            });
            using var server = new LoopbackServer((_, s) => Write(s, answers.Dequeue()));
            var path = Path.Combine(_dir, "again.bin");
            var file = await Guarded(SignedUrlTransfer.DownloadAsync(Session(maxRetries: 2), server.Url("/f/again.bin"), path, CallContext.None(), "dl"));
            Assert.Equal("ABCDEFGHIJKLMNOPQRST", File.ReadAllText(file.FullName));
        }

        [Fact]
        public async Task A_client_error_fails_at_once_and_the_error_hides_the_signature()
        {
            using var server = new LoopbackServer((_, s) => Write(s, "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n"));
            var path = Path.Combine(_dir, "denied.bin");
            var url = new Uri(server.Url("/f/denied.bin") + "?AccessKeyId=AKSECRETID&Signature=SIGSECRET&x-obs-security-token=TOKSECRET");
            var r = await Guarded(Download(Session(maxRetries: 3), url, path));
            var ex = r.Error;
            Assert.Equal("HTTP.403", ex?.ErrorCode);
            Assert.NotNull(ex);
            Assert.Equal(1, server.Connections);
            var shown = ex.Message + " " + ex.Target + " " + ErrorRecords.From(ex).ToString() + " " + ErrorRecords.From(ex).TargetObject + " " + string.Join(" ", r.Verbose);
            foreach (var secret in new[] { "AKSECRETID", "SIGSECRET", "TOKSECRET" }) Assert.DoesNotContain(secret, shown);
            Assert.Contains("/f/denied.bin", shown);
        }

        [Fact]
        public async Task Ctrl_C_during_the_backoff_leaves_no_part_file()
        {
            // A body cut short: the .part has bytes when the retry's backoff starts; Ctrl+C comes right then.
            using var server = new LoopbackServer(async (_, s) => await Write(s, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n0123456789"));
            var path = Path.Combine(_dir, "cut.bin");
            using var cts = new CancellationTokenSource();
            var ctx = new CallContext(cts.Token, action =>
            {
                if (Direct.VerboseText(action)?.StartsWith("Retry 1 of", StringComparison.Ordinal) == true) cts.Cancel();
            });
            var work = SignedUrlTransfer.DownloadAsync(Session(maxRetries: 3), server.Url("/f/cut.bin"), path, ctx, "dl");
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

        /// <summary>Accepts connections on loopback; reads each request's headers, then runs the handler (headers, stream) and closes.</summary>
        private sealed class LoopbackServer : IDisposable
        {
            private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
            private readonly ConcurrentBag<TcpClient> _clients = new ConcurrentBag<TcpClient>();
            private int _connections;
            private int _requests;

            public LoopbackServer(Func<string, NetworkStream, Task> handler)
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
                                var headers = await ReadHeaders(stream);
                                if (headers.EndsWith("\r\n\r\n", StringComparison.Ordinal)) Interlocked.Increment(ref _requests);
                                await handler(headers, stream);
                                await stream.FlushAsync();
                                client.Close();
                            }
                            catch (Exception) { }
                        });
                    }
                });
            }

            public int Connections => Volatile.Read(ref _connections);

            /// <summary>Requests whose headers arrived whole.</summary>
            public int Requests => Volatile.Read(ref _requests);

            public Uri Url(string path) => new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}{path}");

            private static async Task<string> ReadHeaders(NetworkStream s)
            {
                var seen = new StringBuilder();
                var one = new byte[1];
                while (!seen.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await s.ReadAsync(one, 0, 1) == 1) seen.Append((char)one[0]);
                return seen.ToString();
            }

            public void Dispose()
            {
                _listener.Stop();
                foreach (var c in _clients) c.Dispose();
            }
        }
    }
}
