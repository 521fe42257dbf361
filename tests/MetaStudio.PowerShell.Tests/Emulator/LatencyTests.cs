using MetaStudio.PowerShell.Core.Catalog;
using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Tests.Assets;
using MetaStudio.PowerShell.Tests.Core;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Emulator
{
    /// <summary>
    /// FaultOptions.Latency: answers of one operation leave no sooner than its latency after the request arrived, as
    /// from a far region. Only lower bounds are checked (a delay is never shorter); nothing here depends on a fast machine.
    /// </summary>
    public class LatencyTests : IClassFixture<EmulatorFixture>
    {
        private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(400);
        private readonly EmulatorHost _emu;

        public LatencyTests(EmulatorFixture f)
        {
            _emu = f.Emulator;
            _emu.Reset();
        }

        private static async Task<(TimeSpan Elapsed, int Status)> Timed(MsSession session, MsRequest request)
        {
            var sw = Stopwatch.StartNew();
            var (response, error, _) = await Direct.SendAsync(session, request);
            Assert.True(response is not null || error is not null, "neither an answer nor an error");
            return (sw.Elapsed, response?.StatusCode ?? error!.StatusCode);
        }

        [Fact]
        public async Task Answers_of_the_named_operation_wait_for_its_latency()
        {
            var asset = Seeds.Ready(_emu, Seeds.Unique("latency"));
            using var session = Direct.Session(_emu, c => c.MaxRetries = 0);
            _emu.Faults.Latency["ShowAsset"] = Latency;
            var (elapsed, status) = await Timed(session, new MsRequest(OperationId.ShowAsset).WithPath("asset_id", asset.AssetId));
            Assert.Equal(200, status);
            Assert.True(elapsed >= Latency - TimeSpan.FromMilliseconds(15), $"answered after {elapsed.TotalMilliseconds:0} ms");
        }

        [Fact]
        public async Task Errors_and_throttled_answers_wait_too()
        {
            using var session = Direct.Session(_emu, c => { c.MaxRetries = 0; c.MaxThrottleRetries = 0; c.RateLimitScale = 0; });
            _emu.Faults.Latency["ShowAsset"] = Latency;
            var (elapsed, status) = await Timed(session, new MsRequest(OperationId.ShowAsset).WithPath("asset_id", "nosuchasset"));
            Assert.Equal(400, status);
            Assert.True(elapsed >= Latency - TimeSpan.FromMilliseconds(15), $"the error came after {elapsed.TotalMilliseconds:0} ms");

            _emu.Faults.ThrottleNext = 1;
            (elapsed, status) = await Timed(session, new MsRequest(OperationId.ShowAsset).WithPath("asset_id", "nosuchasset"));
            Assert.Equal(429, status);
            Assert.True(elapsed >= Latency - TimeSpan.FromMilliseconds(15), $"the 429 came after {elapsed.TotalMilliseconds:0} ms");
        }

        [Fact]
        public void Reset_clears_the_latencies()
        {
            _emu.Faults.Latency["ShowAsset"] = Latency;
            _emu.Faults.Latency["/obs-upload/"] = Latency;
            _emu.Faults.Reset();
            Assert.Empty(_emu.Faults.Latency);
        }
    }
}
