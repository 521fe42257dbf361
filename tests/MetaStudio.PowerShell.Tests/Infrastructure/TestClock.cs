using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace MetaStudio.PowerShell.Tests.Infrastructure
{
    /// <summary>
    /// A fake clock for the request path (SessionSettings.TimeProvider), so tests of retries, backoff and timeouts wait for
    /// nothing. Two kinds of timers meet it:
    /// <list type="bullet">
    /// <item>Delays (retry backoff, Task.Delay on this clock) are created already running: time jumps to their end
    /// at once, and <see cref="Delays"/> records each, so a test can assert the exact backoff that was chosen.</item>
    /// <item>Timeouts (an attempt's timer) are created stopped and armed later (Change): they fire only when the test
    /// moves the clock, usually by the armed amount taken from <see cref="NextArmedAsync"/>, once the test has seen
    /// what it waits for (a connection, some bytes).</item>
    /// </list>
    /// Only for tests with one call in flight at a time: a delay of one call would move the clock under another's timeout.
    /// </summary>
    public sealed class TestClock : FakeTimeProvider
    {
        private readonly Channel<TimeSpan> _armed = Channel.CreateUnbounded<TimeSpan>();
        private readonly ConcurrentQueue<TimeSpan> _delays = new();

        public TestClock() : base(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)) { }

        /// <summary>The delays that ran on this clock, in order.</summary>
        public IReadOnlyList<TimeSpan> Delays => _delays.ToArray();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (!IsFinite(dueTime)) return new Watched(base.CreateTimer(callback, state, dueTime, period), this);
            // A delay's callback runs on the thread pool, not inside Advance: what it releases (the next attempt after a
            // backoff) may move the clock itself, and FakeTimeProvider fires no timers from an Advance nested in another
            // (the attempt's timeout would then miss the stall it is there to catch).
            var timer = new Watched(base.CreateTimer(s => ThreadPool.QueueUserWorkItem(_ => callback(s)), state, dueTime, period), this);
            _delays.Enqueue(dueTime);
            // After CreateTimer returns, so the timer exists when the clock moves.
            ThreadPool.QueueUserWorkItem(_ => Advance(dueTime));
            return timer;
        }

        /// <summary>The amount the next timeout was armed with (in order of arming); fails the test after the guard.</summary>
        public async Task<TimeSpan> NextArmedAsync(TimeSpan? guard = null)
        {
            using var cts = new CancellationTokenSource(guard ?? TimeSpan.FromSeconds(30));
            try
            {
                return await _armed.Reader.ReadAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException("No timeout was armed on the test clock (hang guard).");
            }
        }

        /// <summary>Moves the clock past the next armed timeout, so it fires.</summary>
        public async Task FireNextTimeoutAsync() => Advance(await NextArmedAsync());

        /// <summary>Waits (polling, as a hang guard only) until a condition the test cannot await holds.</summary>
        public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? guard = null)
        {
            var deadline = DateTime.UtcNow + (guard ?? TimeSpan.FromSeconds(30));
            while (!condition())
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"Gave up waiting for {what} (hang guard).");
                await Task.Delay(5);
            }
        }

        private static bool IsFinite(TimeSpan t) => t != Timeout.InfiniteTimeSpan && t >= TimeSpan.Zero;

        private sealed class Watched : ITimer
        {
            private readonly ITimer _inner;
            private readonly TestClock _clock;

            public Watched(ITimer inner, TestClock clock)
            {
                _inner = inner;
                _clock = clock;
            }

            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                var changed = _inner.Change(dueTime, period);
                if (IsFinite(dueTime)) _clock._armed.Writer.TryWrite(dueTime);
                return changed;
            }

            public void Dispose() => _inner.Dispose();

            public ValueTask DisposeAsync() => _inner.DisposeAsync();
        }
    }
}
