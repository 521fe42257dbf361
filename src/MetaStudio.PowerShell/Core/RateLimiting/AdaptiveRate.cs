#nullable enable
using System;

namespace MetaStudio.PowerShell.Core.RateLimiting
{
    /// <summary>
    /// The rate and burst one (tenant, region, API) limiter paces at, adapted to what the service answers, in the spirit
    /// of the AWS SDKs' adaptive retry mode (botocore retries/adaptive.py and throttling.py: a token bucket whose fill
    /// rate follows CUBIC). Unlike the AWS client, which starts unlimited, this one knows the published limit:
    /// <list type="bullet">
    /// <item>It starts at the published rate less <see cref="Margin"/>, with a burst of one second of calls (what the
    /// published "N per second" allows) less one, and never goes above either.</item>
    /// <item>A throttled answer (APIGW.0308, 429) to a call sent in a burst (closer than one interval to the call before
    /// it) says the service has less burst than the published limit suggests, not that the rate is too high: the burst
    /// drops to one call and the next call is held back one interval, the rate stays. The burst is tried again after
    /// <see cref="BurstRetrySeconds"/> without such a throttle, and it comes back with no calls in hand: the room
    /// builds up only while calls go slower than the rate, so a caller kept busy at the rate does not burst into a
    /// strict bucket. A try the service refuses costs one refused call and a few milliseconds, since the call that
    /// led the burst was let through and the next one is held back only one interval.</item>
    /// <item>A throttled answer to a call sent at the pace says the rate is too high (others share the quota): the rate
    /// drops to <see cref="Beta"/> × the rate it was sent at, the burst to one call, and the next call is held back one
    /// interval (see <see cref="GcraSchedule.Restart"/>). The rate then recovers along CUBIC's curve: quickly at first,
    /// flattening as it nears the rate that was throttled, then probing up to the ceiling again. A throttle after a
    /// quiet spell (<see cref="QuietSeconds"/> without another at the pace) is taken as a one-off and recovered within
    /// <see cref="FastRecoverySeconds"/>; throttles closer together mean contention and recover at AWS's pace.</item>
    /// <item>Each throttle at the pace also lowers the ceiling a little (down to <see cref="MinCeilingFactor"/> of the
    /// published rate), so a service that keeps throttling at the ceiling is paced further below it. Quiet time gives
    /// the margin back.</item>
    /// <item>Only the first throttle of calls sent at the same setting counts (a generation number carried by each
    /// lease): a burst of concurrent calls all throttled together is one signal, not twenty.</item>
    /// </list>
    /// Not thread-safe: the owning limiter serialises calls. Times are seconds on the limiter's clock.
    /// </summary>
    internal sealed class AdaptiveRate
    {
        /// <summary>How far under the published rate the limiter paces by default (2 %).</summary>
        public const double Margin = 0.02;
        /// <summary>The multiplicative decrease on a throttled answer at the pace (AWS: 0.7).</summary>
        public const double Beta = 0.7;
        /// <summary>CUBIC's scaling constant under contention, in calls per second per second cubed (AWS: 0.4).</summary>
        public const double ScaleConstant = 0.4;
        /// <summary>How long a one-off throttle (after a quiet spell) takes to recover from, in seconds.</summary>
        public const double FastRecoverySeconds = 1;
        /// <summary>Seconds without a throttle at the pace after which the next one is taken as a one-off.</summary>
        public const double QuietSeconds = 10;
        /// <summary>The lowest rate a throttle can cut to, per second (AWS: 0.5), or the ceiling when that is lower.</summary>
        public const double MinRate = 0.5;
        /// <summary>How much each throttle at the pace lowers the ceiling, as a fraction of the published rate.</summary>
        public const double CeilingStep = 0.01;
        /// <summary>The ceiling never drops below this fraction of the published rate.</summary>
        public const double MinCeilingFactor = 0.85;
        /// <summary>Seconds without a throttle for one <see cref="CeilingStep"/> of the margin to come back.</summary>
        public const double CeilingRecoverySeconds = 2;
        /// <summary>Seconds after a throttle that dropped the burst before it is tried again.</summary>
        public const double BurstRetrySeconds = 5;

        private readonly double _published;
        private double _ceilingFactor = 1 - Margin;
        private double _ceilingSince;
        private bool _cut;
        private double _lastCut;
        private double _wMax;
        private double _k;
        private double _scale = ScaleConstant;
        private double _lastThrottle = double.NegativeInfinity;
        private double _burstDroppedAt = double.NegativeInfinity;
        private double _holdUntil = double.NegativeInfinity;

        /// <param name="published">The published rate for this region and API, times the session's scale (per second).</param>
        public AdaptiveRate(double published)
        {
            if (!(published > 0)) throw new ArgumentOutOfRangeException(nameof(published));
            _published = published;
        }

        /// <summary>The published rate this limiter follows (scaled), per second.</summary>
        public double Published => _published;

        /// <summary>Bumped by every throttle that counted; leases carry the value they were granted under.</summary>
        public int Generation { get; private set; }

        /// <summary>How many throttles counted so far.</summary>
        public int Throttles { get; private set; }

        /// <summary>The highest rate right now: the published one less the margin, lowered by recent throttles.</summary>
        public double Ceiling(double now) => _published * CeilingFactor(now);

        /// <summary>The rate to pace at, per second.</summary>
        public double Rate(double now)
        {
            var ceiling = Ceiling(now);
            if (!_cut) return ceiling;
            var t = now - _lastCut - _k;
            var cubic = _scale * t * t * t + _wMax;
            return Math.Max(Math.Min(MinRate, ceiling), Math.Min(ceiling, cubic));
        }

        /// <summary>The burst when nothing has been throttled: one second of the published rate less one call.</summary>
        public double FullBurst => Math.Max(1, Math.Floor(_published) - 1);

        /// <summary>
        /// How many calls may go at once: <see cref="FullBurst"/>, or one while a throttle's drop of the burst lasts.
        /// The call left over is the room for a sender that is late: the service's bucket is full before a burst, so the
        /// time between a burst's slot and its first call reaching the service is lost to it (a process's first call
        /// is often that late); one call's worth of it (1/rate seconds) is covered.
        /// </summary>
        public double Burst(double now) => BurstDropped(now) ? 1 : FullBurst;

        private bool BurstDropped(double now) => now - _burstDroppedAt < BurstRetrySeconds;

        /// <summary>
        /// Whether the service was last seen to refuse a burst (and has not taken one since): its bucket is strict, so
        /// the time between two calls counts as they arrive (see <see cref="OperationRateLimiter.OnAnswered"/>).
        /// </summary>
        public bool Strict { get; private set; }

        /// <summary>A call sent in a burst under <paramref name="generation"/> was answered without a throttle: the service has a burst.</summary>
        public void OnBurstAccepted(int generation)
        {
            if (generation == Generation) Strict = false;
        }

        /// <summary>No call before this time (set by a throttle: the service had nothing left).</summary>
        public double HoldUntil => _holdUntil;

        /// <summary>
        /// A throttled answer to a call granted under <paramref name="generation"/>; <paramref name="bunched"/>: the call
        /// was sent closer than one interval after the call before it (in a burst). Returns whether it counted (false
        /// when the limiter already reacted to the same bunch of calls) and whether it cut the rate.
        /// </summary>
        public (bool Counted, bool RateCut) OnThrottled(double now, int generation, bool bunched)
        {
            if (generation != Generation) return (false, false);
            // A throttle in a burst drops the burst (again); one at the pace drops it too, but does not put off a
            // drop already under way: it says nothing of the burst.
            if (bunched || !BurstDropped(now)) _burstDroppedAt = now;
            if (bunched) Strict = true;
            Generation++;
            Throttles++;
            if (bunched)
            {
                _holdUntil = now + 1 / Rate(now);
                return (true, false);
            }
            // Only throttles at the pace say the quota is contended: a throttle in a burst (a process's first burst into
            // a strict bucket) does not make the next one at the pace look like contention.
            var quiet = now - _lastThrottle >= QuietSeconds;
            _lastThrottle = now;
            var sentAt = Rate(now);
            // The lowered ceiling applies from now on; a throttle also restarts the ceiling's recovery.
            _ceilingFactor = Math.Max(MinCeilingFactor, CeilingFactor(now) - CeilingStep);
            _ceilingSince = now;
            var floor = Math.Min(MinRate, Ceiling(now));
            var cut = Math.Max(floor, sentAt * Beta);
            _wMax = Math.Min(sentAt, Ceiling(now));
            // CUBIC's zero point: the curve starts at the cut rate and is back at _wMax after _k seconds; a one-off
            // throttle steepens the curve so that it is back within FastRecoverySeconds.
            var drop = Math.Max(0, _wMax - cut);
            _scale = quiet ? Math.Max(ScaleConstant, drop / (FastRecoverySeconds * FastRecoverySeconds * FastRecoverySeconds)) : ScaleConstant;
            _k = Math.Pow(drop / _scale, 1.0 / 3);
            _lastCut = now;
            _cut = true;
            _holdUntil = now + 1 / cut;
            return (true, true);
        }

        private double CeilingFactor(double now)
        {
            if (!_cut) return _ceilingFactor;
            var recovered = Math.Floor((now - _ceilingSince) / CeilingRecoverySeconds) * CeilingStep;
            return Math.Min(1 - Margin, _ceilingFactor + Math.Max(0, recovered));
        }
    }
}
