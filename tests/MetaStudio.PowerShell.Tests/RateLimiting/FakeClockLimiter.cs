using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.RateLimiting;
using Microsoft.Extensions.Time.Testing;

namespace MetaStudio.PowerShell.Tests.RateLimiting
{
    /// <summary>
    /// An <see cref="OperationRateLimiter"/> on a fake clock, and a way to take a permit that moves the clock on to each
    /// wait's end until the permit is given, so waits are measured in clock time and nothing sleeps.
    /// </summary>
    internal sealed class FakeClockLimiter
    {
        public static readonly DateTimeOffset Start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        /// <param name="clock">The clock (default: a stepping clock from <see cref="Start"/>).</param>
        public FakeClockLimiter(OperationId operation = OperationId.ShowAsset, string region = "cn-north-4", double scale = 1, SteppingClock? clock = null)
        {
            Clock = clock ?? new SteppingClock(Start);
            Operation = OperationCatalog.Get(operation);
            Limiter = new OperationRateLimiter(new RateLimitKey("tenant-" + Guid.NewGuid().ToString("N"), region, Operation, scale), Clock);
        }

        public SteppingClock Clock { get; }
        public Operation Operation { get; }
        public OperationRateLimiter Limiter { get; }
        public double Published => Limiter.Key.PublishedRate;

        /// <summary>Seconds since the clock's start.</summary>
        public double Now => (Clock.GetUtcNow() - Start).TotalSeconds;

        /// <summary>Takes one permit, moving the clock on until it is granted.</summary>
        public PacedLease Acquire() => (PacedLease)Clock.Run(Limiter.AcquireAsync(1, CancellationToken.None).AsTask());

        /// <summary>Moves the clock on by <paramref name="seconds"/>.</summary>
        public void Pass(double seconds) => Clock.Advance(TimeSpan.FromSeconds(seconds));
    }

    /// <summary>
    /// A fake clock that knows when its pending timers are due, so a test can move it straight to the next one instead of
    /// in small steps. Work after a wait may continue on the thread pool: <see cref="Run{T}"/> gives it a moment of real
    /// time (a hang guard, not a timing) before moving the clock again. Its timers may be made to end early, as .NET's
    /// do on a coarse tick (<see cref="SlotClock"/>).
    /// </summary>
    internal sealed class SteppingClock : FakeTimeProvider
    {
        private readonly List<DateTimeOffset> _due = new List<DateTimeOffset>();
        private readonly TimeSpan _early;
        private int _created;

        /// <param name="early">How much sooner than asked every timer ends.</param>
        public SteppingClock(DateTimeOffset start, TimeSpan early = default) : base(start) => _early = early;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime != Timeout.InfiniteTimeSpan && _early > TimeSpan.Zero) dueTime = dueTime > _early ? dueTime - _early : TimeSpan.Zero;
            lock (_due)
            {
                if (dueTime != Timeout.InfiniteTimeSpan) _due.Add(GetUtcNow() + dueTime);
                _created++;
            }
            return base.CreateTimer(callback, state, dueTime, period);
        }

        /// <summary>Moves the clock to each next timer until <paramref name="task"/> ends; returns its result.</summary>
        public T Run<T>(Task<T> task)
        {
            for (var rounds = 0; !task.IsCompleted; rounds++)
            {
                if (rounds > 100_000) throw new TimeoutException("The task never ended (a hang guard).");
                int created;
                DateTimeOffset? next;
                lock (_due)
                {
                    var now = GetUtcNow();
                    _due.RemoveAll(d => d < now);
                    next = _due.Count == 0 ? null : _due.Min();
                    created = _created;
                }
                if (next is DateTimeOffset due && due > GetUtcNow()) Advance(due - GetUtcNow());
                else if (next == null) Advance(TimeSpan.FromMilliseconds(1));
                else Advance(TimeSpan.Zero);
                // What runs after the timer may be on the thread pool: let it end, or start its next wait.
                SpinWait.SpinUntil(() => task.IsCompleted || Volatile.Read(ref _created) != created, TimeSpan.FromSeconds(1));
                lock (_due) _due.RemoveAll(d => d <= GetUtcNow());
            }
            return task.GetAwaiter().GetResult();
        }
    }
}
