using System.IO;
using System.Text.RegularExpressions;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Video
{
    /// <summary>Example 1 of every video cmdlet's help runs as written against a default emulator.</summary>
    public class VideoHelpExampleTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorHost _emu;
        public VideoHelpExampleTests(EmulatorFixture f) => _emu = f.Emulator;

        [Theory]
        [InlineData("New-MsVideoScript")]
        [InlineData("Get-MsVideoScript")]
        [InlineData("Set-MsVideoScript")]
        [InlineData("Remove-MsVideoScript")]
        [InlineData("Copy-MsVideoScript")]
        [InlineData("Start-MsVideoTask")]
        [InlineData("Get-MsVideoTask")]
        [InlineData("Stop-MsVideoTask")]
        [InlineData("Wait-MsVideoTask")]
        [InlineData("New-MsTtsAudition")]
        [InlineData("Get-MsTtsAudition")]
        public void Example_1_runs(string cmdlet)
        {
            var md = File.ReadAllText(TestPaths.Repo("docs", cmdlet + ".md"));
            var example = Regex.Match(md, @"### Example 1:[^\n]*\n```powershell\n(.*?)\n```", RegexOptions.Singleline).Groups[1].Value;
            Assert.False(string.IsNullOrWhiteSpace(example));
            using var ps = new PsSession(_emu);
            var r = ps.Run(example).AssertNoErrors();
            if (cmdlet != "Remove-MsVideoScript") Assert.NotEmpty(r.Output);
        }
    }
}
