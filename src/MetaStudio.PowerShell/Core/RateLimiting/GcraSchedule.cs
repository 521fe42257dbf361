#nullable enable
using System;

namespace MetaStudio.PowerShell.Core.RateLimiting
{
    /// <summary>
    /// Reserve-and-wait on a GCRA schedule (the generic cell rate algorithm, a token bucket kept as one number): the
    /// theoretical arrival time (TAT) of the next call. A caller always gets a slot, at max(now, TAT − tolerance), and
    /// pushes TAT one interval further; so callers are served in arrival order, never more than
    /// <c>1 + tolerance / interval</c> at once (the burst) and never faster than one per interval over time.
    /// The shared store runs the same arithmetic in Lua (<see cref="Redis.GcraScript"/>). Not thread-safe; times in seconds.
    /// </summary>
    internal sealed class GcraSchedule
    {
        /// <summary>Waits shorter than this are rounding, not waits (sums of intervals are not exact in floating point).</summary>
        private const double Epsilon = 1e-6;

        private double _tat = double.NegativeInfinity;
        private double _lastSlot = double.NegativeInfinity;

        /// <summary>The theoretical arrival time: calls are due from <c>TAT − tolerance</c> on.</summary>
        public double Tat => _tat;

        /// <summary>Takes a slot for one call costing <paramref name="interval"/>; returns how long to wait for it.</summary>
        /// <param name="tolerance">The burst tolerance, <c>(burst − 1) × interval</c>.</param>
        public double Reserve(double now, double interval, double tolerance)
        {
            var tat = Math.Max(_tat, now);
            var wait = tat - tolerance - now;
            if (wait < Epsilon) wait = 0;
            _tat = tat + interval;
            _lastSlot = now + wait;
            return wait;
        }

        /// <summary>The time of the last slot given, or negative infinity before the first.</summary>
        public double LastSlot => _lastSlot;

        /// <summary>
        /// The next call on the pace, due at <paramref name="paced"/>, goes no sooner than <paramref name="time"/>
        /// (a call seen to have reached the service late, see <see cref="OperationRateLimiter"/>). Only while the pace
        /// binds: calls in hand from idle time stay in hand.
        /// </summary>
        public void Delay(double paced, double time, double tolerance)
        {
            if (_tat - tolerance >= paced - Epsilon) _tat = Math.Max(_tat, time + tolerance);
        }

        /// <summary>
        /// The burst tolerance grows from <paramref name="from"/> to <paramref name="to"/> (seconds): what the larger
        /// bucket holds is only what the caller left unused while it was idle, never room granted at once to a caller
        /// kept busy at the rate.
        /// </summary>
        public void Widen(double now, double from, double to)
        {
            if (!(to > from)) return;
            var idle = Math.Max(0, now - _tat);
            _tat = Math.Max(_tat, now) + (to - from) - Math.Min(idle, to - from);
        }

        /// <summary>Gives back a slot whose caller gave up (cancelled), so it does not slow the others.</summary>
        public void Release(double interval) => _tat -= interval;

        /// <summary>
        /// After a throttled answer: the next slot is at <paramref name="time"/>, or one <paramref name="interval"/> after the
        /// last slot already given when that is later. What a burst had run ahead on the schedule is forgiven: the service
        /// has just said its own bucket is empty, so from now on only its refill counts, and calls already waiting keep
        /// their slots.
        /// </summary>
        public void Restart(double time, double interval) => _tat = Math.Max(time, _lastSlot + interval);

        /// <summary>Empties the bucket: one call may go now, the next one interval later, and the burst builds up again from here.</summary>
        public void Drain(double now, double tolerance) => _tat = Math.Max(_tat, now + tolerance);

        /// <summary>How many calls could go at once right now, with no wait.</summary>
        public int Available(double now, double interval, double tolerance)
            => (int)Math.Max(0, Math.Floor((now + tolerance - Math.Max(_tat, now)) / interval + 1e-9) + 1);
    }
}
