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

        private static IEnumerable<Hashtable> Items(object value) => ((IEnumerable)value).Cast<object>().Select(o => (Hashtable)(o is PSObject p ? p.BaseObject : o));

        [Fact]
        public void Connect_MsService_help_shows_the_markdown_text()
        {
            using var ps = new PsSession();
            var help = HelpOf(ps, "Connect-MsService");
            Assert.Equal("Connects to Huawei Cloud MetaStudio and makes the session the default of the runspace.", help["Synopsis"]);
            Assert.Contains("Credentials are looked for where Huawei Cloud's own SDKs look for them", (string)help["Description"]);
            var parameters = Items(help["Parameters"]).ToDictionary(p => (string)p["Name"], p => (string)p["Text"]);
            Assert.StartsWith("Scales the client-side rate limits", parameters["RateLimitScale"]);
            Assert.StartsWith("The account (domain) name", parameters["DomainName"]);
            var examples = ((IEnumerable)help["Examples"]).Cast<object>().Select(o => o.ToString()).ToList();
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
                var synopsis = ((string)help["Synopsis"] ?? "").Trim();
                // Without help the engine makes the synopsis from the syntax, which starts with the name.
                if (synopsis.Length == 0 || synopsis.StartsWith(cmdlet.Name, StringComparison.OrdinalIgnoreCase))
                    violations.Add($"{cmdlet.Name}: no synopsis");
                if (string.IsNullOrWhiteSpace((string)help["Description"])) violations.Add($"{cmdlet.Name}: no description");
                var described = Items(help["Parameters"]).Where(p => !string.IsNullOrWhiteSpace((string)p["Text"]))
                    .Select(p => (string)p["Name"]).ToHashSet(StringComparer.OrdinalIgnoreCase);
                violations.AddRange(ModuleFacts.DocumentableParameters(cmdlet).Where(p => !described.Contains(p))
                    .Select(p => $"{cmdlet.Name}: -{p} has no description"));
                if (!((IEnumerable)help["Examples"]).Cast<object>().Any()) violations.Add($"{cmdlet.Name}: no example");
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
                violations.AddRange(doc.Parameters.Where(p => !cmdlet.Parameters.ContainsKey(p.Name))
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
            var orphans = Directory.GetFiles(TestPaths.Repo("docs"), "*.md").Select(Path.GetFileNameWithoutExtension)
                .Where(n => !n.StartsWith("about_", StringComparison.OrdinalIgnoreCase) && !exported.Contains(n));
            ModuleFacts.AssertNone(orphans, "docs/*.md files for cmdlets the module does not export");
        }
    }
}
