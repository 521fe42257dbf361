using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Assets
{
    /// <summary>Service rules the cmdlets never break on purpose, checked by calling the emulator with the module's client.</summary>
    public class AssetEmulatorTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorHost _emu;
        public AssetEmulatorTests(EmulatorFixture f) => _emu = f.Emulator;

        private async Task<string> CodeOf(MsRequest request)
        {
            using var ps = new PsSession(_emu);
            var session = ps.Run("$MsSession").Single<MsSession>();
            // Below the module's own check of the official model: these are the emulator's answers.
            request.SkipValidation = true;
            var ex = await Assert.ThrowsAsync<MsServiceException>(() => session.Client.SendAsync(request, CallContext.None()));
            Assert.Equal(400, ex.StatusCode);
            return ex.ErrorCode;
        }

        [Theory]
        [InlineData("limit", "0")]
        [InlineData("limit", "101")]
        [InlineData("offset", "-1")]
        [InlineData("sort_dir", "up")]
        [InlineData("asset_source", "MINE")]
        [InlineData("start_time", "yesterday")]
        public async Task List_rejects_out_of_range_query_values(string name, string value)
            => Assert.Equal("MSS.10000003", await CodeOf(new MsRequest(OperationId.ListAssets).WithQuery(name, value)));

        [Fact]
        public async Task Create_file_validates_its_fields()
        {
            var asset = Seeds.Ready(_emu, Seeds.Unique("cf"), "VIDEO");
            Dictionary<string, object> Body(string md5 = "1B2M2Y8AsgTpgAmY7PhCfg==", long size = 10, string category = "OTHER", string? assetId = null, string type = "mp4")
                => new() { ["file_name"] = "x.mp4", ["file_md5"] = md5, ["file_size"] = size, ["file_type"] = type, ["asset_id"] = assetId ?? asset.AssetId, ["asset_file_category"] = category };
            Assert.Equal("MSS.10000003", await CodeOf(new MsRequest(OperationId.CreateFile).WithBody(Body(md5: "abc"))));
            Assert.Equal("MSS.10000003", await CodeOf(new MsRequest(OperationId.CreateFile).WithBody(Body(size: 0))));
            Assert.Equal("MSS.10000003", await CodeOf(new MsRequest(OperationId.CreateFile).WithBody(Body(size: 5368709121))));
            Assert.Equal("MSS.10000003", await CodeOf(new MsRequest(OperationId.CreateFile).WithBody(Body(category: "PAGE"))));
            Assert.Equal("MSS.10001003", await CodeOf(new MsRequest(OperationId.CreateFile).WithBody(Body(type: ""))));
            Assert.Equal("MSS.10001001", await CodeOf(new MsRequest(OperationId.CreateFile).WithBody(Body(assetId: "nosuchasset"))));
            Assert.Equal("MSS.10001008", await CodeOf(new MsRequest(OperationId.CreateFile).WithBody(Body(category: "MAIN"))));
        }

        [Fact]
        public async Task Unknown_file_ids_are_MSS_10001004()
            => Assert.Equal("MSS.10001004", await CodeOf(new MsRequest(OperationId.ConfirmFileUpload).WithPath("file_id", "nosuchfile")
                .WithBody(new Dictionary<string, object> { ["state"] = "CREATED" })));

        [Fact]
        public async Task Expired_replication_info_is_refused()
        {
            using var ps = new PsSession(_emu);
            var session = ps.Run("$MsSession").Single<MsSession>();
            var asset = Seeds.Ready(_emu, Seeds.Unique("exp"));
            var info = await session.Client.SendAsync<MetaStudio.PowerShell.Assets.MsAssetReplicationInfo>(
                new MsRequest(OperationId.ShowAssetReplicationInfo).WithPath("asset_id", asset.AssetId), CallContext.None());
            Assert.NotNull(info);
            info.ExpireTime = DateTimeOffset.FromUnixTimeMilliseconds(1000).LocalDateTime;
            Assert.Equal("MSS.10000003", await CodeOf(new MsRequest(OperationId.CreateAssetByReplicationInfo).WithBody(info)));
        }
    }
}
