using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.Emulator;
using MetaStudio.Emulator.Infrastructure;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Core
{
    /// <summary>Which failures are repeated, and how often, proven by the emulator's request log.</summary>
    public class RetryTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorHost _emu;

        public RetryTests(EmulatorFixture f)
        {
            _emu = f.Emulator;
            _emu.Faults.Reset();
            _emu.Log.Clear();
            Session.SessionTestKit.AddAssetHandlers(_emu);
            _emu.Handlers.Add(OperationId.CreateDigitalAsset, r => EmuResponse.Ok(new { asset_id = Guid.NewGuid().ToString("N") }));
            _emu.Handlers.Add(OperationId.UpdateDigitalAsset, r => EmuResponse.Ok(new { asset_id = r.Route["asset_id"] }));
            _emu.Handlers.Add(OperationId.DeleteAsset, r => EmuResponse.NoContent());
        }

        private static MsRequest Show() => new MsRequest(OperationId.ShowAsset).WithPath("asset_id", "a1");
        private static MsRequest Create() => new MsRequest(OperationId.CreateDigitalAsset).WithBody(new { asset_name = "n", asset_type = "IMAGE" });
        private static MsRequest Update() => new MsRequest(OperationId.UpdateDigitalAsset).WithPath("asset_id", "a1").WithBody(new { asset_name = "m" });
        private static MsRequest Delete() => new MsRequest(OperationId.DeleteAsset).WithPath("asset_id", "a1");

        [Fact]
        public async Task Throttled_calls_are_retried_for_get_and_post_until_they_succeed()
        {
            using var s = Direct.Session(_emu);
            _emu.Faults.ThrottleNext = 2;
            var get = await Direct.SendAsync(s, Show());
            Assert.Null(get.Error);
            Assert.Equal(new[] { 429, 429, 200 }, _emu.Log.All.Where(e => e.Operation == "ShowAsset").Select(e => e.Status));

            _emu.Faults.ThrottleNext = 2;
            var post = await Direct.SendAsync(s, Create());
            Assert.Null(post.Error);
            Assert.Equal(new[] { 429, 429, 200 }, _emu.Log.All.Where(e => e.Operation == "CreateDigitalAsset").Select(e => e.Status));
        }

        /// <summary>Issue 11: throttled answers have a budget of their own, so neither kind of failure uses up the other's repeats.</summary>
        [Fact]
        public async Task Throttling_and_server_errors_have_separate_retry_budgets()
        {
            using var s = Direct.Session(_emu, c => { c.MaxRetries = 1; c.MaxThrottleRetries = 3; });
            _emu.Faults.ThrottleNext = 3;
            var throttled = await Direct.SendAsync(s, Show());
            Assert.Null(throttled.Error);
            Assert.Equal(new[] { 429, 429, 429, 200 }, _emu.Log.All.Where(e => e.Operation == "ShowAsset").Select(e => e.Status));
            Assert.Contains(throttled.Verbose, v => v.StartsWith("Retry 3 of 3 for ", StringComparison.Ordinal) && v.Contains("429"));

            // Throttled twice, then a server error: the 5xx still has its one repeat (one budget of 1 would have ended at the first 429).
            _emu.Log.Clear();
            _emu.Faults.ThrottleNext = 2;
            _emu.Faults.FailNext = 1;
            var both = await Direct.SendAsync(s, Update());
            Assert.Null(both.Error);
            Assert.Equal(new[] { 429, 429, 500, 200 }, _emu.Log.All.Where(e => e.Operation == "UpdateDigitalAsset").Select(e => e.Status));
            // Two server errors are one more than its budget, whatever is left of the throttling one.
            _emu.Log.Clear();
            _emu.Faults.FailNext = 2;
            var failing = await Direct.SendAsync(s, Update());
            Assert.NotNull(failing.Error);
            Assert.Equal(500, failing.Error.StatusCode);
            Assert.Equal(new[] { 500, 500 }, _emu.Log.All.Where(e => e.Operation == "UpdateDigitalAsset").Select(e => e.Status));
            _emu.Faults.Reset();

            // With no throttling budget, the first 0308 is the answer, even with 5xx repeats left.
            using var none = Direct.Session(_emu, c => { c.MaxRetries = 5; c.MaxThrottleRetries = 0; });
            _emu.Log.Clear();
            _emu.Faults.ThrottleNext = 1;
            var refused = await Direct.SendAsync(none, Show());
            Assert.NotNull(refused.Error);
            Assert.Equal("APIGW.0308", refused.Error.ErrorCode);
            Assert.Single(_emu.Log.All, e => e.Operation == "ShowAsset");
        }

        [Fact]
        public async Task Retry_after_from_the_service_decides_the_delay_and_is_reported()
        {
            var clock = new TestClock();
            using var s = Direct.Session(_emu, clock: clock);
            _emu.Faults.RetryAfter = TimeSpan.FromSeconds(1);
            _emu.Faults.ThrottleNext = 1;
            var r = await Direct.SendAsync(s, Show());
            Assert.Null(r.Error);
            var retry = Assert.Single(r.Verbose, v => v.StartsWith("Retry 1 of", StringComparison.Ordinal));
            // Our own backoff here is ~20 ms; 1.0 s can only come from the Retry-After header, and it is what was waited.
            Assert.Contains("in 1.0 s", retry);
            Assert.Contains("429", retry);
            Assert.Equal(new[] { TimeSpan.FromSeconds(1) }, clock.Delays);
        }

        [Theory]
        [InlineData("GET")]
        [InlineData("PUT")]
        [InlineData("DELETE")]
        public async Task Server_errors_are_retried_for_idempotent_methods(string method)
        {
            using var s = Direct.Session(_emu);
            var request = method switch { "GET" => Show(), "PUT" => Update(), _ => Delete() };
            _emu.Faults.FailNext = 2;
            var r = await Direct.SendAsync(s, request);
            Assert.Null(r.Error);
            Assert.Equal(3, _emu.Log.Count(request.Operation.Name));
            Assert.Equal(2, _emu.Log.All.Count(e => e.Operation == request.Operation.Name && e.Status == 500));
        }

        [Fact]
        public async Task A_server_error_on_a_create_is_not_repeated()
        {
            using var s = Direct.Session(_emu);
            _emu.Faults.FailNext = 1;
            var r = await Direct.SendAsync(s, Create());
            Assert.NotNull(r.Error);
            Assert.Equal(1, _emu.Log.Count("CreateDigitalAsset"));
            Assert.Equal("MSS.00000001", r.Error.ErrorCode);
            Assert.NotNull(r.Error.RequestId);
            Assert.Matches("^[0-9a-f]{32}$", r.Error.RequestId);
            Assert.Contains(r.Error.RequestId, r.Error.Message);
            Assert.DoesNotContain(r.Verbose, v => v.StartsWith("Retry", StringComparison.Ordinal));
        }

        [Fact]
        public async Task A_dropped_connection_after_a_create_is_not_repeated_and_says_it_may_have_happened()
        {
            using var s = Direct.Session(_emu);
            _emu.Faults.DropNext = 1;
            var r = await Direct.SendAsync(s, Create());
            Assert.NotNull(r.Error);
            Assert.Equal(ErrorCodes.Network, r.Error.ErrorCode);
            Assert.Contains("may have reached the service", r.Error.Message);
            Assert.Equal(1, _emu.Log.Count("CreateDigitalAsset"));
        }

        [Fact]
        public async Task A_dropped_connection_on_a_get_is_retried()
        {
            using var s = Direct.Session(_emu);
            _emu.Faults.DropNext = 1;
            var r = await Direct.SendAsync(s, Show());
            Assert.Null(r.Error);
            Assert.Equal(2, _emu.Log.Count("ShowAsset"));
        }

        [Fact]
        public async Task A_refused_connection_is_retried_even_for_a_post_then_ends_as_a_network_error()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop(); // nothing listens there now: connecting is refused
            using var s = Direct.Session(_emu, c => c.MaxRetries = 2, endpoint: new Uri($"http://127.0.0.1:{port}"));
            var r = await Direct.SendAsync(s, Create());
            Assert.NotNull(r.Error);
            Assert.Equal(ErrorCodes.Network, r.Error.ErrorCode);
            Assert.DoesNotContain("may have reached", r.Error.Message);
            Assert.Equal(2, r.Verbose.Count(v => v.StartsWith("Retry", StringComparison.Ordinal)));
        }

        [Fact]
        public async Task Attempts_are_bounded_by_max_retries()
        {
            using var s = Direct.Session(_emu, c => c.MaxRetries = 2);
            _emu.Faults.FailNext = 10;
            var r = await Direct.SendAsync(s, Show());
            Assert.NotNull(r.Error);
            Assert.Equal("MSS.00000001", r.Error.ErrorCode);
            Assert.Equal(3, _emu.Log.Count("ShowAsset"));
        }

        [Fact]
        public async Task A_slow_attempt_times_out_get_is_retried_post_is_not()
        {
            // The emulator would answer after a minute; each attempt's 0.5 s runs out on the test clock instead.
            var clock = new TestClock();
            using var s = Direct.Session(_emu, c => { c.MaxRetries = 1; c.Timeout = TimeSpan.FromSeconds(0.5); }, clock: clock);
            _emu.Faults.Delay = TimeSpan.FromSeconds(60);

            var sending = Direct.SendAsync(s, Show());
            await clock.FireNextTimeoutAsync();
            await clock.FireNextTimeoutAsync();
            var get = await sending;
            Assert.NotNull(get.Error);
            Assert.Equal(ErrorCodes.Timeout, get.Error.ErrorCode);
            Assert.Equal(2, get.Verbose.Count(v => v.Contains("no response within")));

            sending = Direct.SendAsync(s, Create());
            await clock.FireNextTimeoutAsync();
            var post = await sending;
            Assert.NotNull(post.Error);
            Assert.Equal(ErrorCodes.Timeout, post.Error.ErrorCode);
            Assert.Equal(1, post.Verbose.Count(v => v.Contains("no response within")));
            Assert.Contains("not repeated", post.Error.Message);
        }

        [Fact]
        public void TimeoutSec_bounds_each_attempt_of_a_cmdlet_call()
        {
            using var ps = new PsSession(_emu, connectArguments: "-TimeoutSec 1 -MaxRetries 1");
            _emu.Faults.Operation = "ShowAsset";
            _emu.Faults.Delay = TimeSpan.FromSeconds(4);
            var r = ps.Run(Session.InvokeMsTestCallCommand.ImportScript + "Invoke-MsTestCall ShowAsset slow -Verbose; 'after'");
            _emu.Faults.Reset();
            var error = Assert.Single(r.Errors);
            Assert.StartsWith(ErrorCodes.Timeout, error.FullyQualifiedErrorId);
            Assert.Equal(System.Management.Automation.ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
            Assert.Equal("slow", error.TargetObject);
            Assert.Equal(2, r.Verbose.Count(v => v.Contains("no response within 1 s")));
            Assert.Equal("after", r.Output.Last().BaseObject);
        }
    }
}
