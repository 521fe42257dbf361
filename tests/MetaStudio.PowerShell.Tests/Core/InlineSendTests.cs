using System;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Assets;
using MetaStudio.PowerShell.Core.Auth;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Http.Pipeline;
using MetaStudio.PowerShell.Tests.Assets;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Core
{
    /// <summary>
    /// A record that makes one request ends on the thread that started it (InlineSend): within an inline start the
    /// transport sends and reads synchronously, so the call's task has ended when the start returns. Everything else stays
    /// async: calls outside a start, after a hop, with a handler given to the session, bulk items in flight together,
    /// job polls. Ctrl+C and the attempt timeout still end a synchronous exchange. Latencies and delays below only make
    /// sure an async call cannot have ended by the time its start returns; the guards only catch hangs.
    /// </summary>
    public class InlineSendTests : IClassFixture<InlineSendTests.UnlimitedEmulator>, IDisposable
    {
        /// <summary>
        /// No rate limits on either side: a limiter wait (a hop) or a 429 and its retry would change which attempts go
        /// inline, which the tests below count.
        /// </summary>
        public sealed class UnlimitedEmulator : IAsyncLifetime
        {
            public EmulatorHost Emulator { get; private set; } = null!;   // set in InitializeAsync

            public async Task InitializeAsync() => Emulator = await EmulatorHost.StartAsync(new EmulatorOptions { EnforceRateLimits = false });

            public async Task DisposeAsync()
            {
                if (Emulator is not null) await Emulator.DisposeAsync();
            }
        }

        private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(300);
        private static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);
        private readonly EmulatorHost _emu;
        private readonly string _id;

        public InlineSendTests(UnlimitedEmulator f)
        {
            _emu = f.Emulator;
            _emu.Faults.Reset();
            _emu.Faults.Latency.Clear();
            _id = Seeds.Ready(_emu, Seeds.Unique("inline")).AssetId;
        }

        public void Dispose()
        {
            _emu.Faults.Reset();
            _emu.Faults.Latency.Clear();
        }

        private MsSession Session(Action<SessionSettings>? configure = null) => Direct.Session(_emu, s =>
        {
            s.RateLimitScale = 0;
            configure?.Invoke(s);
        });

        /// <summary>A session whose ShowAsset answers come late enough that an async call cannot have ended when its start returns.</summary>
        private MsSession SlowSession()
        {
            _emu.Faults.Latency["ShowAsset"] = Latency;
            return Session();
        }

        /// <summary>The call was still running when its start returned, ends well, and no attempt of the session went inline.</summary>
        private async Task AssertAsyncPath(MsSession session, Task<MsAsset?> task)
        {
            Assert.False(task.IsCompleted);
            Assert.Equal(_id, (await task)!.AssetId);
            Assert.Equal(0, InlineAttempts(session));
        }

        private MsRequest Show() => new MsRequest(OperationId.ShowAsset).WithPath("asset_id", _id);

        /// <summary>How many attempts of the session's transport went inline so far.</summary>
        internal static long InlineAttempts(MsSession session) => ((TransportPolicy)session.Client.Pipeline.Policies.Last()).InlineAttempts;

        /// <summary>Starts the call as the pipeline thread starts an item that runs alone.</summary>
        private static Task<T> StartInline<T>(Func<Task<T>> call)
        {
            using (InlineSend.Enter()) return call();
        }

        [Fact]
        public async Task A_call_started_inline_has_ended_when_its_start_returns()
        {
            using var session = Session();
            _emu.Faults.Latency["ShowAsset"] = Latency;
            var task = StartInline(() => session.Client.SendAsync<MsAsset>(Show(), CallContext.None()));
            Assert.True(task.IsCompleted, "the call was still running after its start returned");
            Assert.Equal(_id, (await task)!.AssetId);
            Assert.Equal(1, InlineAttempts(session));
            Assert.False(InlineSend.Allowed);   // the scope ended with the start
        }

        [Fact]
        public async Task A_call_outside_an_inline_start_stays_async()
        {
            using var session = SlowSession();
            var task = session.Client.SendAsync<MsAsset>(Show(), CallContext.None());
            await AssertAsyncPath(session, task);
        }

        [Fact]
        public async Task A_call_that_has_hopped_threads_stays_async()
        {
            using var session = SlowSession();
            // As after a limiter wait or a token refresh: the rest of the call runs on another thread, outside the start.
            var task = StartInline(async () =>
            {
                await Task.Yield();
                return await session.Client.SendAsync<MsAsset>(Show(), CallContext.None());
            });
            await AssertAsyncPath(session, task);
        }

        [Fact]
        public async Task Work_that_forgoes_the_inline_start_stays_async()
        {
            using var session = SlowSession();
            // What a job poll does before it sends a round of reads together.
            var task = StartInline(() =>
            {
                InlineSend.Forgo();
                return session.Client.SendAsync<MsAsset>(Show(), CallContext.None());
            });
            await AssertAsyncPath(session, task);
        }

        [Fact]
        public async Task A_job_poll_started_inline_keeps_its_reads_in_flight_together()
        {
            using var session = Session();
            var ids = new[] { _id, Seeds.Ready(_emu, Seeds.Unique("inline")).AssetId, Seeds.Ready(_emu, Seeds.Unique("inline")).AssetId };
            _emu.Faults.Operation = "ShowAsset";
            _emu.Faults.Delay = TimeSpan.FromSeconds(2);
            var poller = new MetaStudio.PowerShell.Core.Jobs.JobPoller<MsAsset>(
                (id, c) => session.Client.SendAsync<MsAsset>(new MsRequest(OperationId.ShowAsset).WithPath("asset_id", id), c), _ => true);
            var ended = new System.Collections.Concurrent.ConcurrentBag<string>();
            // Watched from the start: sent one after another (inline), the three reads would never be held together.
            var allHeld = Task.Run(() => SpinWait.SpinUntil(() => _emu.Faults.Held >= 3, Guard));
            var task = StartInline<bool>(async () =>
            {
                await poller.RunAsync(ids, CallContext.None(), r => ended.Add(r.Id));
                return true;
            });
            Assert.False(task.IsCompleted);
            Assert.True(await allHeld, "the round's reads were not in flight together");
            await task.WaitAsync(Guard);
            Assert.Equal(ids.OrderBy(i => i), ended.OrderBy(i => i));
            Assert.Equal(0, InlineAttempts(session));
        }

        /// <summary>A handler that only implements SendAsync, as tests give sessions: its synchronous Send would throw.</summary>
        private sealed class AsyncOnly : HttpMessageHandler
        {
            private readonly HttpMessageInvoker _inner = new(new HttpClientHandler(), disposeHandler: true);

            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
                => _inner.SendAsync(request, cancellationToken);

            protected override void Dispose(bool disposing)
            {
                if (disposing) _inner.Dispose();
                base.Dispose(disposing);
            }
        }

        [Fact]
        public async Task A_handler_given_to_the_session_keeps_the_async_path()
        {
            var credential = new AkSkCredential(EmulatorOptions.DefaultAccessKey, SecretText.ToSecureString(EmulatorOptions.DefaultSecretKey));
            using var session = new MsSession("cn-north-4", _emu.BaseUri, _emu.BaseUri, credential, Direct.ProjectId, null, "Parameter", new SessionSettings { RateLimitScale = 0 }, new AsyncOnly());
            var task = StartInline(() => session.Client.SendAsync<MsAsset>(Show(), CallContext.None()));
            Assert.Equal(_id, (await task)!.AssetId);
            Assert.Equal(0, InlineAttempts(session));
        }

        [Fact]
        public async Task Cancellation_ends_a_synchronous_exchange()
        {
            using var session = Session();
            using var cts = new CancellationTokenSource();
            _emu.Faults.Operation = "ShowAsset";
            _emu.Faults.Delay = TimeSpan.FromSeconds(60);
            // Ctrl+C (StopProcessing) cancels the call's token from another thread once the emulator holds the request.
            var stopper = Task.Run(() =>
            {
                if (SpinWait.SpinUntil(() => _emu.Faults.Held > 0, Guard)) cts.Cancel();
            });
            var task = StartInline(() => session.Client.SendAsync<MsAsset>(Show(), CallContext.None(cts.Token)));
            Assert.True(task.IsCompleted, "the call was still running after its start returned");
            await stopper.WaitAsync(Guard);   // hang guard
            Assert.True(cts.IsCancellationRequested, "the request never reached the emulator");
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
            Assert.Equal(1, InlineAttempts(session));
        }

        [Fact]
        public async Task The_attempt_timeout_ends_a_synchronous_exchange_waiting_for_its_answer()
        {
            using var session = Session(s => { s.Timeout = TimeSpan.FromSeconds(1); s.MaxRetries = 0; });
            _emu.Faults.Operation = "ShowAsset";
            _emu.Faults.Delay = TimeSpan.FromSeconds(60);
            var task = StartInline(() => session.Client.SendAsync<MsAsset>(Show(), CallContext.None()));
            Assert.True(task.IsCompleted, "the call was still running after its start returned");
            var error = await Assert.ThrowsAsync<MsServiceException>(() => task);
            Assert.Equal(ErrorCodes.Timeout, error.ErrorCode);
            Assert.Equal(1, InlineAttempts(session));
        }

        [Fact]
        public async Task A_body_that_stalls_after_a_synchronous_send_is_ended_by_the_attempt_timeout_and_retried()
        {
            using var session = Session(s => { s.Timeout = TimeSpan.FromSeconds(1); s.MaxRetries = 3; });
            // A first call warms the emulator and the connection: an attempt that timed out on a cold, loaded machine before
            // the emulator had answered would leave the stall to its retry.
            Assert.Equal(_id, (await session.Client.SendAsync<MsAsset>(Show(), CallContext.None()))!.AssetId);
            _emu.Faults.Operation = "ShowAsset";
            _emu.Faults.StallNext = 1;   // headers and half the body, then nothing
            var task = StartInline(() => session.Client.SendAsync<MsAsset>(Show(), CallContext.None()));
            Assert.Equal(_id, (await task.WaitAsync(Guard))!.AssetId);
            Assert.Equal(1, _emu.Faults.Injected["Stall"]);
            // The stalled attempt was sent inline; the retry came after the backoff's timer, on another thread.
            Assert.Equal(1, InlineAttempts(session));
        }
    }

    /// <summary>The inline path as cmdlets take it in a shell: one record alone inline, bulk items in flight together async.</summary>
    public class InlineSendCmdletTests : IClassFixture<InlineSendTests.UnlimitedEmulator>
    {
        private static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);
        private readonly EmulatorHost _emu;

        public InlineSendCmdletTests(InlineSendTests.UnlimitedEmulator f)
        {
            _emu = f.Emulator;
            _emu.Faults.Reset();
        }

        // Unpaced shells (PsSession.Unpaced), as the fixture's emulator keeps no limits: a wait for the shared limiter
        // (other tests reading ShowAsset at the same time) is a hop, after which the call rightly goes async.

        [Fact]
        public void A_record_that_makes_one_request_is_sent_inline()
        {
            var ids = Enumerable.Range(0, 3).Select(_ => Seeds.Ready(_emu, Seeds.Unique("inline")).AssetId).ToArray();
            using var ps = PsSession.Unpaced(_emu);
            var session = ps.Run("$MsSession").Single<MsSession>();
            var before = InlineSendTests.InlineAttempts(session);
            var result = ps.Run("foreach ($id in $ids) { Get-MsAsset -AssetId $id }", new System.Collections.Generic.Dictionary<string, object> { ["ids"] = ids });
            Assert.Equal(ids, result.AssertNoErrors().All<MsAsset>().Select(a => a.AssetId));
            Assert.Equal(3, InlineSendTests.InlineAttempts(session) - before);
        }

        [Fact]
        public void Piped_ids_in_flight_together_are_not_sent_inline()
        {
            var ids = Enumerable.Range(0, 6).Select(_ => Seeds.Ready(_emu, Seeds.Unique("bulk")).AssetId).ToArray();
            using var ps = PsSession.Unpaced(_emu);
            var session = ps.Run("$MsSession").Single<MsSession>();
            var before = InlineSendTests.InlineAttempts(session);
            var result = ps.Run("$ids | Get-MsAsset -ThrottleLimit 4", new System.Collections.Generic.Dictionary<string, object> { ["ids"] = ids });
            Assert.Equal(ids, result.AssertNoErrors().All<MsAsset>().Select(a => a.AssetId));   // input order
            // The first goes alone (inline, as any single record); the rest are in flight together, each on its own.
            Assert.Equal(1, InlineSendTests.InlineAttempts(session) - before);
        }

        [Fact]
        public void Ctrl_C_stops_a_record_sent_inline()
        {
            var id = Seeds.Ready(_emu, Seeds.Unique("stop")).AssetId;
            using var ps = PsSession.Unpaced(_emu);
            var session = ps.Run("$MsSession").Single<MsSession>();
            var before = InlineSendTests.InlineAttempts(session);
            _emu.Faults.Operation = "ShowAsset";
            _emu.Faults.Delay = TimeSpan.FromSeconds(60);
            try
            {
                MetaStudio.PowerShell.Tests.Session.CancellationTests.StopWhileRunning(ps, $"Get-MsAsset -AssetId {id}", _emu, $"/v1/{Direct.ProjectId}/digital-assets/{id}");
            }
            finally
            {
                _emu.Faults.Reset();
            }
            Assert.Equal(1, InlineSendTests.InlineAttempts(session) - before);
            // The runspace goes on working.
            Assert.Equal(id, ps.Run($"Get-MsAsset -AssetId {id}").AssertNoErrors().Single<MsAsset>().AssetId);
        }
    }
}
