using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.Emulator;
using MetaStudio.Emulator.Infrastructure;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Core
{
    /// <summary>Bounds on time: what counts against the retry budget, and calls that must not hang.</summary>
    public class ResilienceTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorHost _emu;

        public ResilienceTests(EmulatorFixture f)
        {
            _emu = f.Emulator;
            _emu.Faults.Reset();
            _emu.Handlers.Add(OperationId.ShowAsset, r => EmuResponse.Ok(new { asset_id = r.Route["asset_id"] }));
            WarmUp(_emu);
            _emu.Log.Clear();
        }

        /// <summary>
        /// The first request of a test process can take a second (JIT, first connection), longer than the retry
        /// budgets these tests give a call; which test of the run goes first depends on xunit's ordering. One
        /// successful call first makes every test here start warm, whatever the order.
        /// </summary>
        private static void WarmUp(EmulatorHost emu)
        {
            using var s = Direct.Session(emu);
            var warm = Direct.SendAsync(s, new MsRequest(OperationId.ShowAsset).WithPath("asset_id", "warm-up")).GetAwaiter().GetResult();
            Assert.Null(warm.Error);
        }

        [Fact]
        public async Task Calls_queued_behind_the_client_limiter_keep_their_retry_budget()
        {
            // ShowAsset in cn-north-4 is 20/s; scaled to 1/s (a bucket of its own) three calls and their
            // retries queue for up to 5 s, five times the 1 s retry budget. Waiting in our own queue is not failing.
            using var s = Direct.Session(_emu, settings =>
            {
                settings.RateLimitScale = 0.05;
                settings.RetryTimeLimit = TimeSpan.FromSeconds(1);
            });
            _emu.Faults.FailNext = 3;
            var calls = Enumerable.Range(0, 3).Select(i => Direct.SendAsync(s, new MsRequest(OperationId.ShowAsset).WithPath("asset_id", "q" + i))).ToList();
            var results = await Guard(Task.WhenAll(calls));
            Assert.All(results, r => Assert.Null(r.Error));
            Assert.Equal(3, _emu.Log.All.Count(e => e.Operation == "ShowAsset" && e.Status == 500));
            Assert.Equal(3, _emu.Log.All.Count(e => e.Operation == "ShowAsset" && e.Status == 200));
        }

        [Fact]
        public async Task The_retry_budget_still_stops_retries_of_a_failing_call()
        {
            // Backoff and the budget on the test clock: the delays are counted, not waited.
            var clock = new TestClock();
            using var s = Direct.Session(_emu, settings =>
            {
                settings.MaxRetries = 20;
                settings.RetryBaseDelay = TimeSpan.FromMilliseconds(200);
                settings.RetryTimeLimit = TimeSpan.FromMilliseconds(300);
            }, clock: clock);
            _emu.Faults.FailNext = 100;
            var r = await Guard(Direct.SendAsync(s, new MsRequest(OperationId.ShowAsset).WithPath("asset_id", "z")));
            Assert.Equal("MSS.00000001", r.Error?.ErrorCode);
            Assert.Contains(r.Verbose, v => v.Contains("retry time limit is used up"));
            Assert.InRange(_emu.Log.Count("ShowAsset"), 2, 10);
            // Each retry came after a backoff; the last began within the budget, the one it would have needed did not.
            Assert.Equal(_emu.Log.Count("ShowAsset") - 1, clock.Delays.Count);
        }

        [Fact]
        public async Task Project_lookup_against_a_silent_server_times_out_instead_of_hanging()
        {
            // Accepts connections and never answers: the classic half-dead gateway.
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var accepted = new System.Collections.Concurrent.ConcurrentBag<TcpClient>();
            _ = Task.Run(async () =>
            {
                try { while (true) accepted.Add(await listener.AcceptTcpClientAsync()); }
                catch (Exception) { }
            });
            try
            {
                var endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
                var clock = new TestClock();
                using var s = Direct.Session(_emu, settings =>
                {
                    settings.Timeout = TimeSpan.FromMilliseconds(500);
                    settings.MaxRetries = 1;
                }, endpoint: endpoint, projectId: null, clock: clock);
                var sending = Direct.SendAsync(s, new MsRequest(OperationId.ShowAsset).WithPath("asset_id", "a"));
                // Each attempt's half second runs out on the test clock once the silent server holds its request (bytes
                // waiting on a connection), not merely a connection: the client connects apart from its requests, so a
                // request timed out before it was written would leave its new connection idle for the next attempt.
                for (var request = 1; request <= 2; request++)
                {
                    await TestClock.UntilAsync(() => accepted.Count(c => c.Available > 0) >= request, $"request {request}");
                    await clock.FireNextTimeoutAsync();
                }
                var r = await Guard(sending);
                Assert.Equal(ErrorCodes.Timeout, r.Error?.ErrorCode);
                // Retried once: a lookup is a read.
                Assert.True(accepted.Count >= 2, $"{accepted.Count} connection(s)");
            }
            finally
            {
                listener.Stop();
                foreach (var c in accepted) c.Dispose();
            }
        }

        [Fact]
        public async Task A_passing_IAM_outage_is_retried_and_is_not_a_session_failure()
        {
            // Answers 503 to everything: IAM is down, the credentials are not wrong.
            var listener = new HttpListener();
            var port = FreePort();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            listener.Start();
            var hits = 0;
            _ = Task.Run(async () =>
            {
                try
                {
                    while (true)
                    {
                        var c = await listener.GetContextAsync();
                        System.Threading.Interlocked.Increment(ref hits);
                        c.Response.StatusCode = 503;
                        c.Response.Close();
                    }
                }
                catch (Exception) { }
            });
            try
            {
                using var s = Direct.Session(_emu, settings => settings.MaxRetries = 2, endpoint: new Uri($"http://127.0.0.1:{port}/"), projectId: null);
                var r = await Guard(Direct.SendAsync(s, new MsRequest(OperationId.ShowAsset).WithPath("asset_id", "a")));
                Assert.Equal("HTTP.503", r.Error?.ErrorCode);
                Assert.NotNull(r.Error);
                Assert.False(r.Error.IsSessionFailure);
                Assert.Equal(3, hits);
            }
            finally
            {
                listener.Stop();
            }
        }

        private static int FreePort()
        {
            var l = new TcpListener(IPAddress.Loopback, 0);
            l.Start();
            var port = ((IPEndPoint)l.LocalEndpoint).Port;
            l.Stop();
            return port;
        }

        /// <summary>A guard against a hang (the bug these tests are about), not a timing assertion.</summary>
        private static async Task<T> Guard<T>(Task<T> task)
        {
            if (await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(60))) != task) throw new TimeoutException("The call hung.");
            return await task;
        }
    }
}
