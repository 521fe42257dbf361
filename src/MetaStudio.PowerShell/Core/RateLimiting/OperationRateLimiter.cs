#nullable enable
using System;
using System.Globalization;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;

namespace MetaStudio.PowerShell.Core.RateLimiting
{
    /// <summary>
    /// The limiter of one (tenant, region, API) partition, behind System.Threading.RateLimiting's abstraction. Callers
    /// never fail for want of a permit: each reserves a slot and waits for it (<see cref="GcraSchedule"/>), so callers are
    /// served in arrival order. The pace and burst follow <see cref="AdaptiveRate"/>. With a shared store (issue 10) the
    /// slot comes from the store, so every process and host of the tenant shares one schedule; while the store does not
    /// answer, this process goes on alone with its share of the rate (<see cref="RateLimitKey.Share"/>). Time comes from
    /// a <see cref="TimeProvider"/>, so tests run it on a fake clock.
    /// <para>
    /// Against a service seen to refuse bursts (<see cref="AdaptiveRate.Strict"/>), a call that reached it late (its
    /// answer took longer than the quickest recent ones by more than half the margin's room) moves the next slot on the
    /// pace back by as much: a strict bucket measures the time between calls as they arrive, so a late call followed by
    /// one on time would arrive too close together and be throttled. That costs a few milliseconds where a throttle
    /// costs an interval and a slow-down. For the same reason the wait for a slot is then precise
    /// (<see cref="SlotClock"/>): .NET's timers end up to a coarse tick (4 ms on Linux) early or late, more than the
    /// margin's room (1 ms at 20 calls a second), so a call let go on the timer alone was throttled when early and
    /// pushed the next one back when late.
    /// </para>
    /// </summary>
    internal sealed class OperationRateLimiter : RateLimiter
    {
        private readonly object _gate = new object();
        private readonly SlotClock _clock;
        private readonly AdaptiveRate _adaptive;
        private readonly GcraSchedule _schedule = new GcraSchedule();
        private bool _fallingBack;
        private double _lastBurst;
        // The quickest answer among the last one or two windows of QuickestWindow answers.
        private double _quickestNow = double.PositiveInfinity;
        private double _quickestBefore = double.PositiveInfinity;
        private int _answersNow;
        // Answers seen so far, up to QuickestAfter.
        private int _answersSeen;
        private int _queued;
        private long _granted;
        private long _refused;

        public OperationRateLimiter(RateLimitKey key, TimeProvider? clock = null)
        {
            Key = key ?? throw new ArgumentNullException(nameof(key));
            _clock = new SlotClock(clock ?? TimeProvider.System);
            Precise = ReferenceEquals(_clock.Provider, TimeProvider.System);
            _adaptive = new AdaptiveRate(key.PublishedRate);
            _lastBurst = _adaptive.FullBurst;
        }

        public RateLimitKey Key { get; }

        /// <summary>
        /// Whether waits for a strict service's slots are kept to the slot (<see cref="SlotClock"/>): on the system clock.
        /// A fake clock (tests) that does not move on its own would never reach the slot; tests that do move it (an
        /// auto-advancing clock) turn it on.
        /// </summary>
        internal bool Precise { get; set; }

        /// <summary>The rate it paces at now, per second (the published rate less the margin, or less after throttling).</summary>
        public double PerSecond
        {
            get { lock (_gate) return _adaptive.Rate(Now()); }
        }

        /// <summary>How many calls it lets go at once now.</summary>
        public double Burst
        {
            get { lock (_gate) return _adaptive.Burst(Now()); }
        }

        /// <summary>How many throttled answers made it slow down.</summary>
        public int Throttles
        {
            get { lock (_gate) return _adaptive.Throttles; }
        }

        /// <summary>How the wait is described in the verbose stream: "ShowAsset (19.4/s of 20/s in cn-north-4)".</summary>
        public string Describe(PacedLease lease)
        {
            var via = lease.Source switch
            {
                "store" => $", shared through {Key.Store?.Address}",
                "fallback" => $", this process's share while {Key.Store?.Address} does not answer",
                _ => "",
            };
            return string.Format(CultureInfo.InvariantCulture, "{0} ({1:0.##}/s of {2:0.##}/s in {3}{4})", Key.Operation.Name, PerSecond, Key.PublishedRate, Key.Region, via);
        }

        public override TimeSpan? IdleDuration
        {
            get
            {
                lock (_gate)
                {
                    var now = Now();
                    return _queued == 0 && _schedule.Tat <= now ? TimeSpan.FromSeconds(now - Math.Max(0, _schedule.Tat)) : (TimeSpan?)null;
                }
            }
        }

        public override RateLimiterStatistics? GetStatistics()
        {
            lock (_gate)
            {
                var now = Now();
                var (interval, tolerance) = Pace(now, 1, 1);
                return new RateLimiterStatistics
                {
                    CurrentAvailablePermits = _schedule.Available(now, interval, tolerance),
                    CurrentQueuedCount = Volatile.Read(ref _queued),
                    TotalSuccessfulLeases = Interlocked.Read(ref _granted),
                    TotalFailedLeases = Interlocked.Read(ref _refused),
                };
            }
        }

        /// <summary>
        /// A permit now or none, from this process's own schedule (the shared store is asked only by
        /// <see cref="RateLimiter.AcquireAsync"/>, which the module always uses).
        /// </summary>
        protected override RateLimitLease AttemptAcquireCore(int permitCount)
        {
            CheckPermits(permitCount);
            lock (_gate)
            {
                var now = Now();
                var (interval, tolerance) = Pace(now, permitCount, 1);
                if (permitCount == 0 || _schedule.Available(now, interval / Math.Max(1, permitCount), tolerance) >= permitCount)
                {
                    var bunched = permitCount > 0 && Bunched(now, _schedule.LastSlot, interval);
                    if (permitCount > 0) _schedule.Reserve(now, interval, tolerance);
                    Interlocked.Increment(ref _granted);
                    return new PacedLease(this, true, TimeSpan.Zero, "local", _adaptive.Generation, slot: now, bunched: bunched);
                }
                Interlocked.Increment(ref _refused);
                var retryAfter = TimeSpan.FromSeconds(Math.Max(0, _schedule.Tat - tolerance - now));
                return new PacedLease(this, false, TimeSpan.Zero, "local", _adaptive.Generation, retryAfter: retryAfter);
            }
        }

        protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            CheckPermits(permitCount);
            var started = _clock.Provider.GetTimestamp();
            Interlocked.Increment(ref _queued);
            try
            {
                int generation;
                double interval, tolerance;
                lock (_gate)
                {
                    generation = _adaptive.Generation;
                    (interval, tolerance) = Pace(Now(), permitCount, 1);
                }
                if (permitCount == 0) return new PacedLease(this, true, TimeSpan.Zero, Key.Store != null ? "store" : "local", generation);

                var store = Key.Store;
                var answer = store == null ? default : await store.ReserveAsync(Key.StoreKey, interval, tolerance, cancellationToken).ConfigureAwait(false);
                double wait, slot;
                bool bunched, precise;
                string source;
                lock (_gate)
                {
                    var now = Now();
                    var previous = _schedule.LastSlot;
                    if (store == null || answer.Reserved)
                    {
                        _fallingBack = false;
                        // With a store this process keeps its own schedule too: it never outpaces the tenant's rate by
                        // itself anyway, and it carries the hold-off after a throttle without bunching this process's callers.
                        wait = Math.Max(answer.Wait.TotalSeconds, _schedule.Reserve(now, interval, tolerance));
                        source = store == null ? "local" : "store";
                    }
                    else
                    {
                        (interval, tolerance) = Pace(now, permitCount, Key.Share);
                        // The switch starts with an empty bucket: hosts that lose the store together must not each fire a burst.
                        if (!_fallingBack) _schedule.Drain(now, tolerance);
                        _fallingBack = true;
                        wait = _schedule.Reserve(now, interval, tolerance);
                        source = "fallback";
                    }
                    slot = now + wait;
                    bunched = Bunched(slot, previous, interval);
                    // Only a service seen to refuse bursts needs the slot kept to the tick: a bucket with a burst absorbs
                    // a timer's error, and the precise wait costs a little CPU.
                    precise = Precise && _adaptive.Strict;
                }
                if (wait > 0)
                {
                    try
                    {
                        await _clock.WaitAsync(slot, wait, precise, cancellationToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        // Give the slot back so a cancelled caller does not slow the others (this process's schedule;
                        // a slot taken from the store is spent).
                        lock (_gate) _schedule.Release(interval);
                        throw;
                    }
                }
                Interlocked.Increment(ref _granted);
                return new PacedLease(this, true, _clock.Provider.GetElapsedTime(started), source, generation, answer.Warning, answer.Note, slot: slot, bunched: bunched);
            }
            finally
            {
                Interlocked.Decrement(ref _queued);
            }
        }

        /// <summary>The service throttled a call this limiter let through: slow down once per bunch of calls.</summary>
        internal string? OnThrottled(PacedLease lease)
        {
            lock (_gate)
            {
                var now = Now();
                var (counted, rateCut) = _adaptive.OnThrottled(now, lease.Generation, lease.Bunched);
                if (!counted) return null;
                _schedule.Restart(_adaptive.HoldUntil, 1 / _adaptive.Rate(now));
                _lastBurst = _adaptive.Burst(now);
                return rateCut
                    ? string.Format(CultureInfo.InvariantCulture,
                        "Rate limiter: {0} was throttled; pacing it at {1:0.##}/s (ceiling {2:0.##}/s, published {3:0.##}/s in {4}), one call at a time, recovering over the next seconds.",
                        Key.Operation.Name, _adaptive.Rate(now), _adaptive.Ceiling(now), Key.PublishedRate, Key.Region)
                    : string.Format(CultureInfo.InvariantCulture,
                        "Rate limiter: {0} was throttled in a burst; the service has less burst than {1:0.##}/s in {2} suggests: one call at a time at {3:0.##}/s.",
                        Key.Operation.Name, Key.PublishedRate, Key.Region, _adaptive.Rate(now));
            }
        }

        /// <summary>
        /// The service answered a call this limiter let through without throttling it: a call that took longer than the
        /// quickest recent ones may have reached the service late, so the next call on the pace leaves that much later
        /// (see the class remarks).
        /// </summary>
        internal void OnAnswered(PacedLease lease)
        {
            if (double.IsNaN(lease.Slot)) return;
            lock (_gate)
            {
                var now = Now();
                if (lease.Bunched) _adaptive.OnBurstAccepted(lease.Generation);
                var took = now - lease.Slot;
                // The quickest recent answer: the lowest time of the last one or two windows of answers, so it follows
                // a route or service that became slower. Until a few answers have been seen it is not known (a process's
                // first answers are slow, and one slow answer taken as the quickest hid a late call: a throttle at the
                // pace right after the first burst's), so the whole answer time counts as possible lateness.
                var quickest = _answersSeen < QuickestAfter ? 0 : Math.Min(_quickestNow, _quickestBefore);
                if (_answersSeen < QuickestAfter) _answersSeen++;
                _quickestNow = Math.Min(_quickestNow, took);
                if (++_answersNow == QuickestWindow)
                {
                    _quickestBefore = _quickestNow;
                    _quickestNow = double.PositiveInfinity;
                    _answersNow = 0;
                }
                // A service with a burst in hand absorbs a late call by itself.
                if (!_adaptive.Strict) return;
                var (interval, tolerance) = Pace(now, 1, 1);
                // Half the margin's room is kept for what the answer time does not show: a call that reached the service
                // quicker than the quickest answer's call did.
                var late = took - quickest - (interval - 1 / _adaptive.Published) / 2;
                if (late > 0) _schedule.Delay(lease.Slot + interval, lease.Slot + interval + late, tolerance);
            }
        }

        /// <summary>A slot closer than this fraction of an interval to the one before it was sent in a burst.</summary>
        private const double BunchedBelow = 0.999;

        /// <summary>How many answers the quickest answer time is taken over (the last one or two windows of this many).</summary>
        private const int QuickestWindow = 64;

        /// <summary>How many answers are seen before the quickest of them stands for how quick answers are.</summary>
        private const int QuickestAfter = 16;

        /// <summary>Whether a call let go at <paramref name="slot"/> is closer than one interval to the one before it.</summary>
        private static bool Bunched(double slot, double previous, double interval) => slot - previous < interval * BunchedBelow;

        /// <summary>Seconds since the limiter was made, on its clock.</summary>
        internal double Now() => _clock.Now();

        /// <summary>The interval and burst tolerance (seconds) for <paramref name="permits"/> calls at <paramref name="share"/> of the rate.</summary>
        private (double Interval, double Tolerance) Pace(double now, int permits, double share)
        {
            var rate = _adaptive.Rate(now) * share;
            var full = _adaptive.Burst(now);
            if (full > _lastBurst) _schedule.Widen(now, (Math.Max(1, Math.Floor(_lastBurst * share)) - 1) / rate, (Math.Max(1, Math.Floor(full * share)) - 1) / rate);
            _lastBurst = full;
            var burst = Math.Max(1, Math.Floor(full * share));
            return (Math.Max(1, permits) / rate, (burst - 1) / rate);
        }

        private static void CheckPermits(int permitCount)
        {
            if (permitCount < 0) throw new ArgumentOutOfRangeException(nameof(permitCount), "A permit count cannot be negative.");
        }
    }
}
