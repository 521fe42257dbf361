#nullable enable
using System;
using System.Threading;
using System.Threading.Tasks;

namespace MetaStudio.PowerShell.Core.RateLimiting
{
    /// <summary>
    /// A limiter's clock: seconds since the limiter was made, and the wait for a slot. .NET's timers (Task.Delay,
    /// TimeProvider.Delay) count a coarse tick (CLOCK_MONOTONIC_COARSE on Linux: 4 ms at 250 Hz), so a delay ends up to a
    /// tick early or late. A bucket with a burst absorbs that; a strict one (no burst: calls must arrive one interval
    /// apart) does not, since the margin under the published rate is only 1 to 2 ms at 10 to 20 calls a second: a call let
    /// go a few milliseconds early is throttled, one let go late loses the time for good. So a precise wait sets the
    /// timer <see cref="Guard"/> before the slot and sleeps (Thread.Sleep is a precise nanosleep on Linux) to about a
    /// millisecond before it, spinning only that last millisecond; the slot is then kept to a few tens of microseconds, for at
    /// most a millisecond of CPU per call. (Where sleeps count a coarse tick too, as on Windows by default, the wait
    /// ends late rather than early, and the limiter's late-call rule keeps the next call clear of it.)
    /// </summary>
    internal sealed class SlotClock
    {
        /// <summary>How long before the slot a precise wait's timer ends: more than a coarse tick early.</summary>
        internal const double Guard = 0.005;

        /// <summary>Below this a precise wait spins: a one-millisecond sleep takes a little more than a millisecond.</summary>
        private const double SpinBelow = 0.0012;

        private readonly long _origin;

        public SlotClock(TimeProvider clock)
        {
            Provider = clock ?? throw new ArgumentNullException(nameof(clock));
            _origin = clock.GetTimestamp();
        }

        public TimeProvider Provider { get; }

        /// <summary>Seconds since the clock was made.</summary>
        public double Now() => Provider.GetElapsedTime(_origin).TotalSeconds;

        /// <summary>
        /// Waits <paramref name="wait"/> seconds, for the slot at <paramref name="slot"/>: on the timer alone, or
        /// <paramref name="precise"/>ly (never before the slot, and no later than a sleep's slack after it).
        /// </summary>
        public Task WaitAsync(double slot, double wait, bool precise, CancellationToken cancellationToken)
        {
            if (!precise) return Provider.Delay(WholeMilliseconds(wait), cancellationToken);
            return PreciseAsync(slot, wait, cancellationToken);
        }

        private async Task PreciseAsync(double slot, double wait, CancellationToken cancellationToken)
        {
            if (wait > Guard) await Provider.Delay(TimeSpan.FromMilliseconds(Math.Floor((wait - Guard) * 1000)), cancellationToken).ConfigureAwait(false);
            double left;
            while ((left = slot - Now()) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                // One sleep to about a millisecond before the slot (each wake-up on a busy machine may come late), then spin.
                if (left > SpinBelow) Thread.Sleep(Math.Max(1, (int)((left - SpinBelow) * 1000)));
                else Thread.SpinWait(64);
            }
        }

        /// <summary>
        /// Timers count whole milliseconds and Task.Delay truncates: rounding up keeps a call from leaving a fraction of a
        /// millisecond early (a coarse tick may still end it early: see the class remarks).
        /// </summary>
        private static TimeSpan WholeMilliseconds(double seconds) => TimeSpan.FromMilliseconds(Math.Ceiling(seconds * 1000));
    }
}
