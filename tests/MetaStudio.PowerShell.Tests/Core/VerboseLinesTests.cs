#nullable enable
using System.Linq;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Tests.Assets;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Core
{
    /// <summary>
    /// The per-call path formats and posts its verbose lines (the session in use, one line per attempt) only when
    /// PowerShell would show them (issue 13 item 2): -Verbose, -Debug or $VerbosePreference decide, as for WriteVerbose.
    /// </summary>
    public class VerboseLinesTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorHost _emu;
        public VerboseLinesTests(EmulatorFixture f) => _emu = f.Emulator;

        [Theory]
        [InlineData("Get-MsAsset -AssetId $id -Verbose", true)]
        [InlineData("$VerbosePreference = 'Continue'; Get-MsAsset -AssetId $id", true)]
        [InlineData("$VerbosePreference = 'Continue'; Get-MsAsset -AssetId $id -Verbose:$false", false)]
        [InlineData("Get-MsAsset -AssetId $id", false)]
        [InlineData("$VerbosePreference = 'Ignore'; Get-MsAsset -AssetId $id", false)]
        [InlineData("$VerbosePreference = 'SilentlyContinue'; Get-MsAsset -AssetId $id -Verbose", true)]
        [InlineData("$VerbosePreference = 'Continue'; Get-MsAsset -First 1", true)]
        public void Request_lines_show_exactly_when_PowerShell_shows_verbose_output(string script, bool shown)
        {
            var asset = Seeds.Ready(_emu, Seeds.Unique("verbose"));
            using var ps = new PsSession(_emu);
            var r = ps.Run("$id = '" + asset.AssetId + "'; " + script);
            Assert.Empty(r.Errors);
            Assert.NotEmpty(r.Output);
            var requestLines = r.Verbose.Where(v => v.StartsWith("GET ", System.StringComparison.Ordinal) && v.Contains(" → 200 in ")).ToList();
            var sessionLines = r.Verbose.Where(v => v.StartsWith("Session: ", System.StringComparison.Ordinal)).ToList();
            if (shown)
            {
                Assert.Single(requestLines);
                Assert.Single(sessionLines);
            }
            else
            {
                Assert.Empty(r.Verbose);
            }
        }
    }
}
