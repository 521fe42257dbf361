using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Module
{
    /// <summary>DEVELOPING.md is the map of the code: every repository path it names in backticks must exist.</summary>
    public class DevelopingDocTests
    {
        // Paths from the repository root; `tests/.../` is the xunit project; a name without extension may be a
        // folder or a .cs file (`src/MetaStudio.Emulator/Obs/ObsStandIn`). Placeholders (<Group>) and globs are
        // patterns, not paths.
        private static readonly Regex RootedPath = new Regex(@"`((?:src|tests|tools|docs|api|samples|en-US|\.ci|\.config)/[^`\s]*)`");

        [Fact]
        public void Every_repository_path_in_DEVELOPING_md_exists()
        {
            var text = File.ReadAllText(TestPaths.Repo("DEVELOPING.md"));
            var missing = RootedPath.Matches(text).Select(m => m.Groups[1].Value)
                .Where(p => !p.Contains('<') && !p.Contains('*'))
                .Distinct()
                .Where(p =>
                {
                    var path = TestPaths.Repo(p.Replace("tests/.../", "tests/MetaStudio.PowerShell.Tests/").TrimEnd('/'));
                    return !File.Exists(path) && !Directory.Exists(path) && !File.Exists(path + ".cs");
                })
                .ToList();
            Assert.True(missing.Count == 0, "DEVELOPING.md names paths that do not exist (moved or removed? update the doc): " + string.Join(", ", missing));
            Assert.True(RootedPath.Matches(text).Count > 20, "the pattern no longer finds DEVELOPING.md's paths");
        }
    }
}
