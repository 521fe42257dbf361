using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace MetaStudio.Emulator.Infrastructure
{
    /// <summary>What a malformed answer looks like (<see cref="FaultOptions.MalformNext"/>); the work behind it is done, except for ErrorCode.</summary>
    public enum MalformedAnswer
    {
        /// <summary>200 with a body that is not JSON (an HTML error page from a proxy).</summary>
        NotJson,
        /// <summary>200 with the real answer cut in half.</summary>
        Truncated,
        /// <summary>200 with no body at all.</summary>
        Empty,
        /// <summary>200 whose body is an error (error_code, error_msg) instead of the answer; given before the work (nothing is done).</summary>
        ErrorCode,
        /// <summary>200 with the real answer minus its id fields (a create without its id).</summary>
        MissingId,
        /// <summary>200 with {} (an object with none of the model's fields).</summary>
        EmptyObject,
        /// <summary>200 with the real answer padded with an unmodelled field of <see cref="FaultOptions.HugeAnswerBytes"/> bytes.</summary>
        Huge,
    }

    /// <summary>
    /// Failure knobs, changeable while the emulator runs. Counters (FailNext, DropNext, ThrottleNext, ...)
    /// give tests exact control; rates give soak runs, the fault matrix and benchmarks realistic noise (seeded with
    /// <see cref="Seed"/> so a failing run can be replayed). "Before the work" faults answer before the handler runs
    /// (nothing changed); "after the work" faults answer after it ran (the change happened, the client cannot tell).
    /// </summary>
    public sealed class FaultOptions
    {
        private int _failNext, _dropNext, _throttleNext, _held;
        private int _failAfterNext, _dropBeforeNext, _malformNext, _stallNext, _burstLeft;
        private readonly object _randomLock = new();
        private Random _random = new();
        private readonly ConcurrentDictionary<string, int> _injected = new(StringComparer.Ordinal);

        /// <summary>
        /// Only requests for this operation (SDK name) are affected; null means all catalog operations.
        /// An extra route's prefix ("/v3/projects", "/v3/auth/tokens") applies Delay to that route.
        /// </summary>
        public string? Operation { get; set; }
        /// <summary>Fraction of requests answered 500 before the work (0 to 1): nothing was done.</summary>
        public double ServerErrorRate { get; set; }
        /// <summary>Fraction of requests answered 500 after the work was done (0 to 1), with the same body as before the work.</summary>
        public double ServerErrorAfterRate { get; set; }
        /// <summary>Fraction of requests whose connection is dropped after the work was done (0 to 1).</summary>
        public double DropRate { get; set; }
        /// <summary>Fraction of requests whose connection is dropped after the request was read, before the work (0 to 1).</summary>
        public double DropBeforeRate { get; set; }
        /// <summary>Fraction of requests that start a burst of <see cref="ThrottleBurstLength"/> 429 APIGW.0308 answers (0 to 1).</summary>
        public double ThrottleBurstRate { get; set; }
        /// <summary>How many matching requests in a row a burst answers 429.</summary>
        public int ThrottleBurstLength { get; set; } = 3;
        /// <summary>Fraction of 429 answers that carry <see cref="RetryAfter"/> when it is set (0 to 1; 1 by default).</summary>
        public double RetryAfterRate { get; set; } = 1;
        /// <summary>The kind of answer <see cref="MalformNext"/> gives.</summary>
        public MalformedAnswer Malformed { get; set; }
        /// <summary>Size of the padding of a <see cref="MalformedAnswer.Huge"/> answer.</summary>
        public int HugeAnswerBytes { get; set; } = 6 * 1024 * 1024;

        /// <summary>Reseeds the random source of every rate above, so a run of the same requests in the same order injects the same faults.</summary>
        public int Seed
        {
            set { lock (_randomLock) _random = new Random(value); }
        }

        /// <summary>Faults injected so far, by kind (Fail, FailAfter, Drop, DropBefore, Throttle, Malformed, Stall).</summary>
        public IReadOnlyDictionary<string, int> Injected => new Dictionary<string, int>(_injected);
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
        /// <summary>The next N matching requests get 500 after the work was done.</summary>
        public int FailAfterNext { get => _failAfterNext; set => _failAfterNext = value; }
        /// <summary>The next N matching requests have their connection dropped before the work.</summary>
        public int DropBeforeNext { get => _dropBeforeNext; set => _dropBeforeNext = value; }
        /// <summary>The next N matching requests that succeed get a <see cref="Malformed"/> answer instead (the work is done).</summary>
        public int MalformNext { get => _malformNext; set => _malformNext = value; }
        /// <summary>
        /// The next N matching requests that succeed stall: the work is done, the status line and half the body are sent,
        /// then nothing more until the client gives up (or <see cref="StallTime"/> passes).
        /// </summary>
        public int StallNext { get => _stallNext; set => _stallNext = value; }
        /// <summary>How long a stall lasts at most.</summary>
        public TimeSpan StallTime { get; set; } = TimeSpan.FromMinutes(5);

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

        internal bool TakeFail() => Count("Fail", Take(ref _failNext) || Chance(ServerErrorRate));
        internal bool TakeFailAfter() => Count("FailAfter", Take(ref _failAfterNext) || Chance(ServerErrorAfterRate));
        internal bool TakeDrop() => Count("Drop", Take(ref _dropNext) || Chance(DropRate));
        internal bool TakeDropBefore() => Count("DropBefore", Take(ref _dropBeforeNext) || Chance(DropBeforeRate));
        internal bool TakeMalformed() => Count("Malformed", Take(ref _malformNext));
        internal bool TakeStall() => Count("Stall", Take(ref _stallNext));

        /// <summary>ThrottleNext, or a request inside a burst (a new one starts at ThrottleBurstRate).</summary>
        internal bool TakeThrottle()
        {
            if (Take(ref _throttleNext) || Take(ref _burstLeft)) return Count("Throttle", true);
            if (!Chance(ThrottleBurstRate)) return false;
            Interlocked.Exchange(ref _burstLeft, Math.Max(0, ThrottleBurstLength - 1));
            return Count("Throttle", true);
        }

        /// <summary>Whether this 429 carries Retry-After.</summary>
        internal bool TakeRetryAfter() => RetryAfter != null && (RetryAfterRate >= 1 || Chance(RetryAfterRate));

        private bool Chance(double rate)
        {
            if (rate <= 0) return false;
            lock (_randomLock) return _random.NextDouble() < rate;
        }

        private bool Count(string kind, bool injected)
        {
            if (injected) _injected.AddOrUpdate(kind, 1, (_, n) => n + 1);
            return injected;
        }

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
            ServerErrorRate = ServerErrorAfterRate = 0;
            DropRate = DropBeforeRate = 0;
            ThrottleBurstRate = 0;
            ThrottleBurstLength = 3;
            RetryAfterRate = 1;
            Malformed = MalformedAnswer.NotJson;
            HugeAnswerBytes = 6 * 1024 * 1024;
            StallTime = TimeSpan.FromMinutes(5);
            _injected.Clear();
            _failAfterNext = _dropBeforeNext = _malformNext = _stallNext = _burstLeft = 0;
            Delay = TimeSpan.Zero;
            RetryAfter = null;
            Latency.Clear();
            _failNext = _dropNext = _throttleNext = 0;
        }
    }
}
