using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Auth;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Files;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Core
{
    /// <summary>
    /// The per-attempt timeout of a transfer limits a stall, not the transfer's length: uploads restart it
    /// whenever a block leaves (FileSliceStream → AttemptTimer.Touch, as Send-MsAssetFile does).
    /// </summary>
    public class AttemptTimeoutTests
    {
        /// <summary>A server that takes the body slowly: a pause before reading, then a pause after every block.</summary>
        private sealed class SlowReader : HttpMessageHandler
        {
            public TimeSpan Before, BetweenBlocks;
            public int Attempts;

            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                Interlocked.Increment(ref Attempts);
                await Task.Delay(Before, cancellationToken);
                using var body = await request.Content.ReadAsStreamAsync(cancellationToken);
                var block = new byte[64 * 1024];
                while (await body.ReadAsync(block, cancellationToken) > 0) await Task.Delay(BetweenBlocks, cancellationToken);
                return new HttpResponseMessage(HttpStatusCode.OK);
            }
        }

        private static MsSession Session(HttpMessageHandler handler) => new MsSession("cn-north-4", new Uri("http://127.0.0.1:9/"), new Uri("http://127.0.0.1:9/"),
            new AkSkCredential("AK", SecretText.ToSecureString("SK")), "p", null, "Parameters",
            new SessionSettings { Timeout = TimeSpan.FromSeconds(2), MaxRetries = 1, RetryBaseDelay = TimeSpan.FromMilliseconds(10) }, handler);

        private static Task<MsResponse> Upload(MsSession session, string path, long length) => session.Client.SendExternalAsync(timer =>
            new HttpRequestMessage(HttpMethod.Put, "http://127.0.0.1:9/obs")
            {
                Content = new StreamContent(new FileSliceStream(path, 0, length, _ => timer.Touch())),
            }, idempotent: true, "PUT test", CallContext.None());

        [Fact]
        public async Task A_transfer_that_keeps_moving_outlasts_the_timeout()
        {
            var path = Path.GetTempFileName();
            try
            {
                File.WriteAllBytes(path, new byte[16 * 64 * 1024]);
                // Sixteen blocks with 250 ms pauses: 4 s in all, twice the 2 s timeout, while no pause
                // comes near it (the margin absorbs a busy machine).
                var handler = new SlowReader { Before = TimeSpan.Zero, BetweenBlocks = TimeSpan.FromMilliseconds(250) };
                using var session = Session(handler);
                var response = await Upload(session, path, 16 * 64 * 1024);
                Assert.Equal(200, response.StatusCode);
                Assert.Equal(1, handler.Attempts);
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
                var handler = new SlowReader { Before = TimeSpan.FromSeconds(6), BetweenBlocks = TimeSpan.Zero };
                using var session = Session(handler);
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
