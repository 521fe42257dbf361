using System;
using System.Linq;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Assets
{
    public class QuickstartTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorHost _emu;
        public QuickstartTests(EmulatorFixture f) => _emu = f.Emulator;

        [Fact]
        public void Quickstart_runs_against_the_emulator_and_leaves_the_expected_state()
        {
            using var ps = new PsSession(_emu, connect: false);
            var script = TestPaths.Repo("samples", "quickstart.ps1");
            var r = ps.Run($"& '{script}' -Region cn-north-4 -Endpoint '{_emu.BaseUri}' -AccessKey {EmulatorOptions.DefaultAccessKey} -SecretKey '{EmulatorOptions.DefaultSecretKey}'");
            r.AssertNoErrors();

            var project = EmulatorOptions.ProjectIdFor("cn-north-4");
            var assets = _emu.State.Assets.Values.Where(a => a.ProjectId == project && a.AssetName?.StartsWith("qs-", StringComparison.Ordinal) == true).ToList();
            Assert.Equal(2, assets.Count);
            var main = assets.Single(a => a.AssetName?.EndsWith("-spare", StringComparison.Ordinal) == false);
            Assert.Equal("ACTIVED", main.AssetState);
            Assert.Equal(new[] { "quickstart", "updated" }, main.Tags);
            Assert.Equal("CREATED", main.Files.Single().State);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, Assert.IsType<byte[]>(main.Files.Single().Content).Take(4));
            var spare = assets.Single(a => a.AssetName?.EndsWith("-spare", StringComparison.Ordinal) == true);
            Assert.Equal("CREATING", spare.AssetState); // back from the recycle bin to where it was
            Assert.Equal(1, _emu.Log.Count("DeleteAsset"));
            Assert.Equal(1, _emu.Log.Count("RestoreAsset"));

            // The recycle bin table was printed by the format view.
            Assert.Contains("Recycle bin:", r.HostText);
            Assert.Contains("AssetState", r.HostText);
            Assert.Contains("DELETING", r.HostText);
        }
    }
}
