#nullable enable
using System;
using System.Threading.Tasks;

namespace MetaStudio.PowerShell.Core.Http.Pipeline
{
    /// <summary>
    /// Before each attempt, waits for the operation's client-side limiter, keyed by (tenant, region, API) and shared
    /// by every session of the process (<see cref="RateLimiterRegistry"/>); the time waited stays out of the retry
    /// budget. After it, tells the limiter whether the service throttled the attempt (<see cref="TokenBucket.OnResponse"/>),
    /// so an adaptive limiter can follow the service's real rate. The limiter itself is a black box here.
    /// </summary>
    internal sealed class RateLimitPolicy : MsPolicy
    {
        private static readonly TimeSpan Noticeable = TimeSpan.FromMilliseconds(20);
        private readonly MsSession _session;

        public RateLimitPolicy(MsSession session) => _session = session;

        public override ValueTask ProcessAsync(MsMessage message, ReadOnlyMemory<MsPolicy> next)
        {
            if (!message.Options.RateLimit || message.Operation == null || message.ProjectId == null) return ProcessNextAsync(message, next);
            var limiter = message.Limiter ??= RateLimiterRegistry.For(message.ProjectId, _session.Region, message.Operation.Operation, _session.RateLimitScale);
            return limiter == null ? ProcessNextAsync(message, next) : LimitedAsync(message, next, limiter);
        }

        private async ValueTask LimitedAsync(MsMessage message, ReadOnlyMemory<MsPolicy> next, TokenBucket limiter)
        {
            var waited = await limiter.AcquireAsync(message.Context.Token).ConfigureAwait(false);
            // Queueing for our own limiter is not time the service spent failing: keep it out of the retry budget.
            message.Budget?.Exclude(waited);
            if (waited > Noticeable)
                message.Context.Verbose($"Rate limiter: waited {waited.TotalMilliseconds:0} ms for {message.Name} ({limiter.PerSecond:0.##}/s in {_session.Region}).");
            await ProcessNextAsync(message, next).ConfigureAwait(false);
            limiter.OnResponse(message.Response?.IsThrottled == true);
        }
    }
}
