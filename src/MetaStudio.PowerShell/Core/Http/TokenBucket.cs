using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace MetaStudio.PowerShell.Core.Http
{
    /// <summary>
    /// A token bucket that makes callers wait rather than fail. Each caller reserves a token (the
    /// balance may go negative) and then sleeps until its token would have been refilled, so
    /// concurrent callers are served in arrival order and never exceed the rate over time.
    /// </summary>
    public sealed class TokenBucket
    {
        private readonly object _gate = new object();
        private readonly double _capacity;
        private readonly double _perSecond;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private double _tokens;
        private double _lastSeconds;

        public TokenBucket(double perSecond, double capacity)
        {
            if (perSecond <= 0) throw new ArgumentOutOfRangeException(nameof(perSecond));
            _perSecond = perSecond;
            _capacity = Math.Max(1, capacity);
            _tokens = _capacity;
        }

        public double PerSecond => _perSecond;

        /// <summary>Takes one token, waiting as long as needed. Returns how long it waited.</summary>
        public async Task<TimeSpan> AcquireAsync(CancellationToken cancellationToken)
        {
            TimeSpan wait;
            lock (_gate)
            {
                var now = _clock.Elapsed.TotalSeconds;
                _tokens = Math.Min(_capacity, _tokens + (now - _lastSeconds) * _perSecond);
                _lastSeconds = now;
                _tokens -= 1;
                wait = _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _perSecond);
            }
            if (wait <= TimeSpan.Zero) return TimeSpan.Zero;
            try
            {
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Give the reserved token back so a cancelled caller does not slow the others.
                lock (_gate) _tokens = Math.Min(_capacity, _tokens + 1);
                throw;
            }
            return wait;
        }

        /// <summary>
        /// How the service answered a call this bucket let through: throttled (APIGW.0308, 429) or not. The request
        /// path reports every answer here (RateLimitPolicy); a fixed-rate bucket has no use for it yet, an adaptive
        /// one slows down on throttling and recovers after.
        /// </summary>
        public void OnResponse(bool throttled) { }
    }
}
