#nullable enable
using System;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
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

        public TransportPolicy(MsSession session, HttpClient http)
        {
            _session = session;
            _http = http;
        }

        public override async ValueTask ProcessAsync(MsMessage message, ReadOnlyMemory<MsPolicy> next)
        {
            var request = message.Request;
            NetworkGuard.Check(_session, request.RequestUri);
            var token = message.AttemptToken;
            var streamed = message.ReadBody != null;
            // Headers first in both cases: a buffered answer's body goes straight into an array of its announced length (ResponseBody).
            using (var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false))
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
                    body = await ResponseBody.ReadAsync(response.Content, token).ConfigureAwait(false);
                }
                var requestId = response.Headers.TryGetValues("X-Request-Id", out var ids) ? ids.FirstOrDefault() : null;
                // The headers are copied only if someone reads them (MsResponse.Headers).
                message.Response = new MsResponse((int)response.StatusCode, requestId, body, RetryAfter(response.Headers.RetryAfter, message.Clock), response.Headers);
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
