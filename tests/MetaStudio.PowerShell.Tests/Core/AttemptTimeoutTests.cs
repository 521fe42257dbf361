using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Auth;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Transfers;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Core
{
    /// <summary>
    /// The per-attempt timeout of a transfer limits a stall, not the transfer's length: the transfer component
    /// restarts it whenever a block leaves (FileSliceStream → AttemptTimer.Touch). On a test clock: the server
    /// below moves the clock itself, as if it took that long, so nothing here sleeps.
    /// </summary>
    public class AttemptTimeoutTests
    {
        /// <summary>A server that takes the body slowly: a pause before reading, then a pause after every block.</summary>
        private sealed class SlowReader : HttpMessageHandler
        {
            private readonly TestClock _clock;
            public TimeSpan Before, BetweenBlocks;
            public int Attempts;

            public SlowReader(TestClock clock) => _clock = clock;

            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                Interlocked.Increment(ref Attempts);
                _clock.Advance(Before);
                cancellationToken.ThrowIfCancellationRequested();
                Assert.NotNull(request.Content);
                using var body = await request.Content.ReadAsStreamAsync(cancellationToken);
                var block = new byte[64 * 1024];
                while (await body.ReadAsync(block, cancellationToken) > 0)
                {
                    _clock.Advance(BetweenBlocks);
                    cancellationToken.ThrowIfCancellationRequested();
                }
                return new HttpResponseMessage(HttpStatusCode.OK);
            }
        }

        private static MsSession Session(HttpMessageHandler handler, TestClock clock) => new MsSession("cn-north-4", new Uri("http://127.0.0.1:9/"), new Uri("http://127.0.0.1:9/"),
            new AkSkCredential("AK", SecretText.ToSecureString("SK")), "p", null, "Parameters",
            new SessionSettings { Timeout = TimeSpan.FromSeconds(2), MaxRetries = 1, RetryBaseDelay = TimeSpan.FromMilliseconds(10), TimeProvider = clock }, handler);

        private static Task Upload(MsSession session, string path, long length)
        {
            var ctx = CallContext.None();
            var part = new UploadPart("test", new FileInfo(path), 0, length, "http://127.0.0.1:9/obs");
            return SignedUrlTransfer.UploadAsync(session, new[] { part }, new UploadOptions(new TransferProgress(ctx, 1, "test")), ctx);
        }

        [Fact]
        public async Task A_transfer_that_keeps_moving_outlasts_the_timeout()
        {
            var path = Path.GetTempFileName();
            try
            {
                File.WriteAllBytes(path, new byte[16 * 64 * 1024]);
                // Sixteen blocks with 250 ms pauses: 4 s in all, twice the 2 s timeout, while no pause comes near it.
                var clock = new TestClock();
                var handler = new SlowReader(clock) { Before = TimeSpan.Zero, BetweenBlocks = TimeSpan.FromMilliseconds(250) };
                using var session = Session(handler, clock);
                var started = clock.GetUtcNow();
                await Upload(session, path, 16 * 64 * 1024);
                Assert.Equal(1, handler.Attempts);
                Assert.True(clock.GetUtcNow() - started >= TimeSpan.FromSeconds(4), $"the transfer took {clock.GetUtcNow() - started} on the test clock");
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public async Task A_transfer_that_stalls_times_out_and_is_retried()
        {
            var path = Path.GetTempFileName();
            try
            {
                File.WriteAllBytes(path, new byte[64 * 1024]);
                var clock = new TestClock();
                var handler = new SlowReader(clock) { Before = TimeSpan.FromSeconds(6), BetweenBlocks = TimeSpan.Zero };
                using var session = Session(handler, clock);
                var error = await Assert.ThrowsAsync<MsServiceException>(() => Upload(session, path, 64 * 1024));
                Assert.Equal(ErrorCodes.Timeout, error.ErrorCode);
                Assert.Equal(2, handler.Attempts);
            }
            finally
            {
                File.Delete(path);
            }
        }
    }
}
