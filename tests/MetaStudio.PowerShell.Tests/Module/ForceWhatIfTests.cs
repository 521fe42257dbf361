using System.Linq;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Module
{
    /// <summary>-Force skips only the High-impact prompt: $WhatIfPreference still wins over it.</summary>
    public class ForceWhatIfTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorHost _emu;

        public ForceWhatIfTests(EmulatorFixture f) => _emu = f.Emulator;

        [Theory]
        [InlineData("Stop-MsVideoTask -JobId abc123 -Force", "Cancel2DDigitalHumanVideo")]
        [InlineData("Remove-MsVideoScript -ScriptId abc123 -Force", "DeleteVideoScript")]
        [InlineData("Remove-MsAsset -AssetId abc123 -Force", "DeleteAsset")]
        [InlineData("Remove-MsAsset -AssetId abc123 -Force -Permanent", "DeleteAsset")]
        [InlineData("Remove-MsAssetFile -FileId abc123 -Force", "DeleteFile")]
        public void WhatIfPreference_wins_over_Force(string command, string operation)
        {
            using var ps = new PsSession(_emu);
            var before = _emu.Log.All.Count;
            var r = ps.Run("$WhatIfPreference = $true; " + command);
            Assert.DoesNotContain(_emu.Log.All.Skip(before), e => e.Operation == operation);
            Assert.Contains("What if:", r.HostText);

            // Control: the same command without the preference reaches the service (so the log would show it).
            before = _emu.Log.All.Count;
            ps.Run("$WhatIfPreference = $false; " + command);
            Assert.Contains(_emu.Log.All.Skip(before), e => e.Operation == operation);
        }

        [Fact]
        public void WhatIf_false_parameter_overrides_the_preference_with_Force()
        {
            using var ps = new PsSession(_emu);
            var before = _emu.Log.All.Count;
            ps.Run("$WhatIfPreference = $true; Stop-MsVideoTask -JobId abc123 -Force -WhatIf:$false");
            Assert.Contains(_emu.Log.All.Skip(before), e => e.Operation == "Cancel2DDigitalHumanVideo");
        }
    }
}
