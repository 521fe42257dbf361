#nullable enable
using System;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace MetaStudio.PowerShell.Core.Http.Pipeline
{
    /// <summary>
    /// The last step: the session's HttpClient. Refuses a request that would leave the machine under
    /// METASTUDIO_LOOPBACK_ONLY (<see cref="NetworkGuard"/>), sends the attempt's request on the attempt's token,
    /// and reads the answer whole into an <see cref="MsResponse"/>, or hands a successful answer's body to the
    /// message's reader (downloads stream to disk).
    /// </summary>
    internal sealed class TransportPolicy : MsPolicy
    {
        private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(60);
        private readonly MsSession _session;
        private readonly HttpClient _http;
        private readonly bool _mayBlock;
        private long _inline;

        /// <param name="ownHandler">
        /// The session's handler is the module's own (HttpHandlers), whose synchronous Send works; a handler given to the
        /// session (tests) may implement SendAsync only (HttpMessageHandler.Send throws NotSupportedException).
        /// </param>
        public TransportPolicy(MsSession session, HttpClient http, bool ownHandler)
        {
            _session = session;
            _http = http;
            _mayBlock = ownHandler && InlineSend.HttpSend != null;
        }

        /// <summary>How many attempts this transport has sent synchronously (InlineSend), whatever their outcome: for tests.</summary>
        internal long InlineAttempts => Interlocked.Read(ref _inline);

        public override ValueTask ProcessAsync(MsMessage message, ReadOnlyMemory<MsPolicy> next) => SendAsync(message);

        /// <summary>
        /// Sent synchronously when the message runs within an inline start (InlineSend) on a runtime that can, with the
        /// module's own handler, over HTTP/1.x (SocketsHttpHandler sends nothing else synchronously), and for a buffered
        /// answer: uploads and downloads stream, and keep the async path.
        /// </summary>
        private bool Inline(MsMessage message)
            => _mayBlock && InlineSend.Allowed && message.ReadBody == null && message.Factory == null && message.Request.Version.Major == 1;

        /// <summary>
        /// One exchange. Inline (<see cref="Inline"/>) the request is sent and its answer's headers awaited synchronously
        /// (HttpClient.Send gives up on the attempt's token by closing the connection), and the body, normally already
        /// received with the headers, is read at once, so the task this returns has usually ended by the time it returns.
        /// </summary>
        private async ValueTask SendAsync(MsMessage message)
        {
            var request = message.Request;
            NetworkGuard.Check(_session, request.RequestUri);
            var inline = Inline(message);
            if (inline) Interlocked.Increment(ref _inline);
            var token = message.AttemptToken;
            var streamed = message.ReadBody != null;
            try
            {
                // Headers first in both cases: a buffered answer's body goes straight into an array of its announced length, within the session's cap (ResponseBody).
                using (var response = inline
                           ? InlineSend.HttpSend!(_http, request, HttpCompletionOption.ResponseHeadersRead, token)
                           : await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false))
                // Streams that ignore the token (older frameworks) are unblocked by disposing the response.
                using (token.Register(Dispose, response))
                {
                    byte[] body;
                    if (streamed && response.IsSuccessStatusCode)
                    {
                        await message.ReadBody!(response, message.Timer, token).ConfigureAwait(false);
                        body = Array.Empty<byte>();
                    }
                    else
                    {
                        // Read asynchronously even inline: an answer already received (the usual case) completes at once, without a
                        // hop; one still on its way goes on where it arrives. A blocking read would be ended by the token only through
                        // disposing the response, which lets SocketsHttpHandler drain the connection instead of closing it at once.
                        body = await ResponseBody.ReadAsync(response, _session.MaxResponseBytes, message, token).ConfigureAwait(false);
                    }
                    var requestId = response.Headers.TryGetValues("X-Request-Id", out var ids) ? ids.FirstOrDefault() : null;
                    // The headers are copied only if someone reads them (MsResponse.Headers).
                    message.Response = new MsResponse((int)response.StatusCode, requestId, body, RetryAfter(response.Headers.RetryAfter, message.Clock), response.Headers);
                }
            }
            catch (Exception ex) when (inline && token.IsCancellationRequested && !(ex is OperationCanceledException))
            {
                // A synchronous send cut short by the token may fail as I/O: it was a cancellation, as on the async path.
                throw new OperationCanceledException(ex.Message, ex, token);
            }
        }

        private static void Dispose(object? response) => ((HttpResponseMessage)response!).Dispose();

        /// <summary>The service's Retry-After as a delay, at most a minute (a date in the past means now).</summary>
        internal static TimeSpan? RetryAfter(RetryConditionHeaderValue? value, TimeProvider clock)
        {
            if (value == null) return null;
            var delay = value.Delta ?? (value.Date.HasValue ? value.Date.Value - clock.GetUtcNow() : (TimeSpan?)null);
            if (!delay.HasValue) return null;
            if (delay.Value < TimeSpan.Zero) return TimeSpan.Zero;
            return delay.Value > MaxRetryAfter ? MaxRetryAfter : delay.Value;
        }
    }
}
