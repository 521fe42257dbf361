#nullable enable
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace MetaStudio.PowerShell.Core.Http.Pipeline
{
    /// <summary>
    /// The request path of a session, built once (<see cref="MsPipelineBuilder"/>): an ordered list of policies
    /// that every call of the session goes through, whatever it is (a catalog operation, an upload or download URL,
    /// IAM, the ECS metadata service). What differs per call is in the message's <see cref="RequestOptions"/>.
    /// </summary>
    internal sealed class MsPipeline
    {
        private readonly MsPolicy[] _policies;

        private readonly Func<TimeProvider> _clock;

        /// <param name="clock">The session's clock as it is when a call starts (a test may swap it after the pipeline is built).</param>
        public MsPipeline(IEnumerable<MsPolicy> policies, Func<TimeProvider> clock)
        {
            _clock = clock;
            _policies = policies.ToArray();
            if (_policies.Length == 0 || !(_policies[_policies.Length - 1] is TransportPolicy))
                throw new ArgumentException("A pipeline ends with its transport.", nameof(policies));
        }

        /// <summary>The policies in the order a request meets them (for tests and the architecture map).</summary>
        public IReadOnlyList<MsPolicy> Policies => _policies;

        /// <summary>Sends the message; its answer is in <see cref="MsMessage.Response"/> (or an exception says why there is none).</summary>
        public ValueTask SendAsync(MsMessage message)
        {
            message.Clock = _clock();
            return _policies[0].ProcessAsync(message, new ReadOnlyMemory<MsPolicy>(_policies, 1, _policies.Length - 1));
        }
    }
}
