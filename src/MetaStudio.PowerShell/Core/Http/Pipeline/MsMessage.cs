#nullable enable
using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace MetaStudio.PowerShell.Core.Http.Pipeline
{
    /// <summary>
    /// One call on its way through the pipeline (Azure.Core's HttpMessage): what to send, the options that decide
    /// which steps apply, the state the steps share, and the answer. An HttpRequestMessage cannot be sent twice, so
    /// each attempt builds its own (<see cref="Request"/>) from the message's method, address and bytes, or from
    /// <see cref="Factory"/> when the content is a stream (an upload part read from disk).
    /// </summary>
    internal sealed class MsMessage : IDisposable
    {
        private HttpRequestMessage? _request;
        private List<KeyValuePair<string, string>>? _headers;

        public MsMessage(RequestOptions options, CallContext context, string name, object? target, bool idempotent)
        {
            Options = options;
            Context = context;
            Name = name;
            Label = name;
            Target = target;
            Idempotent = idempotent;
        }

        /// <summary>A catalog operation: its method, path and body come from the request once it is checked and addressed.</summary>
        public static MsMessage ForOperation(MsRequest request, CallContext context)
            => new MsMessage(RequestOptions.Operation, context, request.Operation.Name, request.Target, request.Operation.Idempotent)
            {
                Operation = request,
                Method = MethodOf(request.Operation.Method),
                ContentType = "application/json",
            };

        public RequestOptions Options { get; }
        public CallContext Context { get; }

        /// <summary>What errors call the call: the operation's name, or the label of a call outside the catalog.</summary>
        public string Name { get; }

        /// <summary>What the verbose stream calls it: method and path (never a signed URL's query).</summary>
        public string Label { get; set; }

        /// <summary>The id or object the call is about; the ErrorRecord's target.</summary>
        public object? Target { get; }

        /// <summary>May be repeated after a failure that may have reached the service (5xx, a cut connection, a timeout).</summary>
        public bool Idempotent { get; }

        /// <summary>The catalog operation, or null for a URL outside the catalog.</summary>
        public MsRequest? Operation { get; private set; }

        public HttpMethod Method { get; set; } = HttpMethod.Get;
        public Uri? Uri { get; set; }

        /// <summary>The bytes sent (and signed); null for no body.</summary>
        public byte[]? Body { get; set; }

        /// <summary>The body's type; POST and PUT without a body still send an empty body of this type.</summary>
        public string? ContentType { get; set; }

        /// <summary>Builds each attempt's request instead of the fields above (streamed content; the timer is touched as bytes move).</summary>
        public Func<AttemptTimer, HttpRequestMessage>? Factory { get; set; }

        /// <summary>
        /// Reads a successful answer's body as a stream within the attempt (downloads), instead of buffering it in
        /// <see cref="MsResponse.Body"/>; it touches the timer as bytes arrive, so the attempt timeout limits a stall.
        /// </summary>
        public Func<HttpResponseMessage, AttemptTimer, CancellationToken, Task>? ReadBody { get; set; }

        /// <summary>Headers added to every attempt's request.</summary>
        public MsMessage WithHeader(string name, string value)
        {
            (_headers ??= new List<KeyValuePair<string, string>>()).Add(new KeyValuePair<string, string>(name, value));
            return this;
        }

        // ---- shared by the steps ----

        /// <summary>The session's clock (set by the pipeline).</summary>
        public TimeProvider Clock { get; internal set; } = TimeProvider.System;

        /// <summary>The project the operation is addressed to (set by <see cref="AddressPolicy"/>).</summary>
        public string? ProjectId { get; internal set; }

        /// <summary>The time this call may spend failing and backing off; null when retries are off.</summary>
        internal CallBudget? Budget { get; set; }

        /// <summary>The operation's client-side limiter, looked up once per call by <see cref="RateLimitPolicy"/>.</summary>
        internal RateLimiting.OperationRateLimiter? Limiter { get; set; }

        /// <summary>Set once a 401 has cost the credential its cached token: one refresh per call.</summary>
        internal bool TokenRefreshed { get; set; }

        /// <summary>1 for the first attempt, then one more for each retry.</summary>
        public int Attempt { get; private set; }

        /// <summary>The current attempt's timer (armed by <see cref="AttemptTimeoutPolicy"/>).</summary>
        public AttemptTimer Timer { get; private set; } = null!;

        /// <summary>Cancelled by Ctrl+C or by the attempt's timeout.</summary>
        public CancellationToken AttemptToken => Timer?.Token ?? Context.Token;

        /// <summary>The answer of the last attempt (after the steps have seen it, the answer of the call).</summary>
        public MsResponse? Response { get; set; }

        /// <summary>The current attempt's request, built on first use.</summary>
        public HttpRequestMessage Request => _request ??= CreateRequest();

        /// <summary>A new attempt: a new request, a new timer, no answer yet.</summary>
        public void BeginAttempt(TimeSpan attemptTimeout)
        {
            EndAttempt();
            Attempt++;
            Response = null;
            Timer = new AttemptTimer(Context.Token, attemptTimeout, Clock);
        }

        /// <summary>The same attempt once more, with a request built and signed afresh (after a token refresh).</summary>
        public void Restart()
        {
            _request?.Dispose();
            _request = null;
            Response = null;
        }

        private HttpRequestMessage CreateRequest()
            => Factory != null ? Factory(Timer) : BuildRequest(Method, Uri!, Body, ContentType, _headers);

        /// <summary>A request with these bytes; POST and PUT always carry a body, empty if need be.</summary>
        internal static HttpRequestMessage BuildRequest(HttpMethod method, Uri uri, byte[]? body, string? contentType,
            IEnumerable<KeyValuePair<string, string>>? headers = null)
        {
            var request = new HttpRequestMessage(method, uri);
            if (body != null || method == HttpMethod.Post || method == HttpMethod.Put)
            {
                // The service reads JSON even from an empty POST; an explicit type keeps it from rejecting the call.
                request.Content = new ByteArrayContent(body ?? Array.Empty<byte>());
                if (contentType != null) request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }
            if (headers != null)
                foreach (var h in headers) request.Headers.TryAddWithoutValidation(h.Key, h.Value);
            return request;
        }

        /// <summary>The shared HttpMethod instances for the catalog's methods (no allocation per call).</summary>
        internal static HttpMethod MethodOf(string method)
        {
            switch (method)
            {
                case "GET": return HttpMethod.Get;
                case "POST": return HttpMethod.Post;
                case "PUT": return HttpMethod.Put;
                case "DELETE": return HttpMethod.Delete;
                default: return new HttpMethod(method);
            }
        }

        private void EndAttempt()
        {
            _request?.Dispose();
            _request = null;
            Timer?.Dispose();
        }

        public void Dispose() => EndAttempt();
    }
}
