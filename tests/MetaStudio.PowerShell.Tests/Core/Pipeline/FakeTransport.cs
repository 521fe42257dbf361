using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Auth;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Http.Pipeline;
using MetaStudio.PowerShell.Tests.Infrastructure;

namespace MetaStudio.PowerShell.Tests.Core.Pipeline
{
    /// <summary>
    /// An HttpMessageHandler that answers from a script, one step per request, and records what it was sent and
    /// when (on the test clock). Sessions built on it (<see cref="Session"/>) reach nothing but this object.
    /// </summary>
    internal sealed class FakeTransport : HttpMessageHandler
    {
        private readonly ConcurrentQueue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> _script = new();
        private readonly ConcurrentQueue<Sent> _sent = new();
        private readonly TimeProvider _clock;

        public FakeTransport(TimeProvider clock) => _clock = clock;

        public sealed record Sent(string Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, DateTimeOffset At);

        public IReadOnlyList<Sent> Requests => _sent.ToArray();

        /// <summary>A success answer ShowAsset's model accepts (the pipeline checks every answer against its operation).</summary>
        public const string DefaultAnswer = "{\"asset_id\":\"a1\"}";

        /// <summary>The next request gets this answer (the last step repeats once the script runs out).</summary>
        public FakeTransport Then(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> step)
        {
            _script.Enqueue(step);
            return this;
        }

        public FakeTransport Then(HttpStatusCode status, string? json = null, Action<HttpResponseMessage>? headers = null)
            => Then((_, _) =>
            {
                var response = new HttpResponseMessage(status) { Content = new StringContent(json ?? DefaultAnswer, Encoding.UTF8, "application/json") };
                response.Headers.TryAddWithoutValidation("X-Request-Id", "req-" + _sent.Count);
                headers?.Invoke(response);
                return Task.FromResult(response);
            });

        public FakeTransport ThenThrow(Exception ex) => Then((_, _) => Task.FromException<HttpResponseMessage>(ex));

        /// <summary>Never answers: the attempt ends when it is cancelled (its timeout, or Ctrl+C).</summary>
        public FakeTransport ThenSilence() => Then(async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("unreachable");
        });

        private Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>? _last;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
                .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
            _sent.Enqueue(new Sent(request.Method.Method, request.RequestUri!, headers,   // HttpClient refuses a request without one
                _clock.GetUtcNow()));
            if (_script.TryDequeue(out var step)) _last = step;
            return (_last ?? throw new InvalidOperationException("The fake transport has no answer scripted."))(request, cancellationToken);
        }

        public const string Endpoint = "http://127.0.0.1:9/";

        /// <summary>A session whose every request reaches this transport, on the given clock.</summary>
        public MsSession Session(TimeProvider clock, Action<SessionSettings>? configure = null, MsCredential? credential = null, string projectId = "p1", string? appUserId = null)
        {
            var settings = new SessionSettings { RetryBaseDelay = TimeSpan.FromMilliseconds(100), Timeout = TimeSpan.FromSeconds(2), MaxRetries = 3, TimeProvider = clock };
            configure?.Invoke(settings);
            return new MsSession("cn-north-4", new Uri(Endpoint), new Uri(Endpoint), credential ?? new AkSkCredential("AK", SecretText.ToSecureString("SK")),
                projectId, appUserId, "Parameter", settings, this);
        }

        /// <summary>
        /// Runs the message through these steps only, then this session's transport: a policy tested alone. The
        /// attempt is begun here, as the retry step would.
        /// </summary>
        public static async Task RunAlone(MsSession session, MsMessage message, params MsPolicy[] steps)
        {
            message.Clock = session.TimeProvider;
            message.BeginAttempt(session.Timeout);
            var policies = steps.Append(new TransportPolicy(session, session.Http, session.OwnHandler)).ToArray();
            await policies[0].ProcessAsync(message, new ReadOnlyMemory<MsPolicy>(policies, 1, policies.Length - 1));
        }

        /// <summary>A message for a URL outside the catalog.</summary>
        public static MsMessage Message(RequestOptions options, string path = "x", bool idempotent = true, CallContext? ctx = null, HttpMethod? method = null)
            => new MsMessage(options, ctx ?? CallContext.None(), "GET /" + path, path, idempotent) { Method = method ?? HttpMethod.Get, Uri = new Uri(Endpoint + path) };
    }

    /// <summary>A credential that counts its signatures and hands out a new token after each Invalidate (a stand-in for IAM tokens).</summary>
    internal sealed class CountingCredential : MsCredential
    {
        private int _generation = 1;
        public int Invalidations;

        public override string AuthMode => "Test";
        public override string Identity => "tester";
        internal override bool Renewable => true;

        internal override Task AuthorizeAsync(HttpRequestMessage request, byte[]? body, MsSession session, CallContext context)
        {
            request.Headers.Remove("X-Auth-Token");
            request.Headers.TryAddWithoutValidation("X-Auth-Token", "token-" + Volatile.Read(ref _generation));
            return Task.CompletedTask;
        }

        internal override bool Invalidate()
        {
            Interlocked.Increment(ref Invalidations);
            Interlocked.Increment(ref _generation);
            return true;
        }
    }
}
