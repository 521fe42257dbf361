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
    /// Throttled answers have a budget of their own (issue 11), so neither kind of failure uses up the other's repeats;
    /// a throttled call that goes through the client's limiter is repeated without a backoff of its own, since the
    /// limiter has just slowed down and holds the repeat back itself. Delays run on the session's clock.
    /// </summary>
    internal sealed class RetryPolicy : MsPolicy
    {
        private static readonly ResiliencePropertyKey<MsMessage> MessageKey = new ResiliencePropertyKey<MsMessage>("ms.message");
        private static readonly ResiliencePropertyKey<RetryCounts> CountsKey = new ResiliencePropertyKey<RetryCounts>("ms.retries");

        private readonly ResiliencePipeline<MsResponse>? _retry;
        private readonly TimeSpan _attemptTimeout;
        private readonly TimeSpan _budget;

        /// <param name="maxRetries">Repeats after the first attempt; 0 sends once.</param>
        /// <param name="baseDelay">The first backoff; each next one doubles, with jitter, up to 30 s.</param>
        /// <param name="attemptTimeout">The session's limit per attempt (a request's options may set another).</param>
        /// <param name="budget">How long a call may spend failing and backing off (zero: no limit).</param>
        /// <param name="clock">The session's clock, for the delays.</param>
        /// <param name="randomizer">Jitter's source (tests pass a fixed one); null for Polly's own.</param>
        /// <param name="maxThrottleRetries">Repeats of throttled answers, apart from <paramref name="maxRetries"/>; null: as many.</param>
        public RetryPolicy(int maxRetries, TimeSpan baseDelay, TimeSpan attemptTimeout, TimeSpan budget, TimeProvider clock, Func<double>? randomizer = null,
            int? maxThrottleRetries = null)
        {
            MaxRetries = maxRetries;
            MaxThrottleRetries = maxThrottleRetries ?? maxRetries;
            _attemptTimeout = attemptTimeout;
            _budget = budget;
            if (MaxRetries <= 0 && MaxThrottleRetries <= 0) return;
            var options = new RetryStrategyOptions<MsResponse>
            {
                MaxRetryAttempts = MaxRetries + MaxThrottleRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = baseDelay,
                MaxDelay = TimeSpan.FromSeconds(30),
                ShouldHandle = args =>
                {
                    var message = args.Context.Properties.GetValue(MessageKey, null!);
                    var counts = args.Context.Properties.GetValue(CountsKey, null!);
                    return new ValueTask<bool>(ShouldRetry(args.Outcome, message.Idempotent) && counts.Allows(IsThrottled(args.Outcome), this) && WithinBudget(message));
                },
                // The service's Retry-After wins over our own backoff when it gives one; the limiter paces a throttled repeat.
                DelayGenerator = args => new ValueTask<TimeSpan?>(args.Outcome.Result?.RetryAfter
                    ?? (IsThrottled(args.Outcome) && args.Context.Properties.GetValue(MessageKey, null!).Limiter != null ? TimeSpan.Zero : (TimeSpan?)null)),
                OnRetry = args =>
                {
                    var message = args.Context.Properties.GetValue(MessageKey, null!);
                    var (number, of) = args.Context.Properties.GetValue(CountsKey, null!).Count(IsThrottled(args.Outcome), this);
                    message.Context.Verbose($"Retry {number} of {of} for {message.Label} in {args.RetryDelay.TotalSeconds:0.0} s after {Describe(args.Outcome)}.");
                    return default;
                },
            };
            if (randomizer != null) options.Randomizer = randomizer;
            _retry = new ResiliencePipelineBuilder<MsResponse> { TimeProvider = clock }.AddRetry(options).Build();
        }

        public int MaxRetries { get; }

        /// <summary>Repeats of throttled answers (APIGW.0308, 429), counted apart from <see cref="MaxRetries"/>.</summary>
        public int MaxThrottleRetries { get; }

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
            context.Properties.Set(CountsKey, new RetryCounts());
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

        private static bool IsThrottled(Outcome<MsResponse> outcome) => outcome.Result?.IsThrottled == true;

        /// <summary>One call's repeats so far, per budget.</summary>
        private sealed class RetryCounts
        {
            private int _throttled;
            private int _other;

            public bool Allows(bool throttled, RetryPolicy policy) => throttled ? _throttled < policy.MaxThrottleRetries : _other < policy.MaxRetries;

            /// <summary>Counts a repeat; returns its number and its budget, for the verbose line.</summary>
            public (int Number, int Of) Count(bool throttled, RetryPolicy policy)
                => throttled ? (++_throttled, policy.MaxThrottleRetries) : (++_other, policy.MaxRetries);
        }

        private static string Describe(Outcome<MsResponse> outcome)
        {
            if (outcome.Result != null)
            {
                var e = outcome.Result.Error;
                return $"HTTP {outcome.Result.StatusCode}{(e?.ErrorCode != null ? " " + e.ErrorCode : "")}";
            }
            return outcome.Exception == null ? "a failure" : Transport.Innermost(outcome.Exception).Message;
        }
    }
}
