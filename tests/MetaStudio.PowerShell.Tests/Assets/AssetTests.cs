using System;
using System.Linq;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Assets;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Assets
{
    public class AssetTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorHost _emu;
        public AssetTests(EmulatorFixture f) => _emu = f.Emulator;

        [Fact]
        public void A_failed_read_back_still_outputs_the_created_asset_with_a_warning_and_the_error()
        {
            using var ps = new PsSession(_emu, connectArguments: "-MaxRetries 0");
            var name = Seeds.Unique("shownlater");
            var r = ps.RunFailingOnce("ShowAsset", $"New-MsAsset -Name {name} -Type IMAGE; 'after'");
            var asset = r.Output.Select(o => o.BaseObject).OfType<MsAsset>().Single();
            Assert.NotNull(asset.AssetId);
            Assert.True(_emu.State.Assets.ContainsKey(asset.AssetId));
            Assert.Equal((name, "IMAGE", "CREATING"), (asset.AssetName, asset.AssetType, asset.AssetState));
            Assert.Contains(r.Warnings, w => w.Contains(asset.AssetId, StringComparison.Ordinal));
            Assert.Equal(asset.AssetId, Assert.Single(r.Errors).TargetObject?.ToString());
            Assert.Equal("after", r.Output.Last().BaseObject);
        }

        [Fact]
        public void New_asset_is_created_and_returned_as_shown()
        {
            using var ps = new PsSession(_emu);
            var name = Seeds.Unique("new");
            var asset = ps.Run($"New-MsAsset -Name {name} -Type IMAGE -Description 'a picture' -Tag red,blue -ExtraMeta @{{ image_meta = @{{ width = 10 }} }}")
                .AssertNoErrors().Single<MsAsset>();
            Assert.Equal(name, asset.AssetName);
            Assert.Equal("IMAGE", asset.AssetType);
            Assert.Equal("CREATING", asset.AssetState);
            Assert.Equal(new[] { "red", "blue" }, asset.Tags);
            Assert.Equal("a picture", asset.AssetDescription);
            Assert.NotNull(asset.CreateTime);
            Assert.NotNull(asset.AssetId);
            Assert.True(_emu.State.Assets.ContainsKey(asset.AssetId));
            Assert.Equal(10, (int)Assert.IsType<System.Text.Json.Nodes.JsonObject>(_emu.State.Assets[asset.AssetId].ExtraMeta)["image_meta"]!["width"]!);
            var width = ps.Run($"(Get-MsAsset -AssetId {asset.AssetId}).AssetExtraMeta.image_meta.width").AssertNoErrors().Output.Single().BaseObject;
            Assert.Equal(10L, width);
        }

        [Fact]
        public void Duplicate_name_is_a_non_terminating_error_with_the_service_code()
        {
            using var ps = new PsSession(_emu);
            var name = Seeds.Unique("dup");
            var r = ps.Run($"New-MsAsset -Name {name} -Type VIDEO; New-MsAsset -Name {name} -Type VIDEO; 'after'");
            Assert.Equal(2, r.Output.Count);
            Assert.Equal("after", r.Output[1].BaseObject);
            Assert.Equal("MSS.10001005", Assert.Single(r.Errors).FullyQualifiedErrorId.Split(',')[0]);
        }

        [Fact]
        public void Invalid_type_and_malformed_ids_are_rejected_before_any_request()
        {
            using var ps = new PsSession(_emu);
            var before = _emu.Log.All.Count;
            var r = ps.Run("New-MsAsset -Name x -Type PICTURE");
            Assert.Contains("PICTURE", Assert.Single(r.AllErrors).ToString());
            r = ps.Run("Get-MsAsset -AssetId 'a/../b'");
            Assert.Contains("not a valid MetaStudio id", Assert.Single(r.AllErrors).ToString());
            r = ps.Run("Remove-MsAsset -AssetId '' -Confirm:$false");
            Assert.Single(r.AllErrors);
            r = ps.Run("Set-MsAsset -AssetId abc");
            Assert.Contains("Nothing to change", Assert.Single(r.AllErrors).ToString());
            Assert.Equal(before, _emu.Log.All.Count);
        }

        [Fact]
        public void Unknown_asset_id_reports_MSS_10001001_with_the_id_as_target()
        {
            using var ps = new PsSession(_emu);
            var r = ps.Run("'nosuchasset0001' | Get-MsAsset");
            var e = Assert.Single(r.Errors);
            Assert.Equal("MSS.10001001", e.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal("nosuchasset0001", e.TargetObject);
        }

        [Fact]
        public void List_filters_by_name_type_state_and_tag_and_pages_through_everything()
        {
            using var ps = new PsSession(_emu);
            var prefix = Seeds.Unique("list");
            for (var i = 0; i < 3; i++) Seeds.Ready(_emu, $"{prefix}-v{i}", "VIDEO");
            ps.Run($"New-MsAsset -Name {prefix}-img -Type IMAGE -Tag sunset").AssertNoErrors();
            Assert.Equal(4, ps.Run($"Get-MsAsset -Name {prefix}").AssertNoErrors().Output.Count);
            Assert.Equal(3, ps.Run($"Get-MsAsset -Name {prefix} -Type VIDEO -State ACTIVED").AssertNoErrors().Output.Count);
            Assert.Equal($"{prefix}-img", ps.Run($"Get-MsAsset -Name {prefix} -Tag suns").AssertNoErrors().Single<MsAsset>().AssetName);
            Assert.Empty(ps.Run($"Get-MsAsset -Name {prefix} -Source SYSTEM").AssertNoErrors().Output);
            Assert.Empty(ps.Run($"Get-MsAsset -Name {prefix} -StartTime ([datetime]::UtcNow.AddHours(1))").AssertNoErrors().Output);
            var desc = ps.Run($"Get-MsAsset -Name {prefix}-v -SortDirection desc").AssertNoErrors().All<MsAsset>().Select(a => a.AssetName).ToList();
            Assert.Equal(new[] { $"{prefix}-v2", $"{prefix}-v1", $"{prefix}-v0" }, desc);
            Assert.Equal(2, ps.Run($"Get-MsAsset -Name {prefix} -First 2").AssertNoErrors().Output.Count);
        }

        [Fact]
        public void List_streams_pages_of_100_until_the_total()
        {
            using var ps = new PsSession(_emu);
            var prefix = Seeds.Unique("page");
            for (var i = 0; i < 230; i++) Seeds.Ready(_emu, $"{prefix}-{i:000}");
            _emu.Log.Clear();
            var r = ps.Run($"Get-MsAsset -Name {prefix}").AssertNoErrors();
            Assert.Equal(230, r.Output.Count);
            Assert.Equal(230, r.All<MsAsset>().Select(a => a.AssetId).Distinct().Count());
            var lists = _emu.Log.All.Where(e => e.Operation == "ListAssets").ToList();
            Assert.Equal(3, lists.Count);
            Assert.All(lists, e => Assert.Contains("limit=100", e.Query));
        }

        [Fact]
        public void Set_changes_an_asset_through_the_pipeline_and_returns_it()
        {
            using var ps = new PsSession(_emu);
            var name = Seeds.Unique("set");
            Seeds.Ready(_emu, name);
            var updated = ps.Run($"Get-MsAsset -Name {name} | Set-MsAsset -Tag new1,new2 -Description changed -State UNACTIVED")
                .AssertNoErrors().Single<MsAsset>();
            Assert.Equal(new[] { "new1", "new2" }, updated.Tags);
            Assert.Equal("UNACTIVED", updated.AssetState);
            Assert.NotNull(updated.AssetId);
            Assert.Equal("changed", _emu.State.Assets[updated.AssetId].AssetDescription);
        }

        [Fact]
        public void WhatIf_changes_nothing_and_names_the_asset()
        {
            using var ps = new PsSession(_emu);
            var asset = Seeds.Ready(_emu, Seeds.Unique("whatif"));
            _emu.Log.Clear();
            var r = ps.Run($"New-MsAsset -Name x -Type IMAGE -WhatIf; Set-MsAsset -AssetId {asset.AssetId} -Name y -WhatIf; Remove-MsAsset -AssetId {asset.AssetId} -WhatIf; " +
                   $"Remove-MsAsset -AssetId {asset.AssetId} -Force -WhatIf; Copy-MsAsset -AssetId {asset.AssetId} -SourceSession $MsSession -WhatIf").AssertNoErrors();
            // Only reads: the name for the messages.
            Assert.All(_emu.Log.All, e => Assert.Equal("ShowAsset", e.Operation));
            Assert.Equal(4, r.HostText.Split($"asset '{asset.AssetName}' ({asset.AssetId})").Length - 1);
            Assert.Equal("ACTIVED", asset.AssetState);
        }

        [Fact]
        public void Remove_to_recycle_bin_then_restore_through_the_pipeline()
        {
            using var ps = new PsSession(_emu);
            var name = Seeds.Unique("bin");
            var asset = Seeds.Ready(_emu, name);
            ps.Run($"Get-MsAsset -Name {name} | Remove-MsAsset -Confirm:$false").AssertNoErrors();
            Assert.Equal("DELETING", asset.AssetState);
            Assert.Equal(1, _emu.Log.Count("DeleteAsset"));
            var inBin = ps.Run($"Get-MsAsset -Name {name} -State DELETING").AssertNoErrors().Single<MsAsset>();
            Assert.Equal(asset.AssetId, inBin.AssetId);
            var r = ps.Run($"Get-MsAsset -Name {name} -State DELETING | Restore-MsAsset -PassThru").AssertNoErrors();
            Assert.Equal(asset.AssetId, r.Single<MsAssetActionResult>().AssetId);
            Assert.Equal("ACTIVED", asset.AssetState);
            Assert.Equal(1, _emu.Log.Count("RestoreAsset"));
        }

        [Fact]
        public void Permanent_remove_deletes_for_good_with_Force()
        {
            using var ps = new PsSession(_emu);
            var name = Seeds.Unique("perm");
            var asset = Seeds.Ready(_emu, name);
            ps.Run($"Remove-MsAsset -AssetId {asset.AssetId} -Permanent -Force").AssertNoErrors();
            Assert.Equal("DELETED", asset.AssetState);
            Assert.Contains(_emu.Log.All, e => e.Operation == "DeleteAsset" && e.Query == "?mode=force");
            Assert.Empty(ps.Run($"Get-MsAsset -Name {name} -Source ALL").AssertNoErrors().Output);
            var e = Assert.Single(ps.Run($"Restore-MsAsset -AssetId {asset.AssetId}").Errors);
            Assert.Equal("MSS.10001001", e.FullyQualifiedErrorId.Split(',')[0]);
        }

        [Fact]
        public void Format_view_shows_the_asset_columns()
        {
            using var ps = new PsSession(_emu);
            var name = Seeds.Unique("fmt");
            Seeds.Ready(_emu, name);
            var r = ps.Run($"Get-MsAsset -Name {name} | Out-Host").AssertNoErrors();
            foreach (var header in new[] { "AssetId", "AssetName", "AssetType", "AssetState", "CreateTime" }) Assert.Contains(header, r.HostText);
            Assert.Contains(name, r.HostText);
        }

        [Fact]
        public void Summary_collects_pipeline_ids_into_one_call()
        {
            using var ps = new PsSession(_emu);
            var prefix = Seeds.Unique("sum");
            for (var i = 0; i < 5; i++) Seeds.Ready(_emu, $"{prefix}-{i}");
            _emu.Log.Clear();
            var r = ps.Run($"Get-MsAsset -Name {prefix} | Get-MsAssetSummary").AssertNoErrors();
            Assert.Equal(5, r.Output.Count);
            Assert.All(r.All<MsAssetSummary>(), s => Assert.StartsWith(prefix, s.AssetName));
            Assert.Equal(1, _emu.Log.Count("ListAssetSummary"));
        }
    }
}
