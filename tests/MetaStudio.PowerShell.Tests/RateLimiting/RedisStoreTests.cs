using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.RateLimiting;
using MetaStudio.PowerShell.Core.RateLimiting.Redis;
using MetaStudio.PowerShell.Tests.Infrastructure;
using StackExchange.Redis;
using Xunit;

namespace MetaStudio.PowerShell.Tests.RateLimiting
{
    /// <summary>
    /// The shared store against a real redis-server on loopback (<see cref="RedisServer"/>): the Lua script's arithmetic,
    /// one schedule shared by separate limiters, and what an unreachable store does.
    /// </summary>
    public class RedisStoreTests
    {
        private static readonly Operation Create = OperationCatalog.Get(OperationId.CreateDigitalAsset);

        private static async Task<RedisRateLimitStore> Connect(string address)
        {
            var store = new RedisRateLimitStore(RateLimitStoreAddressTests.Parsed(address));
            await store.ConnectAsync();
            Assert.True(store.IsConnected, $"not connected to {address}");
            return store;
        }

        private static string NewKey() => $"metastudio:ratelimit:{{test-{Guid.NewGuid():N}:cn-north-4:ShowAsset}}";

        /// <summary>
        /// The script's arithmetic with the clock given (ARGV[3]): 50 ms per call and a burst of 3 (tolerance 100 ms).
        /// Three calls at once go at once, the fourth waits one interval, a second later the bucket is full again, and the
        /// key lives exactly one second past its schedule.
        /// </summary>
        [SkippableFact]
        public async Task The_script_reserves_on_a_GCRA_schedule_and_the_key_expires_after_it()
        {
            using var store = await Connect(RedisServer.Shared);
            Assert.NotNull(store.Connection);
            var db = store.Connection.GetDatabase();
            var key = NewKey();
            var interval = TimeSpan.FromMilliseconds(50);
            var tolerance = TimeSpan.FromMilliseconds(100);
            const long t0 = 1_700_000_000_000_000;
            async Task<(long Wait, long Ahead)> At(long now)
            {
                var (wait, ahead) = await store.RunAsync(key, interval, tolerance, now);
                return (wait.Ticks / 10, ahead.Ticks / 10);
            }

            Assert.Equal((0L, 50_000L), await At(t0));
            Assert.Equal((0L, 100_000L), await At(t0));
            Assert.Equal((0L, 150_000L), await At(t0));
            Assert.Equal((50_000L, 200_000L), await At(t0));
            Assert.Equal((100_000L, 250_000L), await At(t0));
            // 20 ms later the schedule is 20 ms nearer.
            Assert.Equal((130_000L, 280_000L), await At(t0 + 20_000));
            Assert.Equal(t0 + 300_000, (long)await db.StringGetAsync(key));
            // The key expires one second after its schedule: by then an absent key means the same, a full bucket.
            var ttl = await db.KeyTimeToLiveAsync(key);
            Assert.NotNull(ttl);
            Assert.InRange(ttl.Value.TotalMilliseconds, 1000, 280 + 1000);
            // A second later the bucket is full again: no wait, the schedule starts from now.
            Assert.Equal((0L, 50_000L), await At(t0 + 1_300_000));

            // A rate that is no whole number of microseconds per call rounds the interval up, never down.
            var odd = NewKey();
            var (_, ahead) = await store.RunAsync(odd, TimeSpan.FromTicks((long)(TimeSpan.TicksPerSecond / 19.4)), TimeSpan.Zero, t0);
            Assert.Equal(51_547, ahead.Ticks / 10);
        }

        [SkippableFact]
        public async Task Without_a_clock_given_the_script_uses_the_servers_time()
        {
            using var store = await Connect(RedisServer.Shared);
            var key = NewKey();
            var interval = TimeSpan.FromSeconds(10);
            var first = await store.RunAsync(key, interval, TimeSpan.Zero, null);
            var second = await store.RunAsync(key, interval, TimeSpan.Zero, null);
            Assert.Equal(TimeSpan.Zero, first.Wait);
            // The second call waits for the first's interval, less the moment between the two calls.
            Assert.InRange(second.Wait.TotalSeconds, 9, 10);
            Assert.InRange(second.Ahead.TotalSeconds, 19, 20);
            // The stored schedule is on the server's clock (microseconds since 1970), not on ours.
            Assert.NotNull(store.Connection);
            var time = await store.Connection.GetServer(store.Connection.GetEndPoints()[0]).TimeAsync();
            var tat = (long)await store.Connection.GetDatabase().StringGetAsync(key);
            var serverNow = (time.ToUniversalTime() - DateTime.UnixEpoch).Ticks / 10;
            Assert.InRange(tat - serverNow, 19_000_000, 20_000_000);
        }

        /// <summary>
        /// Two limiters that share nothing but the store (as two processes do): one takes the tenant's whole burst, so the
        /// other's first call waits for the schedule.
        /// </summary>
        [SkippableFact]
        public async Task Limiters_that_share_only_the_store_share_one_schedule()
        {
            var address = RateLimitStoreAddress.Parse(RedisServer.Shared);
            var tenant = "shared-" + Guid.NewGuid().ToString("N");
            Assert.NotNull(address);
            var one = new SharedRateLimitStore(address, await Connect(RedisServer.Shared));
            var two = new SharedRateLimitStore(address, await Connect(RedisServer.Shared));
            // The limiters sleep on a test clock, so a lease's Waited is exactly the wait the store's schedule asked for, not
            // the machine's speed (the store and Redis keep real time: the schedule runs on the server's clock).
            var clock = new TestClock();
            var a = new MsRateLimiters(clock).Partition(new RateLimitKey(tenant, "cn-east-3", Create, 1, one)); // 5/s
            var b = new MsRateLimiters(clock).Partition(new RateLimitKey(tenant, "cn-east-3", Create, 1, two));
            var burst = new List<PacedLease>();
            var sinceBurst = System.Diagnostics.Stopwatch.StartNew();
            for (var i = 0; i < 4; i++) burst.Add((PacedLease)await a.AcquireAsync(1));
            var burstTook = sinceBurst.Elapsed;
            Assert.All(burst, l => Assert.Equal("store", l.Source));
            Assert.All(burst, l => Assert.Equal(TimeSpan.Zero, l.Waited));
            var next = (PacedLease)await b.AcquireAsync(1);
            Assert.Equal("store", next.Source);
            // 1 / (5 × 0.97) = 206 ms after the burst began, by the store's schedule; b alone would not have waited at all.
            // The real time the burst took (on a loaded machine, part of those 206 ms) plus the wait the schedule then
            // gave b: the moment b was granted, counted from the burst's start.
            var granted = burstTook + next.Waited;
            Assert.True(granted >= TimeSpan.FromMilliseconds(150),
                $"the other limiter's call was granted {granted.TotalMilliseconds:0} ms after the burst began (waited {next.Waited.TotalMilliseconds:0} ms)");
            Assert.Equal(4, one.Reservations);
            Assert.Equal(1, two.Reservations);
            Assert.Equal("Connected", two.State);
        }

        /// <summary>
        /// A store nobody answers at: no call fails or waits for it, each goes on with this process's share of the rate,
        /// and the outage is reported once, on the first call.
        /// </summary>
        [Fact]
        public async Task An_unreachable_store_warns_once_and_the_calls_go_on_with_the_local_share()
        {
            var address = RateLimitStoreAddress.Parse($"redis://127.0.0.1:{RedisServer.FreePort()}");
            Assert.NotNull(address);
            var backend = new RedisRateLimitStore(address);
            var store = new SharedRateLimitStore(address, backend, breakDuration: TimeSpan.FromSeconds(30));
            // The limiter's waits run on a test clock, so what the third call waited is the schedule's, not the machine's:
            // on real time a slow first call (the store failing) shortened the third call's wait. The store keeps real time.
            var clock = new TestClock();
            var limiter = new MsRateLimiters(clock).Partition(new RateLimitKey("down-" + Guid.NewGuid().ToString("N"), "cn-east-3", Create, 1, store, share: 0.5));
            var leases = new List<PacedLease>();
            for (var i = 0; i < 4; i++) leases.Add((PacedLease)await limiter.AcquireAsync(1));
            Assert.All(leases, l => Assert.Equal("fallback", l.Source));
            Assert.Single(leases, l => l.Warning != null);
            Assert.Contains("unreachable", leases[0].Warning);
            Assert.Contains(address.ToString(), leases[0].Warning);
            Assert.StartsWith("Unreachable since", store.State);
            // Half of 5/s: a burst of 2 (half of 4), then 1 / 2.425 s apart.
            Assert.True(leases[2].Waited >= TimeSpan.FromMilliseconds(350), $"the third call waited {leases[2].Waited.TotalMilliseconds} ms");
            Assert.Equal(0, store.Reservations);
            backend.Dispose();
        }
    }
}
