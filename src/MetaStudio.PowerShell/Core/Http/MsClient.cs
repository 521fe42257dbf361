// Nullable: annotated, flow warnings still off in this file (issue 12 item 5 follow-up: finish its null checks).
#nullable disable warnings
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Errors;
using Polly;
using Polly.Retry;

namespace MetaStudio.PowerShell.Core.Http
{
    /// <summary>
    /// The request path of a session, as a chain of small steps:
    /// retry (Polly, per call) → rate-limit wait → authorise (fresh signature) → log → HttpClient (per attempt).
    /// </summary>
    public sealed class MsClient
    {
        private static readonly ResiliencePropertyKey<bool> IdempotentKey = new ResiliencePropertyKey<bool>("ms.idempotent");
        private static readonly ResiliencePropertyKey<string> LabelKey = new ResiliencePropertyKey<string>("ms.label");
        private static readonly ResiliencePropertyKey<CallContext> ContextKey = new ResiliencePropertyKey<CallContext>("ms.context");
        private static readonly ResiliencePropertyKey<CallBudget> BudgetKey = new ResiliencePropertyKey<CallBudget>("ms.budget");

        private readonly MsSession _session;
        private readonly ResiliencePipeline<MsResponse> _pipeline;

        internal MsClient(MsSession session)
        {
            _session = session;
            var builder = new ResiliencePipelineBuilder<MsResponse>();
            if (session.MaxRetries > 0)
            {
                builder.AddRetry(new RetryStrategyOptions<MsResponse>
                {
                    MaxRetryAttempts = session.MaxRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = session.RetryBaseDelay,
                    MaxDelay = TimeSpan.FromSeconds(30),
                    ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Outcome, args.Context.Properties.GetValue(IdempotentKey, false))
                        && WithinBudget(args.Context)),
                    // The service's Retry-After wins over our own backoff when it gives one.
                    DelayGenerator = args => new ValueTask<TimeSpan?>(args.Outcome.Result?.RetryAfter),
                    OnRetry = args =>
                    {
                        var ctx = args.Context.Properties.GetValue(ContextKey, null);
                        ctx?.Verbose($"Retry {args.AttemptNumber + 1} of {session.MaxRetries} for {args.Context.Properties.GetValue(LabelKey, "?")} in {args.RetryDelay.TotalSeconds:0.0} s after {Describe(args.Outcome)}.");
                        return default;
                    },
                });
            }
            _pipeline = builder.Build();
        }

        /// <summary>Sends a catalog operation and returns its successful response, or throws MsServiceException.</summary>
        public async Task<MsResponse> SendAsync(MsRequest request, CallContext ctx)
        {
            var op = request.Operation;
            // A body or query the official model refuses is refused here, before anything is sent.
            request.Prepare(_session.AllowUnknownFields);
            var projectId = await _session.GetProjectIdAsync(ctx).ConfigureAwait(false);
            var path = request.BuildPath(projectId);
            var uri = new Uri(_session.Endpoint, path + request.BuildQueryString());
            var bucket = RateLimiterRegistry.For(projectId, _session.Region, op, _session.RateLimitScale);
            var refreshedToken = false;
            var label = $"{op.Method} {path}";

            async Task WaitForQuota(CallBudget budget, CancellationToken token)
            {
                if (bucket == null) return;
                var waited = await bucket.AcquireAsync(token).ConfigureAwait(false);
                // Queueing for our own limiter is not time the service spent failing: keep it out of the retry budget.
                budget.Exclude(waited);
                if (waited > TimeSpan.FromMilliseconds(20))
                    ctx.Verbose($"Rate limiter: waited {waited.TotalMilliseconds:0} ms for {op.Name} ({bucket.PerSecond:0.##}/s in {_session.Region}).");
            }

            async Task<MsResponse> Attempt(CallBudget budget, CancellationToken token)
            {
                await WaitForQuota(budget, token).ConfigureAwait(false);
                var response = await SendOnceAsync(_ => Task.FromResult(BuildMessage(op.Method, uri, request.Body)), request.Body, true, label, ctx, token).ConfigureAwait(false);
                if (response.StatusCode == 401 && !refreshedToken && _session.Credential.Invalidate())
                {
                    // A token can be revoked before its expiry; one fresh token is worth one more try
                    // (a request like any other, so it waits for the limiter too).
                    refreshedToken = true;
                    ctx.Verbose("The service refused the token; getting a new one.");
                    await WaitForQuota(budget, token).ConfigureAwait(false);
                    response = await SendOnceAsync(_ => Task.FromResult(BuildMessage(op.Method, uri, request.Body)), request.Body, true, label, ctx, token).ConfigureAwait(false);
                }
                return response;
            }

            var result = await ExecuteAsync(Attempt, op.Idempotent, op.Name, ctx, request.Target).ConfigureAwait(false);
            if (!result.IsSuccess) throw ToException(result, op.Name, request.Target);
            return result;
        }

        public async Task<T> SendAsync<T>(MsRequest request, CallContext ctx)
            => (await SendAsync(request, ctx).ConfigureAwait(false)).As<T>();

        /// <summary>
        /// Sends a request outside the catalog (an OBS upload URL, a download): same retries and
        /// timeouts, no rate limit, no MetaStudio authentication. The factory runs once per attempt.
        /// </summary>
        public Task<MsResponse> SendExternalAsync(Func<HttpRequestMessage> factory, bool idempotent, string label, CallContext ctx, object? target = null)
            => SendExternalAsync(_ => factory(), idempotent, label, ctx, target);

        /// <summary>
        /// As above, for long transfers: the factory gets the attempt's timer and calls Touch() whenever
        /// bytes move, so the per-attempt timeout limits a stall, not the length of the transfer.
        /// </summary>
        public async Task<MsResponse> SendExternalAsync(Func<AttemptTimer, HttpRequestMessage> factory, bool idempotent, string label, CallContext ctx, object? target = null)
        {
            var result = await ExecuteAsync((_, token) => SendOnceAsync(timer => Task.FromResult(factory(timer)), null, false, label, ctx, token), idempotent, label, ctx, target).ConfigureAwait(false);
            if (!result.IsSuccess) throw ToException(result, label, target);
            return result;
        }

        /// <summary>
        /// An IAM call: the same timeouts and retries as everything else, but the answer is returned
        /// whatever its status, because IAM errors have their own shape and meaning.
        /// </summary>
        /// <param name="attemptTimeout">A shorter limit per attempt than the session's (the ECS metadata service answers at once or not at all).</param>
        internal Task<MsResponse> SendIamAsync(Func<Task<HttpRequestMessage>> factory, string label, CallContext ctx, object target, TimeSpan? attemptTimeout = null)
            => ExecuteAsync((_, token) => SendOnceAsync(_ => factory(), null, false, label, ctx, token, attemptTimeout), idempotent: true, label, ctx, target);

        private async Task<MsResponse> ExecuteAsync(Func<CallBudget, CancellationToken, Task<MsResponse>> attempt, bool idempotent, string label, CallContext ctx, object? target)
        {
            var context = ResilienceContextPool.Shared.Get(ctx.Token);
            var budget = new CallBudget(_session.RetryTimeLimit);
            context.Properties.Set(IdempotentKey, idempotent);
            context.Properties.Set(LabelKey, label);
            context.Properties.Set(ContextKey, ctx);
            context.Properties.Set(BudgetKey, budget);
            try
            {
                return await _pipeline.ExecuteAsync(async c => await attempt(budget, c.CancellationToken).ConfigureAwait(false), context).ConfigureAwait(false);
            }
            catch (AttemptTimeoutException ex)
            {
                var why = idempotent ? "" : " It was not repeated: the service may already have done the work; check before trying again.";
                throw new MsServiceException($"{label}: {ex.Message}{why}", ErrorCodes.Timeout, 0, null, label, target, ex);
            }
            catch (Exception ex) when ((ex is HttpRequestException || ex is IOException) && !ctx.Token.IsCancellationRequested)
            {
                var why = idempotent || Transport.NeverSent(ex) ? "" : " It was not repeated: the request may have reached the service; check before trying again.";
                throw new MsServiceException($"{label} failed on the network: {Innermost(ex).Message}.{why}", ErrorCodes.Network, 0, null, label, target, ex);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }

        private async Task<MsResponse> SendOnceAsync(Func<AttemptTimer, Task<HttpRequestMessage>> factory, byte[]? body, bool authorize, string label, CallContext ctx, CancellationToken token,
            TimeSpan? attemptTimeout = null)
        {
            var timeout = attemptTimeout ?? _session.Timeout;
            using (var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(token))
            using (var message = await factory(new AttemptTimer(attemptCts, timeout)).ConfigureAwait(false))
            {
                NetworkGuard.Check(_session, message.RequestUri);
                if (authorize)
                {
                    message.Headers.TryAddWithoutValidation("X-Project-Id", _session.ProjectId);
                    if (!string.IsNullOrEmpty(_session.AppUserId)) message.Headers.TryAddWithoutValidation("X-App-UserId", _session.AppUserId);
                    await _session.Credential.AuthorizeAsync(message, body, _session, ctx).ConfigureAwait(false);
                    // Unsigned, so it cannot upset the signature: which cmdlet asked, for the service's logs and the emulator's checks.
                    if (ctx.Command != null) message.Headers.TryAddWithoutValidation("User-Agent", $"{MsSession.UserAgent} ({ctx.Command})");
                }
                attemptCts.CancelAfter(timeout);
                var watch = Stopwatch.StartNew();
                try
                {
                    using (var response = await _session.Http.SendAsync(message, HttpCompletionOption.ResponseContentRead, attemptCts.Token).ConfigureAwait(false))
                    {
                        var bytes = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                        var requestId = response.Headers.TryGetValues("X-Request-Id", out var ids) ? ids.FirstOrDefault() : null;
                        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                        foreach (var h in response.Headers) headers[h.Key] = h.Value.FirstOrDefault();
                        var result = new MsResponse((int)response.StatusCode, requestId, bytes, RetryAfter(response.Headers.RetryAfter), headers);
                        ctx.Verbose($"{label} → {result.StatusCode} in {watch.ElapsedMilliseconds} ms, request id {requestId ?? "n/a"}.");
                        return result;
                    }
                }
                catch (OperationCanceledException) when (!token.IsCancellationRequested)
                {
                    ctx.Verbose($"{label} → no response within {timeout.TotalSeconds:0.#} s.");
                    throw new AttemptTimeoutException(timeout);
                }
                catch (Exception ex) when (ex is HttpRequestException || ex is IOException)
                {
                    ctx.Verbose($"{label} → network failure: {Innermost(ex).Message}");
                    throw;
                }
            }
        }

        internal static HttpRequestMessage BuildMessage(string method, Uri uri, byte[]? body)
        {
            var message = new HttpRequestMessage(new HttpMethod(method), uri);
            if (body != null)
            {
                message.Content = new ByteArrayContent(body);
                message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            }
            else if (method == "POST" || method == "PUT")
            {
                // The service reads JSON even from an empty POST; an explicit type keeps it from rejecting the call.
                message.Content = new ByteArrayContent(Array.Empty<byte>());
                message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            }
            return message;
        }

        private static bool WithinBudget(ResilienceContext context)
        {
            var budget = context.Properties.GetValue(BudgetKey, null);
            if (budget == null || budget.Remaining > TimeSpan.Zero) return true;
            context.Properties.GetValue(ContextKey, null)?.Verbose($"No more retries for {context.Properties.GetValue(LabelKey, "?")}: its {budget.Limit.TotalSeconds:0} s retry time limit is used up.");
            return false;
        }

        private static bool ShouldRetry(Outcome<MsResponse> outcome, bool idempotent)
        {
            if (outcome.Result != null)
            {
                var r = outcome.Result;
                if (r.IsThrottled) return true;  // throttled calls were never processed: always safe
                return idempotent && (r.StatusCode >= 500 || r.StatusCode == 408);
            }
            switch (outcome.Exception)
            {
                case null: return false;
                case OperationCanceledException _: return false;
                case AttemptTimeoutException _: return idempotent;
                case HttpRequestException _:
                case IOException _:
                    return idempotent || Transport.NeverSent(outcome.Exception);
                default: return false;
            }
        }

        private static string Describe(Outcome<MsResponse> outcome)
        {
            if (outcome.Result != null)
            {
                var e = outcome.Result.Error;
                return $"HTTP {outcome.Result.StatusCode}{(e?.ErrorCode != null ? " " + e.ErrorCode : "")}";
            }
            return Innermost(outcome.Exception)?.Message ?? "a failure";
        }

        private static Exception? Innermost(Exception? ex)
        {
            while (ex?.InnerException != null) ex = ex.InnerException;
            return ex;
        }

        private static TimeSpan? RetryAfter(RetryConditionHeaderValue value)
        {
            if (value == null) return null;
            var delay = value.Delta ?? (value.Date.HasValue ? value.Date.Value - DateTimeOffset.UtcNow : (TimeSpan?)null);
            if (!delay.HasValue) return null;
            if (delay.Value < TimeSpan.Zero) return TimeSpan.Zero;
            return delay.Value > TimeSpan.FromSeconds(60) ? TimeSpan.FromSeconds(60) : delay.Value;
        }

        internal static MsServiceException ToException(MsResponse response, string operation, object? target)
        {
            var error = response.Error;
            var code = error?.ErrorCode ?? (response.StatusCode == 429 ? ErrorCodes.Throttled : $"HTTP.{response.StatusCode}");
            var requestId = response.RequestId ?? error?.RequestId;
            var text = error?.ErrorMsg ?? $"The service answered HTTP {response.StatusCode}.";
            var what = target != null ? $" [{operation} {target}]" : $" [{operation}]";
            return new MsServiceException($"{text} ({code}, HTTP {response.StatusCode}, request id {requestId ?? "n/a"}){what}",
                code, response.StatusCode, requestId, operation, target);
        }
    }
}
