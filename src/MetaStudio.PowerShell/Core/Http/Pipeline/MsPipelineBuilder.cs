#nullable enable
using System;
using System.Collections.Generic;

namespace MetaStudio.PowerShell.Core.Http.Pipeline
{
    /// <summary>
    /// Puts a session's pipeline together, once per session, in the order a request meets the steps:
    /// <code>
    /// per call:    failure → session open → answer check → spec check → address → [PerCall] → retry
    /// per attempt: (token refresh) → rate limit → repeated delete → sign → [PerAttempt] → attempt timeout → log → [BeforeTransport] → transport
    /// </code>
    /// Each step is a small class that reads the request's <see cref="RequestOptions"/> and steps aside when they
    /// say it does not apply. A new rule is a new policy added at one of the three positions (Azure.Core's
    /// HttpPipelinePosition): PerCall runs once per call; PerAttempt on every attempt, with the request signed and
    /// the answer (or failure) in hand before retry judges it; BeforeTransport sees each raw answer first.
    /// </summary>
    internal sealed class MsPipelineBuilder
    {
        private readonly MsSession _session;

        public MsPipelineBuilder(MsSession session) => _session = session;

        public List<MsPolicy> PerCall { get; } = new List<MsPolicy>();
        public List<MsPolicy> PerAttempt { get; } = new List<MsPolicy>();
        public List<MsPolicy> BeforeTransport { get; } = new List<MsPolicy>();

        /// <summary>The source of retry jitter; null for Polly's (tests fix it).</summary>
        public Func<double>? Randomizer { get; set; }

        public MsPipeline Build()
        {
            var s = _session;
            var policies = new List<MsPolicy>
            {
                FailurePolicy.Shared,
                new SessionOpenPolicy(s),
                AnswerPolicy.Shared,
                new SpecCheckPolicy(s.AllowUnknownFields),
                new AddressPolicy(s),
            };
            policies.AddRange(PerCall);
            policies.Add(new RetryPolicy(s.MaxRetries, s.RetryBaseDelay, s.Timeout, s.RetryTimeLimit, new SessionClock(s), Randomizer, s.MaxThrottleRetries));
            // Only a credential that can renew what it caches gains from a second try after a 401.
            if (s.Credential.Renewable) policies.Add(new TokenRefreshPolicy(s.Credential));
            policies.Add(new RateLimitPolicy(s));
            policies.Add(RepeatedDeletePolicy.Shared);
            policies.Add(new SignPolicy(s));
            policies.AddRange(PerAttempt);
            policies.Add(AttemptTimeoutPolicy.Shared);
            policies.Add(LogPolicy.Shared);
            policies.AddRange(BeforeTransport);
            policies.Add(new TransportPolicy(s, s.Http, s.OwnHandler));
            return new MsPipeline(policies, () => s.TimeProvider);
        }
    }
}
