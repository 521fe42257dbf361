using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using MetaStudio.HelpBuilder;
using MetaStudio.PowerShell.Tests.Infrastructure;
using MetaStudio.PowerShell.Tests.Module;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Help
{
    /// <summary>Get-Help in the hosted engine reads the staged en-US help of every exported cmdlet.</summary>
    public class CmdletHelpTests
    {
        private const string HelpScript = @"
$h = Get-Help -Name $name -Full
@{
    Synopsis = [string]$h.Synopsis
    Description = (@($h.description | ForEach-Object { $_.Text }) -join ""`n"")
    Parameters = @($h.parameters.parameter | ForEach-Object { @{ Name = [string]$_.name; Text = (@($_.description | ForEach-Object { $_.Text }) -join ' ') } })
    Examples = @($h.examples.example | ForEach-Object { [string]$_.code })
}";

        private static Hashtable HelpOf(PsSession ps, string name)
            => (Hashtable)ps.Run(HelpScript, new Dictionary<string, object> { ["name"] = name }).AssertNoErrors().Output.Single().BaseObject;

        private static IEnumerable<object> List(object? value) => Assert.IsAssignableFrom<IEnumerable>(value).Cast<object>();
        private static IEnumerable<Hashtable> Items(object? value) => List(value).Select(o => (Hashtable)(o is PSObject p ? p.BaseObject : o));

        [Fact]
        public void Connect_MsService_help_shows_the_markdown_text()
        {
            using var ps = new PsSession();
            var help = HelpOf(ps, "Connect-MsService");
            Assert.Equal("Connects to Huawei Cloud MetaStudio and makes the session the default of the runspace.", help["Synopsis"]);
            Assert.Contains("Credentials are looked for where Huawei Cloud's own SDKs look for them", Assert.IsType<string>(help["Description"]));
            var parameters = Items(help["Parameters"]).ToDictionary(p => Assert.IsType<string>(p["Name"]), p => (string?)p["Text"]);
            Assert.StartsWith("Scales the client-side rate limits", parameters["RateLimitScale"]);
            Assert.StartsWith("The account (domain) name", parameters["DomainName"]);
            var examples = List(help["Examples"]).Select(o => o.ToString()).ToList();
            Assert.True(examples.Count >= 3);
            Assert.StartsWith("$session = Connect-MsService -Region cn-north-4", examples[0]);

            // The text view users read prints the same.
            var text = ps.Run("Get-Help Connect-MsService -Full | Out-Host").AssertNoErrors().HostText;
            Assert.Contains("Connects to Huawei Cloud MetaStudio", text);
            Assert.Contains("Example 1: Connect with an access key and secret key", text);
        }

        [Fact]
        public void About_topic_is_found_from_the_staged_module()
        {
            using var ps = new PsSession();
            var r = ps.Run("Get-Help about_MetaStudio | Out-Host").AssertNoErrors();
            Assert.Contains("TOPIC", r.HostText);
            Assert.Contains("HUAWEICLOUD_SDK_METASTUDIO_ENDPOINT", r.HostText);
            Assert.Contains("RATE LIMITING", r.HostText);
            Assert.True(File.Exists(Path.Combine(TestPaths.ModuleDirectory, "en-US", "about_MetaStudio.help.txt")));
        }

        [Fact]
        public void Every_cmdlet_has_complete_help()
        {
            using var ps = new PsSession();
            var violations = new List<string>();
            foreach (var cmdlet in ModuleFacts.ExportedCmdlets)
            {
                var help = HelpOf(ps, cmdlet.Name);
                var synopsis = ((string?)help["Synopsis"] ?? "").Trim();
                // Without help the engine makes the synopsis from the syntax, which starts with the name.
                if (synopsis.Length == 0 || synopsis.StartsWith(cmdlet.Name, StringComparison.OrdinalIgnoreCase))
                    violations.Add($"{cmdlet.Name}: no synopsis");
                if (string.IsNullOrWhiteSpace((string?)help["Description"])) violations.Add($"{cmdlet.Name}: no description");
                var described = Items(help["Parameters"]).Where(p => !string.IsNullOrWhiteSpace((string?)p["Text"]))
                    .Select(p => (string?)p["Name"]).ToHashSet(StringComparer.OrdinalIgnoreCase);
                violations.AddRange(ModuleFacts.DocumentableParameters(cmdlet).Where(p => !described.Contains(p))
                    .Select(p => $"{cmdlet.Name}: -{p} has no description"));
                if (!List(help["Examples"]).Any()) violations.Add($"{cmdlet.Name}: no example");
            }
            ModuleFacts.AssertNone(violations, "Incomplete help");
        }

        [Fact]
        public void Every_cmdlet_has_a_markdown_file_that_documents_only_real_parameters()
        {
            var violations = new List<string>();
            foreach (var cmdlet in ModuleFacts.ExportedCmdlets)
            {
                var path = TestPaths.Repo("docs", cmdlet.Name + ".md");
                if (!File.Exists(path))
                {
                    violations.Add($"{cmdlet.Name}: docs/{cmdlet.Name}.md is missing");
                    continue;
                }
                var doc = MarkdownHelp.ParseCommand(File.ReadAllText(path));
                if (!string.Equals(doc.Name, cmdlet.Name, StringComparison.Ordinal)) violations.Add($"{cmdlet.Name}: the markdown is titled '{doc.Name}'");
                violations.AddRange(doc.Parameters.Where(p => p.Name is null || !cmdlet.Parameters.ContainsKey(p.Name))
                    .Select(p => $"{cmdlet.Name}: documents -{p.Name}, which the cmdlet does not have"));
                var header = File.ReadAllText(path);
                if (!header.Contains("external help file: MetaStudio.PowerShell.dll-Help.xml") || !header.Contains("schema: 2.0.0"))
                    violations.Add($"{cmdlet.Name}: front matter is not PlatyPS schema 2.0.0 for MetaStudio.PowerShell.dll-Help.xml");
            }
            ModuleFacts.AssertNone(violations, "docs/*.md");
        }

        [Fact]
        public void Every_markdown_file_is_for_an_exported_cmdlet()
        {
            var exported = ModuleFacts.ExportedCmdlets.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var orphans = Directory.GetFiles(TestPaths.Repo("docs"), "*.md").Select(f => Path.GetFileNameWithoutExtension(f))
                .Where(n => !n.StartsWith("about_", StringComparison.OrdinalIgnoreCase) && !exported.Contains(n));
            ModuleFacts.AssertNone(orphans, "docs/*.md files for cmdlets the module does not export");
        }

        /// <summary>
        /// Per parameter set, every documented parameter's Required, Position and pipeline input are what
        /// Get-Command says (PlatyPS writes one yaml block per group of sets that agree); every set the parameter
        /// belongs to is described, and no block names a set the parameter is not in. The SYNTAX of the generated
        /// help is built from these blocks, so Get-Help shows each set as the cmdlet binds it.
        /// </summary>
        [Fact]
        public void Documented_parameter_sets_match_Get_Command()
        {
            var violations = new List<string>();
            foreach (var (cmdlet, markdown) in Markdowns())
            {
                var doc = MarkdownHelp.ParseCommand(markdown);
                foreach (var p in doc.Parameters.Where(p => p.Name is not null && cmdlet.Parameters.ContainsKey(p.Name)))
                {
                    var sets = cmdlet.ParameterSets.Where(s => s.Parameters.Any(x => x.Name == p.Name)).ToList();
                    var realSets = sets.Select(s => s.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
                    foreach (var named in p.SetBlocks.SelectMany(b => b.Sets).Where(n => n != "(All)" && !realSets.Contains(n)))
                        violations.Add($"{cmdlet.Name} -{p.Name}: documented in set '{named}', which it is not in");
                    foreach (var set in sets)
                    {
                        var info = set.Parameters.First(x => x.Name == p.Name);
                        var block = p.BlockFor(set.Name);
                        var where = $"{cmdlet.Name} -{p.Name} in set '{set.Name}'";
                        if (block == null)
                        {
                            violations.Add($"{where}: no yaml block describes this set");
                            continue;
                        }
                        if (block.Required != info.IsMandatory) violations.Add($"{where}: documented Required {block.Required}, is {info.IsMandatory}");
                        var position = info.Position < 0 ? "Named" : info.Position.ToString(System.Globalization.CultureInfo.InvariantCulture);
                        if (!string.Equals(block.Position, position, StringComparison.OrdinalIgnoreCase))
                            violations.Add($"{where}: documented Position {block.Position}, is {position}");
                        if (block.ByValue != info.ValueFromPipeline || block.ByPropertyName != info.ValueFromPipelineByPropertyName)
                            violations.Add($"{where}: documented pipeline input '{block.PipelineInput}', is ByValue={info.ValueFromPipeline} ByPropertyName={info.ValueFromPipelineByPropertyName}");
                    }
                }
            }
            ModuleFacts.AssertNone(violations, "Help that disagrees with Get-Command");
        }

        /// <summary>The SYNTAX of each markdown names the cmdlet's parameter sets and, in each, its parameters.</summary>
        [Fact]
        public void Documented_syntax_lists_each_parameter_set_with_its_parameters()
        {
            var violations = new List<string>();
            foreach (var (cmdlet, markdown) in Markdowns())
            {
                var syntax = SyntaxBlocks(markdown);
                var sets = cmdlet.ParameterSets.ToDictionary(x => x.Name, StringComparer.OrdinalIgnoreCase);
                if (!sets.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase).SetEquals(syntax.Keys))
                {
                    violations.Add($"{cmdlet.Name}: SYNTAX sets [{string.Join(", ", syntax.Keys)}], Get-Command sets [{string.Join(", ", sets.Keys)}]");
                    continue;
                }
                foreach (var (set, documented) in syntax)
                {
                    var real = sets[set].Parameters.Select(x => x.Name).Where(n => !Cmdlet.CommonParameters.Contains(n)).ToHashSet(StringComparer.OrdinalIgnoreCase);
                    if (!real.SetEquals(documented))
                        violations.Add($"{cmdlet.Name} set '{set}': SYNTAX lists [{string.Join(" ", documented.OrderBy(x => x))}], Get-Command [{string.Join(" ", real.OrderBy(x => x))}]");
                }
            }
            ModuleFacts.AssertNone(violations, "SYNTAX sections that disagree with Get-Command");
        }

        /// <summary>Each exported cmdlet with the text of its markdown (a missing file is reported by Every_cmdlet_has_a_markdown_file...).</summary>
        private static IEnumerable<(CmdletInfo Cmdlet, string Markdown)> Markdowns()
            => ModuleFacts.ExportedCmdlets.Select(c => (c, Path: TestPaths.Repo("docs", c.Name + ".md")))
                .Where(x => File.Exists(x.Path)).Select(x => (x.c, File.ReadAllText(x.Path)));

        /// <summary>Parameter names per set of a markdown's SYNTAX section ("__AllParameterSets" when it names no set).</summary>
        private static Dictionary<string, HashSet<string>> SyntaxBlocks(string markdown)
        {
            var result = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase);
            var section = System.Text.RegularExpressions.Regex.Match(markdown, @"\n## SYNTAX\s*\n(?<body>.*?)\n## ", System.Text.RegularExpressions.RegexOptions.Singleline).Groups["body"].Value;
            var set = "__AllParameterSets";
            var inFence = false;
            foreach (var raw in section.Split('\n'))
            {
                var line = raw.Trim();
                if (line.StartsWith("```", StringComparison.Ordinal)) { inFence = !inFence; continue; }
                if (!inFence && line.StartsWith("### ", StringComparison.Ordinal)) { set = line.Substring(4).Replace("(Default)", "").Trim(); continue; }
                if (!inFence || line.Length == 0) continue;
                if (!result.TryGetValue(set, out var names)) result[set] = names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(line, @"(?<=^|[\s\[])-(?<n>[A-Za-z][A-Za-z0-9]*)\b"))
                    names.Add(m.Groups["n"].Value);
            }
            return result;
        }

        /// <summary>
        /// about_MetaStudio follows PlatyPS's about schema (templates/aboutTemplate.md), which real PlatyPS needs to
        /// recognise the file as an about topic: no front matter, "# Title" then "## about_Name" (PlatyPS checks
        /// that the second heading starts with "about"), then its sections in the template's order.
        /// </summary>
        [Fact]
        public void About_topic_follows_the_PlatyPS_about_schema()
        {
            foreach (var file in Directory.GetFiles(TestPaths.Repo("docs"), "about_*.md"))
            {
                var name = Path.GetFileNameWithoutExtension(file);
                var lines = File.ReadAllLines(file);
                Assert.StartsWith("# ", lines[0]);
                var headings = new List<string>();
                var inFence = false;
                foreach (var line in lines)
                {
                    if (line.TrimStart().StartsWith("```", StringComparison.Ordinal)) inFence = !inFence;
                    else if (!inFence && line.StartsWith("#", StringComparison.Ordinal)) headings.Add(line);
                    // PlatyPS's about renderer takes headings, paragraphs and code blocks only.
                    if (!inFence) Assert.False(line.TrimStart().StartsWith("|", StringComparison.Ordinal), $"{name}: a table line: {line}");
                }
                Assert.Equal("## " + name, headings[1]);
                var sections = headings.Skip(2).Where(h => h.StartsWith("# ", StringComparison.Ordinal)).Select(h => h.Substring(2).Trim()).ToList();
                Assert.Equal(new[] { "SHORT DESCRIPTION", "LONG DESCRIPTION", "EXAMPLES", "NOTE", "TROUBLESHOOTING NOTE", "SEE ALSO", "KEYWORDS" }, sections);
                Assert.All(headings.Skip(2), h => Assert.True(h.StartsWith("# ", StringComparison.Ordinal) || h.StartsWith("## ", StringComparison.Ordinal), h));
            }
        }
    }
}
