using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;
using static MetaStudio.PowerShell.Tests.Session.SessionTestKit;

namespace MetaStudio.PowerShell.Tests.Session
{
    public class ConcurrencyTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorHost _emu;

        public ConcurrencyTests(EmulatorFixture f)
        {
            _emu = f.Emulator;
            AddAssetHandlers(_emu);
        }

        /// <summary>
        /// One session object used by four runspaces at once: every call succeeds, and because the
        /// runspaces draw from one limiter bucket the emulator refuses none of 3.2× its per-second
        /// rate even with retries off (four separate buckets would send four times the rate).
        /// </summary>
        [Fact]
        public async Task Four_runspaces_share_one_session_concurrently()
        {
            ThreadPool.GetMinThreads(out var workers, out var io);
            ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));
            using var main = new PsSession(_emu, region: "cn-east-3", connectArguments: "-MaxRetries 0");
            var session = main.Run("$MsSession").Single<MsSession>();
            main.Run(InvokeMsTestCallCommand.ImportScript + "Invoke-MsTestCall ShowAsset warm-up").AssertNoErrors();
            Thread.Sleep(1000); // let the buckets refill after the warm-up

            var others = Enumerable.Range(0, 3).Select(_ => new PsSession(_emu, connect: false)).ToList();
            try
            {
                var all = new[] { main }.Concat(others).ToList();
                foreach (var ps in others) ps.Run(InvokeMsTestCallCommand.ImportScript, new System.Collections.Generic.Dictionary<string, object> { ["MsSession"] = session }).AssertNoErrors();
                _emu.Log.Clear();
                const int perRunspace = 8;
                using var start = new ManualResetEventSlim();
                var runs = all.Select((ps, i) => Task.Factory.StartNew(() =>
                {
                    start.Wait();
                    return ps.Run($"1..{perRunspace} | ForEach-Object {{ Invoke-MsTestCall ShowAsset \"r{i}-$_\" -Session $MsSession }}");
                }, TaskCreationOptions.LongRunning)).ToArray();
                start.Set();
                var results = await Task.WhenAll(runs).WaitAsync(TimeSpan.FromSeconds(60));

                foreach (var r in results)
                {
                    r.AssertNoErrors();
                    Assert.Equal(Enumerable.Repeat(200, perRunspace), r.All<int>());
                }
                var calls = _emu.Log.All.Where(e => e.Operation == "ShowAsset").ToList();
                Assert.Equal(4 * perRunspace, calls.Count);
                Assert.All(calls, c => Assert.Equal(200, c.Status));
                Assert.Equal(4 * perRunspace, calls.Select(c => c.Path).Distinct().Count());
                foreach (var ps in others) Assert.Same(session, ps.Run("$MsSession").Single<MsSession>());
                Assert.NotNull(session.ProjectId);
                Assert.Same(RateLimiterRegistry.For(session.ProjectId, session.Region, OperationCatalog.Get(OperationId.ShowAsset), session.RateLimitScale),
                    RateLimiterRegistry.For(session.ProjectId, session.Region, OperationCatalog.Get(OperationId.ShowAsset), session.RateLimitScale));
            }
            finally
            {
                foreach (var ps in others) ps.Dispose();
            }
        }
    }
}
