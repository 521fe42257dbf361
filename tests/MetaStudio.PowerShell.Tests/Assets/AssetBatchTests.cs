using System;
using System.Linq;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Assets;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Assets
{
    public class AssetBatchTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorHost _emu;
        public AssetBatchTests(EmulatorFixture f) => _emu = f.Emulator;

        // Calls the service accepted; a throttled call that the client retried shows up once more as a 429.
        private int Succeeded(string operation) => _emu.Log.All.Count(e => e.Operation == operation && e.Status == 200);

        private string[] Seed(string prefix, int count, string region = "cn-north-4")
            => Enumerable.Range(0, count).Select(i => Seeds.Ready(_emu, $"{prefix}-{i:00}", region: region).AssetId).ToArray();

        [Fact]
        public void Removing_30_piped_ids_uses_one_batch_call()
        {
            using var ps = new PsSession(_emu);
            var prefix = Seeds.Unique("batch");
            var ids = Seed(prefix, 30);
            _emu.Log.Clear();
            ps.Run($"Get-MsAsset -Name {prefix} | Remove-MsAsset -Confirm:$false").AssertNoErrors();
            Assert.Equal(1, Succeeded("BatchExecuteAssetAction"));
            Assert.Equal(0, _emu.Log.All.Count(e => e.Operation == "DeleteAsset"));
            Assert.All(ids, id => Assert.Equal("DELETING", _emu.State.Assets[id].AssetState));

            _emu.Log.Clear();
            var restored = ps.Run($"Get-MsAsset -Name {prefix} -State DELETING | Restore-MsAsset -PassThru").AssertNoErrors();
            Assert.Equal(30, restored.Output.Count);
            Assert.Equal(1, Succeeded("BatchExecuteAssetAction"));
            Assert.All(ids, id => Assert.Equal("ACTIVED", _emu.State.Assets[id].AssetState));
        }

        [Fact]
        public void Batch_failures_become_one_error_per_id_with_the_service_code()
        {
            using var ps = new PsSession(_emu);
            var prefix = Seeds.Unique("bfail");
            var ids = Seed(prefix, 20).ToList();
            ids.Insert(5, "missingasset0001");
            ids.Insert(9, "missingasset0002");
            var r = ps.Run("$ids | Remove-MsAsset -Confirm:$false -PassThru", new System.Collections.Generic.Dictionary<string, object> { ["ids"] = ids.ToArray() });
            Assert.Equal(20, r.Output.Count);
            Assert.Equal(2, r.Errors.Count);
            Assert.All(r.Errors, e => Assert.Equal("MSS.10001001", e.FullyQualifiedErrorId.Split(',')[0]));
            Assert.Equal(new[] { "missingasset0001", "missingasset0002" }, r.Errors.Select(e => (string)e.TargetObject).OrderBy(x => x));
        }

        [Fact]
        public void Disable_and_enable_send_batches()
        {
            using var ps = new PsSession(_emu);
            var prefix = Seeds.Unique("toggle");
            var ids = Seed(prefix, 3);
            _emu.Log.Clear();
            ps.Run($"Get-MsAsset -Name {prefix} | Disable-MsAsset").AssertNoErrors();
            Assert.All(ids, id => Assert.Equal("UNACTIVED", _emu.State.Assets[id].AssetState));
            ps.Run($"Get-MsAsset -Name {prefix} | Enable-MsAsset").AssertNoErrors();
            Assert.All(ids, id => Assert.Equal("ACTIVED", _emu.State.Assets[id].AssetState));
            Assert.Equal(2, Succeeded("BatchExecuteAssetAction"));
        }

        [Fact]
        public void Batch_is_chosen_only_when_it_is_faster()
        {
            Assert.False(AssetActionCmdlet.UseBatch(1, OperationId.DeleteAsset, "cn-north-4", 1));
            Assert.False(AssetActionCmdlet.UseBatch(10, OperationId.DeleteAsset, "cn-north-4", 1));
            Assert.True(AssetActionCmdlet.UseBatch(11, OperationId.DeleteAsset, "cn-north-4", 1));
            Assert.True(AssetActionCmdlet.UseBatch(6, OperationId.DeleteAsset, "cn-east-3", 1));
            Assert.True(AssetActionCmdlet.UseBatch(1, null, "cn-north-4", 1));
        }

        [Fact]
        public void Thirty_creates_in_cn_east_3_finish_with_no_error_shown()
        {
            using var ps = new PsSession(_emu, region: "cn-east-3");
            var prefix = Seeds.Unique("east");
            var r = ps.Run($"1..30 | ForEach-Object {{ New-MsAsset -Name \"{prefix}-$_\" -Type IMAGE }}").AssertNoErrors();
            Assert.Equal(30, r.Output.Count);
            Assert.Empty(r.Warnings);
            var creates = _emu.Log.All.Where(e => e.Operation == "CreateDigitalAsset" && e.Path.Contains(EmulatorOptions.ProjectIdFor("cn-east-3"))).ToList();
            Assert.Equal(30, creates.Count(e => e.Status == 200));
        }

        [Fact]
        public void Copy_moves_an_asset_between_regions_with_two_sessions()
        {
            using var ps = new PsSession(_emu, region: "cn-north-4");
            var name = Seeds.Unique("copy");
            var source = _emu.State.AddReadyAsset(EmulatorOptions.ProjectIdFor("cn-north-4"), name, "IMAGE", "pic.png", new byte[] { 9, 8, 7 });
            var r = ps.Run($"$src = $MsSession; $dst = Connect-MsService -Region cn-east-3 -Endpoint '{_emu.BaseUri}' -AccessKey {EmulatorOptions.DefaultAccessKey} -SecretKey '{EmulatorOptions.DefaultSecretKey}'; " +
                           $"Copy-MsAsset -AssetId {source.AssetId} -SourceSession $src -Session $dst");
            r.AssertNoErrors();
            var result = r.All<object>().OfType<MsAssetCopyResult>().Single();
            Assert.Equal("cn-east-3", result.Region);
            var copy = _emu.State.Assets.Values.Single(a => a.ProjectId == EmulatorOptions.ProjectIdFor("cn-east-3") && a.AssetName == name);
            Assert.Equal(new byte[] { 9, 8, 7 }, copy.Files.Single().Content);

            // Replication info from the pipeline, and a tampered blob is refused.
            var name2 = name + "-b";
            var second = _emu.State.AddReadyAsset(EmulatorOptions.ProjectIdFor("cn-north-4"), name2, "IMAGE", "p.png", new byte[] { 1 });
            ps.Run($"Get-MsAssetReplicationInfo -AssetId {second.AssetId} -Session $src | Copy-MsAsset -Session $dst").AssertNoErrors();
            Assert.Contains(_emu.State.Assets.Values, a => a.ProjectId == EmulatorOptions.ProjectIdFor("cn-east-3") && a.AssetName == name2);
            var bad = ps.Run($"$i = Get-MsAssetReplicationInfo -AssetId {second.AssetId} -Session $src; $i.AssetInfo = 'AAAA' + $i.AssetInfo.Substring(4); $i | Copy-MsAsset -Session $dst");
            Assert.Equal("MSS.10000003", Assert.Single(bad.Errors).FullyQualifiedErrorId.Split(',')[0]);
        }
    }
}
