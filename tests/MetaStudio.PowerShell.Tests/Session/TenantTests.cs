using System.Linq;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Assets;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Session
{
    /// <summary>Each account reaches only its own projects; copying between accounts goes through replication info.</summary>
    public class TenantTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorHost _emu;
        public TenantTests(EmulatorFixture f) => _emu = f.Emulator;

        private string ConnectOther(string extra = "") =>
            $"Connect-MsService -Region cn-north-4 -Endpoint '{_emu.BaseUri}' -AccessKey {EmulatorOptions.OtherAccessKey} -SecretKey '{EmulatorOptions.OtherSecretKey}' {extra}";

        [Fact]
        public void Project_lookup_finds_the_callers_own_project()
        {
            using var ps = new PsSession(_emu, connect: false);
            var session = ps.Run(ConnectOther()).AssertNoErrors().Single<MsSession>();
            Assert.Equal(EmulatorOptions.ProjectIdFor("cn-north-4", EmulatorOptions.OtherTenant), session.ProjectId);
            Assert.NotEqual(EmulatorOptions.ProjectIdFor("cn-north-4"), session.ProjectId);
        }

        [Fact]
        public void Another_accounts_project_is_refused_and_stops_the_pipeline()
        {
            using var ps = new PsSession(_emu, connect: false);
            var foreign = EmulatorOptions.ProjectIdFor("cn-north-4");
            var r = ps.Run($"$s = {ConnectOther("-ProjectId " + foreign)}; 'a','b' | Get-MsAsset -Session $s");
            var error = Assert.Single(r.AllErrors);
            Assert.Equal("MSS.00010009", error.FullyQualifiedErrorId.Split(',')[0]);
            // A session failure is terminating: the second id was never asked for.
            Assert.Equal(1, _emu.Log.All.Count(e => e.Operation == "ShowAsset" && e.Path.Contains(foreign) && e.ErrorCode == "MSS.00010009"));
        }

        [Fact]
        public void An_asset_is_copied_from_one_account_to_another()
        {
            using var ps = new PsSession(_emu);
            var name = "cross-account-" + System.Guid.NewGuid().ToString("N").Substring(0, 8);
            var source = _emu.State.AddReadyAsset(EmulatorOptions.ProjectIdFor("cn-north-4"), name, "IMAGE", "pic.png", new byte[] { 4, 2 });
            ps.Run($"$other = {ConnectOther()}; Copy-MsAsset -AssetId {source.AssetId} -SourceSession $MsSession -Session $other").AssertNoErrors();
            var copy = _emu.State.Assets.Values.Single(a => a.AssetName == name && a.ProjectId == EmulatorOptions.ProjectIdFor("cn-north-4", EmulatorOptions.OtherTenant));
            Assert.Equal(new byte[] { 4, 2 }, copy.Files.Single().Content);
            // The other account sees its copy, and not the original.
            var seen = ps.Run($"Get-MsAsset -Name {name} -Session $other").AssertNoErrors().All<MsAsset>().ToList();
            Assert.Equal(copy.AssetId, Assert.Single(seen).AssetId);
        }
    }
}
