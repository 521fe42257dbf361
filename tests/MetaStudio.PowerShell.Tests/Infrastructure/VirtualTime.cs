using System;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.Emulator;
using Microsoft.Extensions.Time.Testing;

namespace MetaStudio.PowerShell.Tests.Infrastructure
{
    /// <summary>
    /// Virtual time for job tests: one fake clock that the emulator's jobs run on (EmulatorOptions.TimeProvider) and
    /// that a session's job waits read (<see cref="Attach"/>). A wait through <see cref="Session"/> does not sleep: it
    /// moves the clock on to its own end, so whatever was due by then (a job reaching its next state, an emulator timer)
    /// happens first, and the wait ends at once. Jobs, poll schedules and timeouts then play out exactly as they would
    /// in real time, only without the waiting, whatever the machine's load. PsSession attaches every session it connects
    /// to such an emulator, so a test class opts in through its fixture alone.
    /// </summary>
    public sealed class VirtualTime
    {
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<TimeProvider, VirtualTime> ByClock = new();

        public VirtualTime() => ByClock.Add(Clock, this);

        /// <summary>The virtual time an emulator's jobs run on, or null when they run on the real clock.</summary>
        public static VirtualTime? Of(EmulatorHost? emulator)
            => emulator != null && ByClock.TryGetValue(emulator.Options.TimeProvider, out var time) ? time : null;

        /// <summary>
        /// Waits longer than this are not skipped but left to a test's explicit <see cref="Advance"/>: a request's
        /// attempt timeout (a minute) running on the same clock must not fire just because it was armed.
        /// </summary>
        public static readonly TimeSpan MaxSkip = TimeSpan.FromSeconds(30);

        private readonly object _sync = new();

        /// <summary>Starts at the real now, so the times the emulator reports look like times of today.</summary>
        public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

        /// <summary>The clock a session's waits run on: it reads <see cref="Clock"/> and skips its own waits.</summary>
        public TimeProvider Session => new SkippingClock(this);

        /// <summary>How many waits were skipped (each is a wait the code would otherwise have slept through).</summary>
        public int Skipped => Volatile.Read(ref _skipped);
        private int _skipped;

        /// <summary>Emulator options whose jobs run on this clock.</summary>
        public EmulatorOptions Options(EmulatorOptions? options = null)
        {
            options ??= new EmulatorOptions();
            options.TimeProvider = Clock;
            return options;
        }

        /// <summary>Makes <paramref name="session"/> wait on this clock.</summary>
        public void Attach(MsSession session) => session.TimeProvider = Session;

        /// <summary>
        /// After a stopped wait: no status read and no wait is added any more, an hour of virtual time later (every wait
        /// still armed on the clock has ended by then) and after a request of our own. A read that was on its way when
        /// the wait stopped is logged by the emulator when it ends, so one such round trip comes first and the count
        /// is taken after it.
        /// </summary>
        public void AssertNothingPollsAnyMore(PsSession session, Func<int> polls)
        {
            void Later()
            {
                Advance(TimeSpan.FromHours(1));
                session.Run("Get-MsAsset -First 1 | Out-Null").AssertNoErrors();
            }

            Later();
            var (reads, waits) = (polls(), Skipped);
            Later();
            Xunit.Assert.Equal((reads, waits), (polls(), Skipped));
        }

        public void Advance(TimeSpan by)
        {
            lock (_sync) Clock.Advance(by);
        }

        private void SkipTo(DateTimeOffset due)
        {
            lock (_sync)
            {
                if (due > Clock.GetUtcNow()) Clock.SetUtcNow(due);
            }
        }

        private sealed class SkippingClock : TimeProvider
        {
            private readonly VirtualTime _time;

            public SkippingClock(VirtualTime time) => _time = time;

            public override DateTimeOffset GetUtcNow() => _time.Clock.GetUtcNow();
            public override long GetTimestamp() => _time.Clock.GetTimestamp();
            public override long TimestampFrequency => _time.Clock.TimestampFrequency;
            public override TimeZoneInfo LocalTimeZone => _time.Clock.LocalTimeZone;

            public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
            {
                var due = _time.Clock.GetUtcNow() + dueTime;
                var timer = _time.Clock.CreateTimer(callback, state, dueTime, period);
                if (dueTime > TimeSpan.Zero && dueTime <= MaxSkip)
                {
                    Interlocked.Increment(ref _time._skipped);
                    // Not inside CreateTimer: the caller has not stored its timer yet when the callback would run.
                    _ = Task.Run(() => _time.SkipTo(due));
                }
                return timer;
            }
        }
    }
}
