using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Jobs;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Jobs
{
    /// <summary>The poller on its own, in virtual time: schedules and deadlines are exact, and nothing sleeps.</summary>
    public class JobPollerTests
    {
        [Fact]
        public void Interval_never_lets_the_reads_of_all_pending_jobs_exceed_the_rate()
        {
            var poller = new JobPoller<int>((id, c) => Task.FromResult(0), _ => true) { RatePerSecond = 20, MinimumInterval = TimeSpan.FromSeconds(0.1) };
            Assert.Equal(TimeSpan.FromSeconds(0.1), poller.IntervalFor(1));
            Assert.Equal(TimeSpan.FromSeconds(0.5), poller.IntervalFor(10));
            Assert.Equal(TimeSpan.FromSeconds(5), poller.IntervalFor(100));
        }

        [Fact]
        public async Task Reads_of_one_round_are_in_flight_together_and_jobs_end_in_their_own_order()
        {
            // Job "a" ends after 3 reads, "b" after 1, "c" after 2. Each read of the first round waits until
            // all three are in flight: a poller that read them one after another would never get past it.
            var needed = new Dictionary<string, int> { ["a"] = 3, ["b"] = 1, ["c"] = 2 };
            var reads = new ConcurrentDictionary<string, int>();
            var firstRound = new CountdownEvent(3);
            var time = new VirtualTime();
            var poller = new JobPoller<int>(async (id, c) =>
            {
                var n = reads.AddOrUpdate(id, 1, (_, v) => v + 1);
                if (n == 1)
                {
                    firstRound.Signal();
                    await Task.Run(() => firstRound.Wait(TimeSpan.FromSeconds(10)));
                    Assert.True(firstRound.IsSet, "reads of one round were not concurrent");
                }
                return n >= needed[id] ? 1 : 0;
            }, state => state == 1, time.Session) { RatePerSecond = 1000, MinimumInterval = TimeSpan.FromSeconds(1) };

            var ended = new List<string>();
            await poller.RunAsync(new[] { "a", "b", "c" }, CallContext.None(), r => ended.Add(r.Id));
            Assert.Equal(new[] { "b", "c", "a" }, ended);
            Assert.Equal(3, reads["a"]);
            Assert.Equal(1, reads["b"]);
        }

        [Fact]
        public async Task Rounds_keep_a_fixed_schedule_however_long_a_round_takes()
        {
            // Each read takes 0.5 s; rounds are due every 2 s from the start of the one before, not 2 s after it ended.
            var time = new VirtualTime();
            var start = time.Clock.GetUtcNow();
            var at = new List<double>();
            var poller = new JobPoller<int>((id, c) =>
            {
                at.Add((time.Clock.GetUtcNow() - start).TotalSeconds);
                time.Advance(TimeSpan.FromSeconds(0.5));
                return Task.FromResult(at.Count >= 4 ? 1 : 0);
            }, s => s == 1, time.Session) { RatePerSecond = 100, MinimumInterval = TimeSpan.FromSeconds(2) };
            await poller.RunAsync(new[] { "x" }, CallContext.None(), _ => { });
            Assert.Equal(new[] { 0.0, 2, 4, 6 }, at);
        }

        [Fact]
        public async Task The_rate_stretches_the_schedule_for_many_jobs()
        {
            // 30 jobs at 10 reads/s: a round may come every 3 s, never at the asked 1 s.
            var time = new VirtualTime();
            var start = time.Clock.GetUtcNow();
            var rounds = new ConcurrentDictionary<double, int>();
            var ids = Enumerable.Range(1, 30).Select(i => "j" + i).ToList();
            var poller = new JobPoller<int>((id, c) =>
            {
                var t = (time.Clock.GetUtcNow() - start).TotalSeconds;
                rounds.AddOrUpdate(t, 1, (_, n) => n + 1);
                return Task.FromResult(t >= 6 ? 1 : 0);
            }, s => s == 1, time.Session) { RatePerSecond = 10, MinimumInterval = TimeSpan.FromSeconds(1) };
            await poller.RunAsync(ids, CallContext.None(), _ => { });
            Assert.Equal(new[] { 0.0, 3, 6 }, rounds.Keys.OrderBy(k => k));
            Assert.All(rounds.Values, n => Assert.Equal(30, n));
        }

        [Fact]
        public async Task Timeout_ends_unfinished_jobs_with_their_last_state_and_failures_only_end_their_job()
        {
            var time = new VirtualTime();
            var start = time.Clock.GetUtcNow();
            var stuckReads = new List<double>();
            var poller = new JobPoller<string>((id, c) =>
            {
                if (id == "stuck") stuckReads.Add((time.Clock.GetUtcNow() - start).TotalSeconds);
                return id == "broken" ? throw new InvalidOperationException("nope") : Task.FromResult<string?>(id == "done" ? "END" : "RUNNING");
            }, s => s == "END", time.Session) { RatePerSecond = 1000, MinimumInterval = TimeSpan.FromSeconds(2), Timeout = TimeSpan.FromSeconds(5) };
            var results = new List<JobWaitResult<string>>();
            await poller.RunAsync(new[] { "done", "stuck", "broken" }, CallContext.None(), results.Add);
            Assert.Equal(JobWaitOutcome.Finished, results.Single(r => r.Id == "done").Outcome);
            var broken = results.Single(r => r.Id == "broken");
            Assert.Equal(JobWaitOutcome.FetchFailed, broken.Outcome);
            Assert.NotNull(broken.Error);
            Assert.Equal("nope", broken.Error.Message);
            var stuck = results.Single(r => r.Id == "stuck");
            Assert.Equal(JobWaitOutcome.TimedOut, stuck.Outcome);
            Assert.Equal("RUNNING", stuck.Job);
            // Read on the schedule, once more at the deadline, then given up: exactly 5 s of virtual time.
            Assert.Equal(new[] { 0.0, 2, 4, 5 }, stuckReads);
            Assert.Equal(TimeSpan.FromSeconds(5), time.Clock.GetUtcNow() - start);
        }

        [Fact]
        public async Task Cancellation_ends_the_wait_with_OperationCanceledException()
        {
            using var cts = new CancellationTokenSource();
            var poller = new JobPoller<int>((id, c) => { cts.Cancel(); return Task.FromResult(0); }, _ => false) { MinimumInterval = TimeSpan.FromSeconds(30) };
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => poller.RunAsync(new[] { "x" }, CallContext.None(cts.Token), _ => { }));
        }
    }
}
