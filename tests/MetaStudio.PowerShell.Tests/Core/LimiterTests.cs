using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.Emulator;
using MetaStudio.Emulator.Infrastructure;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Core
{
    public class LimiterTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorHost _emu;

        public LimiterTests(EmulatorFixture f)
        {
            _emu = f.Emulator;
            _emu.Faults.Reset();
            _emu.Handlers.Add(OperationId.CreateDigitalAsset, r => EmuResponse.Ok(new { asset_id = Guid.NewGuid().ToString("N") }));
        }

        [Fact]
        public void Sessions_of_one_tenant_share_a_bucket_per_region_and_operation()
        {
            using var a = Direct.Session(_emu);
            using var b = Direct.Session(_emu);
            using var east = Direct.Session(_emu, region: "cn-east-3", projectId: a.ProjectId);
            var op = OperationCatalog.Get(OperationId.ListAssets);
            Assert.NotNull(a.ProjectId);
            Assert.NotNull(b.ProjectId);
            Assert.NotNull(east.ProjectId);
            var bucketA = RateLimiterRegistry.For(a.ProjectId, a.Region, op, a.RateLimitScale);
            Assert.NotNull(bucketA);
            Assert.Same(bucketA, RateLimiterRegistry.For(b.ProjectId, b.Region, op, b.RateLimitScale));
            Assert.NotSame(bucketA, RateLimiterRegistry.For(east.ProjectId, east.Region, op, east.RateLimitScale));
            Assert.NotSame(bucketA, RateLimiterRegistry.For(a.ProjectId, a.Region, OperationCatalog.Get(OperationId.ShowAsset), a.RateLimitScale));
            Assert.Null(RateLimiterRegistry.For(a.ProjectId, a.Region, op, 0));
        }

        /// <summary>
        /// 3× the per-second rate from many threads at once: with client limiting the emulator never
        /// has to refuse one; with limiting and retries off it refuses some, so it really enforces.
        /// </summary>
        [Fact]
        public async Task Client_limiting_keeps_bursts_under_the_service_limit()
        {
            const string region = "cn-east-3"; // CreateDigitalAsset: 5/s there
            var op = OperationCatalog.Get(OperationId.CreateDigitalAsset);
            var count = 3 * op.RateLimit(region);

            _emu.Log.Clear();
            using (var limited = Direct.Session(_emu, c => { c.MaxRetries = 0; c.MaxThrottleRetries = 0; }, region: region))
                await Burst(limited, count);
            var limitedLog = _emu.Log.All.Where(e => e.Operation == op.Name).ToList();
            Assert.Equal(count + 1, limitedLog.Count);
            Assert.True(limitedLog.Count(e => e.Status == 429) == 0, string.Join("\n", limitedLog.Select(e => $"{e.Time:HH:mm:ss.fff} {e.Status} {e.ErrorCode}")));

            _emu.Log.Clear();
            using (var unlimited = Direct.Session(_emu, c => { c.MaxRetries = 0; c.MaxThrottleRetries = 0; c.RateLimitScale = 0; }, region: region))
                await Burst(unlimited, count);
            var unlimitedLog = _emu.Log.All.Where(e => e.Operation == op.Name).ToList();
            Assert.Equal(count + 1, unlimitedLog.Count);
            Assert.True(unlimitedLog.Count(e => e.Status == 429) > 0, "the emulator should refuse part of an unlimited burst");
        }

        private static async Task Burst(MsSession s, int count)
        {
            // The emulator runs in this process: a starved thread pool would hold requests back and
            // then release them together, which no client limiter can prevent. Enough threads, and a
            // first call that pays for JIT and the connection, keep arrivals as even as they were sent.
            ThreadPool.GetMinThreads(out var workers, out var io);
            ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));
            await Task.Delay(1000); // the service's bucket may still be short from the burst before
            Assert.Null((await Direct.SendAsync(s, new MsRequest(OperationId.CreateDigitalAsset).WithBody(new { asset_name = "warm-up", asset_type = "IMAGE" }))).Error);
            await Task.Delay(1000); // let both buckets refill after the warm-up call
            using var start = new ManualResetEventSlim();
            var sends = Enumerable.Range(0, count).Select(_ => Task.Run(async () =>
            {
                start.Wait();
                return await Direct.SendAsync(s, new MsRequest(OperationId.CreateDigitalAsset).WithBody(new { asset_name = "n", asset_type = "IMAGE" }));
            })).ToArray();
            start.Set();
            await Task.WhenAll(sends).WaitAsync(TimeSpan.FromSeconds(60));
        }
    }
}
