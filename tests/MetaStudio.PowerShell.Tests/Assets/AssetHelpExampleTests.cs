using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Assets
{
    /// <summary>Example 1 of every asset and file cmdlet runs as written against a fresh emulator session.</summary>
    public class AssetHelpExampleTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorHost _emu;
        public AssetHelpExampleTests(EmulatorFixture f) => _emu = f.Emulator;

        public static IEnumerable<object[]> Cmdlets => new[]
        {
            "New-MsAsset", "Get-MsAsset", "Set-MsAsset", "Remove-MsAsset", "Restore-MsAsset", "Enable-MsAsset", "Disable-MsAsset",
            "Get-MsAssetSummary", "Get-MsAssetReplicationInfo", "Copy-MsAsset",
            "New-MsAssetFile", "Complete-MsAssetFile", "Remove-MsAssetFile", "Send-MsAssetFile", "Save-MsAssetFile",
        }.Select(c => new object[] { c });

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void Example_1_runs_and_the_help_documents_every_parameter(string cmdlet)
        {
            var text = File.ReadAllText(TestPaths.Repo("docs", cmdlet + ".md"));
            var example = Regex.Match(text, @"### Example 1:[^\n]*\n```powershell\n(.*?)\n```", RegexOptions.Singleline);
            Assert.True(example.Success, "docs/" + cmdlet + ".md has no Example 1");
            using var ps = new PsSession(_emu);
            var operation = cmdlet switch
            {
                "New-MsAsset" => "CreateDigitalAsset", "Get-MsAsset" => "ListAssets", "Set-MsAsset" => "UpdateDigitalAsset",
                "Remove-MsAsset" => "DeleteAsset", "Restore-MsAsset" => "RestoreAsset", "Enable-MsAsset" or "Disable-MsAsset" => "BatchExecuteAssetAction",
                "Get-MsAssetSummary" => "ListAssetSummary", "Get-MsAssetReplicationInfo" => "ShowAssetReplicationInfo",
                "Copy-MsAsset" => "CreateAssetByReplicationInfo", "New-MsAssetFile" => "CreateFile", "Complete-MsAssetFile" => "ConfirmFileUpload",
                "Remove-MsAssetFile" => "DeleteFile", "Send-MsAssetFile" => "ConfirmFileUpload", _ => "ShowAsset",
            };
            var before = _emu.Log.All.Count(e => e.Operation == operation && e.Status < 300);
            ps.Run(example.Groups[1].Value).AssertNoErrors();
            // The example used its cmdlet's operation, successfully.
            Assert.True(_emu.Log.All.Count(e => e.Operation == operation && e.Status < 300) > before, $"Example 1 of {cmdlet} did not call {operation}.");

            var parameters = ps.Run($"(Get-Command {cmdlet}).Parameters.Keys").Output.Select(o => o.ToString())
                .Except(System.Management.Automation.Cmdlet.CommonParameters).Except(System.Management.Automation.Cmdlet.OptionalCommonParameters);
            foreach (var p in parameters) Assert.Contains("### -" + p + "\n", text);
        }
    }
}
