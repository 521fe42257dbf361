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
    /// <item>A throttled answer (APIGW.0308, 429) cuts the rate to <see cref="Beta"/> × the rate it was sent at, drops the
    /// burst to one call (the service evidently has none to give) and holds the next call back one interval (see
    /// <see cref="GcraSchedule.Restart"/>). The rate
    /// then recovers along CUBIC's curve: quickly at first, flattening as it nears the rate that was throttled, then
    /// probing up to the ceiling again.</item>
    /// <item>Each throttle also lowers the ceiling a little (down to <see cref="MinCeilingFactor"/> of the published
    /// rate): a service that throttles at the published rate (a strict bucket with no burst, calls bunched by network
    /// jitter) is paced further below it, so it stops throttling instead of throttling at every recovery. Quiet time
    /// gives the margin back.</item>
    /// <item>Only the first throttle of calls sent at the same setting counts (a generation number carried by each
    /// lease): a burst of concurrent calls all throttled together is one signal, not twenty.</item>
    /// </list>
    /// Not thread-safe: the owning limiter serialises calls. Times are seconds on the limiter's clock.
    /// </summary>
    internal sealed class AdaptiveRate
    {
        /// <summary>How far under the published rate the limiter paces by default (3 %).</summary>
        public const double Margin = 0.03;
        /// <summary>The multiplicative decrease on a throttled answer (AWS: 0.7).</summary>
        public const double Beta = 0.7;
        /// <summary>CUBIC's scaling constant, in calls per second per second cubed (AWS: 0.4).</summary>
        public const double ScaleConstant = 0.4;
        /// <summary>The lowest rate a throttle can cut to, per second (AWS: 0.5), or the ceiling when that is lower.</summary>
        public const double MinRate = 0.5;
        /// <summary>How much each throttle lowers the ceiling, as a fraction of the published rate.</summary>
        public const double CeilingStep = 0.02;
        /// <summary>The ceiling never drops below this fraction of the published rate.</summary>
        public const double MinCeilingFactor = 0.85;
        /// <summary>Seconds without a throttle for one <see cref="CeilingStep"/> of the margin to come back.</summary>
        public const double CeilingRecoverySeconds = 30;
        /// <summary>Seconds without a throttle before the burst comes back.</summary>
        public const double BurstRecoverySeconds = 60;

        private readonly double _published;
        private double _ceilingFactor = 1 - Margin;
        private double _ceilingSince;
        private bool _throttled;
        private double _lastThrottle;
        private double _wMax;
        private double _k;
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
            if (!_throttled) return ceiling;
            var t = now - _lastThrottle - _k;
            var cubic = ScaleConstant * t * t * t + _wMax;
            return Math.Max(Math.Min(MinRate, ceiling), Math.Min(ceiling, cubic));
        }

        /// <summary>
        /// How many calls may go at once: one second of the published rate less one call, or one after a recent throttle.
        /// The call left over is the room for a sender that is late: the service's bucket is full before a burst, so the
        /// time between a burst's slot and its first call reaching the service is lost to it (a process's first call
        /// is often that late); one call's worth of it (1/rate seconds) is covered.
        /// </summary>
        public double Burst(double now)
            => _throttled && now - _lastThrottle < BurstRecoverySeconds ? 1 : Math.Max(1, Math.Floor(_published) - 1);

        /// <summary>No call before this time (set by a throttle: the service had nothing left).</summary>
        public double HoldUntil => _holdUntil;

        /// <summary>
        /// A throttled answer to a call granted under <paramref name="generation"/>. Returns whether it counted (false
        /// when the limiter already slowed down for the same bunch of calls).
        /// </summary>
        public bool OnThrottled(double now, int generation)
        {
            if (generation != Generation) return false;
            var sentAt = Rate(now);
            // The lowered ceiling applies from now on; a throttle also restarts the ceiling's recovery.
            _ceilingFactor = Math.Max(MinCeilingFactor, CeilingFactor(now) - CeilingStep);
            _ceilingSince = now;
            var floor = Math.Min(MinRate, Ceiling(now));
            var cut = Math.Max(floor, sentAt * Beta);
            _wMax = Math.Min(sentAt, Ceiling(now));
            // CUBIC's zero point: the curve starts at the cut rate and is back at _wMax after _k seconds.
            _k = Math.Pow(Math.Max(0, _wMax - cut) / ScaleConstant, 1.0 / 3);
            _lastThrottle = now;
            _throttled = true;
            _holdUntil = now + 1 / cut;
            Generation++;
            Throttles++;
            return true;
        }

        private double CeilingFactor(double now)
        {
            if (!_throttled) return _ceilingFactor;
            var recovered = Math.Floor((now - _ceilingSince) / CeilingRecoverySeconds) * CeilingStep;
            return Math.Min(1 - Margin, _ceilingFactor + Math.Max(0, recovered));
        }
    }
}
