using System;
using System.Linq;
using System.Management.Automation;
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
    /// <summary>What a failed call becomes: an ErrorRecord a script can act on.</summary>
    public class ErrorTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorHost _emu;

        public ErrorTests(EmulatorFixture f)
        {
            _emu = f.Emulator;
            _emu.Faults.Reset();
            Session.SessionTestKit.AddAssetHandlers(_emu); // ShowAsset 'missing' answers 404 MSS.10001001
        }

        [Fact]
        public async Task Not_found_becomes_an_object_not_found_record_about_the_id()
        {
            using var s = Direct.Session(_emu);
            var r = await Direct.SendAsync(s, new MsRequest(OperationId.ShowAsset).WithPath("asset_id", "missing"));
            Assert.NotNull(r.Error);
            var record = ErrorRecords.From(r.Error);
            Assert.StartsWith(ErrorCodes.AssetNotFound, record.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, record.CategoryInfo.Category);
            Assert.Equal("missing", record.TargetObject);
            Assert.NotNull(r.Error.RequestId);
            Assert.Matches("^[0-9a-f]{32}$", r.Error.RequestId);
            Assert.Contains(r.Error.RequestId, record.ErrorDetails.Message);
            Assert.Contains("The asset does not exist.", record.ErrorDetails.Message);
            Assert.Equal(1, _emu.Log.All.Count(e => e.Operation == "ShowAsset" && e.ErrorCode == ErrorCodes.AssetNotFound));
        }

        [Fact]
        public async Task Throttling_that_outlasts_the_retries_is_limits_exceeded()
        {
            using var s = Direct.Session(_emu, c => c.MaxThrottleRetries = 1);
            _emu.Faults.ThrottleNext = 5;
            var r = await Direct.SendAsync(s, new MsRequest(OperationId.ShowAsset).WithPath("asset_id", "a2"));
            Assert.NotNull(r.Error);
            var record = ErrorRecords.From(r.Error);
            Assert.StartsWith(ErrorCodes.Throttled, record.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.LimitsExceeded, record.CategoryInfo.Category);
            Assert.Equal("a2", record.TargetObject);
            Assert.NotNull(record.ErrorDetails.RecommendedAction);
            _emu.Faults.Reset();
        }

        [Fact]
        public void Bad_credentials_end_connect_with_a_terminating_authentication_error()
        {
            using var ps = new PsSession(_emu, connect: false);
            var r = ps.Run($"Connect-MsService -Region cn-north-4 -Endpoint '{_emu.BaseUri}' -AccessKey NOSUCHKEY -SecretKey 'x'; 'after'");
            var error = Assert.Single(r.AllErrors);
            Assert.StartsWith("APIGW.0301", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
            Assert.Equal("cn-north-4", error.TargetObject);
            Assert.Matches("request id [0-9a-f]{32}", error.ErrorDetails.Message);
        }

        [Fact]
        public async Task Dot_segments_are_refused_before_any_request()
        {
            using var s = Direct.Session(_emu);
            var before = _emu.Log.All.Count;
            foreach (var id in new[] { "..", "." })
                await Assert.ThrowsAsync<ArgumentException>(() => s.Client.SendAsync(new MsRequest(OperationId.ShowAsset).WithPath("asset_id", id), CallContext.None()));
            Assert.Equal(before, _emu.Log.All.Count);
        }
    }
}
