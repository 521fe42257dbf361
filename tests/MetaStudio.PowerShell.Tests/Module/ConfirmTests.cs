using System;
using System.Linq;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Tests.Assets;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Module
{
    /// <summary>
    /// What the confirmation prompts ask, with the default $ConfirmPreference (High): the reversible move to the
    /// recycle bin is Medium and does not ask, the permanent delete asks as High does, and every prompt names the
    /// object as kind 'name' (id).
    /// </summary>
    public class ConfirmTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorHost _emu;

        public ConfirmTests(EmulatorFixture f) => _emu = f.Emulator;

        [Fact]
        public void Moving_an_asset_to_the_recycle_bin_does_not_ask()
        {
            using var ps = new PsSession(_emu);
            var asset = Seeds.Ready(_emu, Seeds.Unique("bin"));
            ps.Run($"Remove-MsAsset -AssetId {asset.AssetId}").AssertNoErrors();
            Assert.Empty(ps.Host.Prompts);
            Assert.Equal("DELETING", asset.AssetState);
        }

        [Fact]
        public void A_permanent_delete_asks_naming_the_asset_and_No_keeps_it()
        {
            using var ps = new PsSession(_emu);
            var asset = Seeds.Ready(_emu, Seeds.Unique("perm"));
            ps.Host.Answers.Enqueue(2);   // No
            ps.Run($"Remove-MsAsset -AssetId {asset.AssetId} -Permanent").AssertNoErrors();
            var prompt = Assert.Single(ps.Host.Prompts);
            Assert.Contains($"asset '{asset.AssetName}' ({asset.AssetId})", prompt);
            Assert.Contains("Delete permanently", prompt);
            Assert.Equal("ACTIVED", asset.AssetState);
            Assert.Equal(0, _emu.Log.All.Count(e => e.Operation == "DeleteAsset" && e.Path.EndsWith(asset.AssetId, StringComparison.Ordinal)));

            ps.Host.Answers.Enqueue(0);   // Yes
            ps.Run($"Remove-MsAsset -AssetId {asset.AssetId} -Permanent").AssertNoErrors();
            Assert.Equal("DELETED", asset.AssetState);
        }

        [Fact]
        public void Force_or_Confirm_false_skip_the_permanent_delete_prompt()
        {
            using var ps = new PsSession(_emu);
            var forced = Seeds.Ready(_emu, Seeds.Unique("force"));
            var unconfirmed = Seeds.Ready(_emu, Seeds.Unique("noconfirm"));
            ps.Run($"Remove-MsAsset -AssetId {forced.AssetId} -Permanent -Force; Remove-MsAsset -AssetId {unconfirmed.AssetId} -Permanent -Confirm:$false").AssertNoErrors();
            Assert.Empty(ps.Host.Prompts);
            Assert.Equal("DELETED", forced.AssetState);
            Assert.Equal("DELETED", unconfirmed.AssetState);
        }

        [Fact]
        public void A_medium_ConfirmPreference_asks_for_the_recycle_bin_too()
        {
            using var ps = new PsSession(_emu);
            var asset = Seeds.Ready(_emu, Seeds.Unique("medium"));
            ps.Host.Answers.Enqueue(0);
            ps.Run($"$ConfirmPreference = 'Medium'; Get-MsAsset -AssetId {asset.AssetId} | Remove-MsAsset").AssertNoErrors();
            var prompt = Assert.Single(ps.Host.Prompts);
            Assert.Contains($"asset '{asset.AssetName}' ({asset.AssetId})", prompt);
            Assert.Contains("Move to the recycle bin", prompt);
            Assert.Equal("DELETING", asset.AssetState);
        }

        [Fact]
        public void A_high_impact_remove_asks_naming_its_object()
        {
            using var ps = new PsSession(_emu);
            var script = ps.Run("New-MsVideoScript -Name 'confirm-me' -Text 'hello' -ModelAssetId m -VoiceAssetId v").AssertNoErrors()
                .Single<MetaStudio.PowerShell.Video.MsVideoScript>();
            ps.Host.Answers.Enqueue(2);   // No
            ps.Run("$args0 | Remove-MsVideoScript", new System.Collections.Generic.Dictionary<string, object> { ["args0"] = script }).AssertNoErrors();
            Assert.Contains($"video script 'confirm-me' ({script.ScriptId})", Assert.Single(ps.Host.Prompts));
            Assert.NotNull(script.ScriptId);
            Assert.True(_emu.State.VideoScripts.ContainsKey(script.ScriptId));
        }
    }
}
