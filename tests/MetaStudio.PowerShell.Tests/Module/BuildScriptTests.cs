using System.Linq;
using System.Management.Automation.Language;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Module
{
    /// <summary>No pwsh here to run build.ps1 or Pester, but the engine's parser still catches syntax errors.</summary>
    public class BuildScriptTests
    {
        [Theory]
        [InlineData("build.ps1")]
        [InlineData("tests/Pester/MetaStudio.Smoke.Tests.ps1")]
        [InlineData("MetaStudio.psm1")]
        [InlineData("tools/ModulePackage.psm1")]
        public void Script_parses(string relative)
        {
            Parser.ParseFile(TestPaths.Repo(relative.Split('/')), out _, out var errors);
            Assert.True(errors.Length == 0, string.Join("\n", errors.Select(e => $"{e.Extent.StartLineNumber}: {e.Message}")));
        }

        [Fact]
        public void Build_script_passes_dotnet_arguments_as_strings()
        {
            // `Invoke-Dotnet build -c Release` would bind -c to a PowerShell parameter; every call passes an array.
            var ast = Parser.ParseFile(TestPaths.Repo("build.ps1"), out _, out _);
            var calls = ast.FindAll(a => a is CommandAst c && c.GetCommandName() == "Invoke-Dotnet", true).Cast<CommandAst>().ToList();
            Assert.NotEmpty(calls);
            Assert.All(calls, c => Assert.Equal("Arguments", Assert.IsType<CommandParameterAst>(c.CommandElements[1]).ParameterName));
        }
    }
}
