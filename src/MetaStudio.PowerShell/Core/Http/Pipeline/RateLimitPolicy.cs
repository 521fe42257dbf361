#nullable enable
using System;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.RateLimiting;

namespace MetaStudio.PowerShell.Core.Http.Pipeline
{
    /// <summary>
    /// Before each attempt, waits for the operation's client-side limiter, keyed by (tenant, region, API) and shared by
    /// every session of the process, and with a shared store by every process of the tenant (<see cref="RateLimiterRegistry"/>);
    /// the time waited stays out of the retry budget. What the limiter has to say goes to the call's streams (the store's
    /// outage warning, once; waits in the verbose stream, named after where they came from). After the attempt it tells
    /// the limiter whether the service throttled it (<see cref="PacedLease.OnResponse"/>), so the limiter follows the
    /// service's real rate (<see cref="AdaptiveRate"/>).
    /// </summary>
    internal sealed class RateLimitPolicy : MsPolicy
    {
        private static readonly TimeSpan Noticeable = TimeSpan.FromMilliseconds(20);
        private readonly MsSession _session;

        public RateLimitPolicy(MsSession session) => _session = session;

        public override ValueTask ProcessAsync(MsMessage message, ReadOnlyMemory<MsPolicy> next)
        {
            if (!message.Options.RateLimit || message.Operation == null || message.ProjectId == null) return ProcessNextAsync(message, next);
            var limiter = message.Limiter ??= RateLimiterRegistry.For(_session, message.ProjectId, message.Operation.Operation);
            return limiter == null ? ProcessNextAsync(message, next) : LimitedAsync(message, next, limiter);
        }

        private static async ValueTask LimitedAsync(MsMessage message, ReadOnlyMemory<MsPolicy> next, OperationRateLimiter limiter)
        {
            var ctx = message.Context;
            var lease = (PacedLease)await limiter.AcquireAsync(1, ctx.Token).ConfigureAwait(false);
            // Queueing for our own limiter is not time the service spent failing: keep it out of the retry budget.
            message.Budget?.Exclude(lease.Waited);
            if (lease.Warning != null) ctx.Warning(lease.Warning);
            if (lease.Note != null) ctx.Verbose(lease.Note);
            if (lease.Waited > Noticeable) ctx.Verbose($"Rate limiter: waited {lease.Waited.TotalMilliseconds:0} ms for {limiter.Describe(lease)}.");
            await ProcessNextAsync(message, next).ConfigureAwait(false);
            var slowedDown = lease.OnResponse(message.Response?.IsThrottled == true);
            if (slowedDown != null) ctx.Verbose(slowedDown);
        }
    }
}
