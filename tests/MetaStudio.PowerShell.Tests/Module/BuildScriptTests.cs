using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation.Language;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Module
{
    /// <summary>
    /// Every script of the repository parses (build.ps1, the samples, the Pester suite and its helpers): a syntax
    /// error is caught here, before the Pester suite (which runs them in real pwsh) would stop on it.
    /// </summary>
    public class BuildScriptTests
    {
        public static IEnumerable<object[]> Scripts()
            => new[] { "build.ps1", "MetaStudio.psm1" }
                .Concat(Directory.GetFiles(TestPaths.Repo("samples"), "*.ps1"))
                .Concat(Directory.GetFiles(TestPaths.Repo("tools"), "*.ps*1"))
                .Concat(Directory.GetFiles(TestPaths.Repo("tests", "Pester"), "*.ps*1"))
                .Select(f => new object[] { Path.GetRelativePath(TestPaths.RepoRoot, TestPaths.Repo(f)).Replace('\\', '/') });

        [Theory]
        [MemberData(nameof(Scripts))]
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
