#nullable enable
using System;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;
using Polly;
using Polly.Retry;

namespace MetaStudio.PowerShell.Core.Http.Pipeline
{
    /// <summary>
    /// The one retry loop of the module (Polly, per call): the steps after it run once per attempt. Throttled answers
    /// (APIGW.0308, 429) are always repeated, since the service never processed them; 5xx, 408, timeouts and cut
    /// connections only when the request may be repeated (<see cref="MsMessage.Idempotent"/>), and a refused
    /// connection always, since nothing reached the service. Backoff is exponential with jitter, the service's
    /// Retry-After wins when it gives one, and the call's time budget (waiting for the limiter excluded) ends it.
    /// Delays run on the session's clock.
    /// </summary>
    internal sealed class RetryPolicy : MsPolicy
    {
        private static readonly ResiliencePropertyKey<MsMessage> MessageKey = new ResiliencePropertyKey<MsMessage>("ms.message");

        private readonly ResiliencePipeline<MsResponse>? _retry;
        private readonly TimeSpan _attemptTimeout;
        private readonly TimeSpan _budget;

        /// <param name="maxRetries">Repeats after the first attempt; 0 sends once.</param>
        /// <param name="baseDelay">The first backoff; each next one doubles, with jitter, up to 30 s.</param>
        /// <param name="attemptTimeout">The session's limit per attempt (a request's options may set another).</param>
        /// <param name="budget">How long a call may spend failing and backing off (zero: no limit).</param>
        /// <param name="clock">The session's clock, for the delays.</param>
        /// <param name="randomizer">Jitter's source (tests pass a fixed one); null for Polly's own.</param>
        public RetryPolicy(int maxRetries, TimeSpan baseDelay, TimeSpan attemptTimeout, TimeSpan budget, TimeProvider clock, Func<double>? randomizer = null)
        {
            MaxRetries = maxRetries;
            _attemptTimeout = attemptTimeout;
            _budget = budget;
            if (maxRetries <= 0) return;
            var options = new RetryStrategyOptions<MsResponse>
            {
                MaxRetryAttempts = maxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = baseDelay,
                MaxDelay = TimeSpan.FromSeconds(30),
                ShouldHandle = args =>
                {
                    var message = args.Context.Properties.GetValue(MessageKey, null!);
                    return new ValueTask<bool>(ShouldRetry(args.Outcome, message.Idempotent) && WithinBudget(message));
                },
                // The service's Retry-After wins over our own backoff when it gives one.
                DelayGenerator = args => new ValueTask<TimeSpan?>(args.Outcome.Result?.RetryAfter),
                OnRetry = args =>
                {
                    var message = args.Context.Properties.GetValue(MessageKey, null!);
                    message.Context.Verbose($"Retry {args.AttemptNumber + 1} of {MaxRetries} for {message.Label} in {args.RetryDelay.TotalSeconds:0.0} s after {Describe(args.Outcome)}.");
                    return default;
                },
            };
            if (randomizer != null) options.Randomizer = randomizer;
            _retry = new ResiliencePipelineBuilder<MsResponse> { TimeProvider = clock }.AddRetry(options).Build();
        }

        public int MaxRetries { get; }

        public override ValueTask ProcessAsync(MsMessage message, ReadOnlyMemory<MsPolicy> next)
        {
            if (_retry == null)
            {
                message.BeginAttempt(message.Options.AttemptTimeout ?? _attemptTimeout);
                return ProcessNextAsync(message, next);
            }
            return RetryAsync(message, next);
        }

        private async ValueTask RetryAsync(MsMessage message, ReadOnlyMemory<MsPolicy> next)
        {
            message.Budget = new CallBudget(_budget, message.Clock);
            var context = ResilienceContextPool.Shared.Get(message.Context.Token);
            context.Properties.Set(MessageKey, message);
            try
            {
                message.Response = await _retry!.ExecuteAsync(static async (_, state) =>
                {
                    var (self, m, rest) = state;
                    m.BeginAttempt(m.Options.AttemptTimeout ?? self._attemptTimeout);
                    await ProcessNextAsync(m, rest).ConfigureAwait(false);
                    return m.Response!;
                }, context, (this, message, next)).ConfigureAwait(false);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }

        private static bool WithinBudget(MsMessage message)
        {
            var budget = message.Budget;
            if (budget == null || budget.Remaining > TimeSpan.Zero) return true;
            message.Context.Verbose($"No more retries for {message.Label}: its {budget.Limit.TotalSeconds:0} s retry time limit is used up.");
            return false;
        }

        internal static bool ShouldRetry(Outcome<MsResponse> outcome, bool idempotent)
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
            return Transport.Innermost(outcome.Exception)?.Message ?? "a failure";
        }
    }
}
