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
        [InlineData("Remove-MsProduct -ProductId abc123 -Force", "DeleteProduct")]
        [InlineData("Remove-MsProductAsset -ProductId abc123 -AssetId abc123 -AssetType IMAGE -Force", "SetProductAsset")]
        [InlineData("Remove-MsLiveRoom -RoomId abc123 -Force", "DeleteSmartLiveRoom")]
        [InlineData("Remove-MsModelTrainingJob -JobId abc123 -Force", "Delete2dModelTrainingJob")]
        [InlineData("Remove-MsVoiceTrainingJob -JobId abc123 -Force", "DeleteVoiceTrainingJob")]
        [InlineData("Remove-MsInteractionRuleGroup -GroupId abc123 -Force", "DeleteInteractionRuleGroup")]
        [InlineData("Stop-MsLiveTask -RoomId abc123 -JobId abc123 -Force", "StopSmartLive")]
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
        public void Every_cmdlet_with_Force_is_covered_above()
        {
            // A new cmdlet with -Force must join the theory, so the rule is checked for it too.
            var theory = typeof(ForceWhatIfTests).GetMethod(nameof(WhatIfPreference_wins_over_Force));
            Assert.NotNull(theory);
            var covered = theory
                .GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>()
                .Select(a => Assert.IsType<string>(a.GetData(null).First()[0]).Split(' ')[0]).ToHashSet();
            // Save-MsAssetFile's -Force means "overwrite local files"; it changes nothing in the service.
            // Remove-MsCredentialProfile changes a local file, not the service: CredentialProfileTests checks the same rule on the file.
            var coveredElsewhere = new[] { "Save-MsAssetFile", "Remove-MsCredentialProfile" };
            var withForce = ModuleFacts.ExportedCmdlets.Where(c => c.Parameters.ContainsKey("Force") && !coveredElsewhere.Contains(c.Name)).Select(c => c.Name).ToList();
            Assert.NotEmpty(withForce);
            Assert.DoesNotContain(withForce, c => !covered.Contains(c));
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
