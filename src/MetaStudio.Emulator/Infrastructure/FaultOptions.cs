using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace MetaStudio.Emulator.Infrastructure
{
    /// <summary>
    /// Failure knobs, changeable while the emulator runs. Counters (FailNext, DropNext, ThrottleNext)
    /// give tests exact control; rates give soak runs and benchmarks realistic noise.
    /// </summary>
    public sealed class FaultOptions
    {
        private int _failNext, _dropNext, _throttleNext, _held;

        /// <summary>
        /// Only requests for this operation (SDK name) are affected; null means all catalog operations.
        /// An extra route's prefix ("/v3/projects", "/v3/auth/tokens") applies Delay to that route.
        /// </summary>
        public string? Operation { get; set; }
        /// <summary>Fraction of requests answered 500 (0 to 1).</summary>
        public double ServerErrorRate { get; set; }
        /// <summary>Fraction of requests whose connection is dropped after the request was read (0 to 1).</summary>
        public double DropRate { get; set; }
        /// <summary>Added to every response.</summary>
        public TimeSpan Delay { get; set; }
        /// <summary>
        /// Per-operation answer time, as from a far region: each answer of the operation (SDK name, or an extra route's
        /// prefix such as "/obs-upload/") leaves no sooner than this after its request arrived, errors and 429s included;
        /// the rate gate counts the call when it arrives. An extra route's handler (an upload) starts after it.
        /// Independent of Operation and Delay.
        /// </summary>
        public ConcurrentDictionary<string, TimeSpan> Latency { get; } = new(StringComparer.Ordinal);

        /// <summary>When set, 429 answers carry this Retry-After.</summary>
        public TimeSpan? RetryAfter { get; set; }

        /// <summary>The next N matching requests get 500.</summary>
        public int FailNext { get => _failNext; set => _failNext = value; }
        /// <summary>The next N matching requests have their connection dropped after the service did the work.</summary>
        public int DropNext { get => _dropNext; set => _dropNext = value; }
        /// <summary>The next N matching requests get 429 APIGW.0308.</summary>
        public int ThrottleNext { get => _throttleNext; set => _throttleNext = value; }

        /// <summary>How many requests Delay is holding right now: a test waits for this instead of sleeping until one is on its way.</summary>
        public int Held => Volatile.Read(ref _held);

        /// <summary>Holds a request for Delay (counted in Held) unless its connection goes first.</summary>
        internal async Task HoldAsync(CancellationToken aborted)
        {
            Interlocked.Increment(ref _held);
            try
            {
                await Task.Delay(Delay, aborted);
            }
            finally
            {
                Interlocked.Decrement(ref _held);
            }
        }

        internal bool TakeFail() => Take(ref _failNext);
        internal bool TakeDrop() => Take(ref _dropNext);
        internal bool TakeThrottle() => Take(ref _throttleNext);

        /// <summary>A task that ends when an answer to <paramref name="operation"/> may leave (at once without a latency).</summary>
        internal System.Threading.Tasks.Task AnswerTime(string operation, CancellationToken aborted)
            => operation != null && Latency.TryGetValue(operation, out var latency) && latency > TimeSpan.Zero
                ? System.Threading.Tasks.Task.Delay(latency, aborted)
                : System.Threading.Tasks.Task.CompletedTask;

        private static bool Take(ref int counter)
        {
            while (true)
            {
                var current = Volatile.Read(ref counter);
                if (current <= 0) return false;
                if (Interlocked.CompareExchange(ref counter, current - 1, current) == current) return true;
            }
        }

        public void Reset()
        {
            Operation = null;
            ServerErrorRate = 0;
            DropRate = 0;
            Delay = TimeSpan.Zero;
            RetryAfter = null;
            Latency.Clear();
            _failNext = _dropNext = _throttleNext = 0;
        }
    }
}
