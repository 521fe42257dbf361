using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MetaStudio.HelpBuilder;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Module
{
    /// <summary>
    /// The link between cmdlets and operations is code ([MsApi]); the README's API table and the API paragraph of
    /// every help topic are generated from it (MS_UPDATE_DOCS=1 rewrites them), and these tests keep them in step.
    /// </summary>
    public class ApiDocsTests
    {
        [Fact]
        public void Every_cmdlet_names_its_operations_and_every_operation_has_a_cmdlet()
        {
            var violations = new List<string>();
            foreach (var (name, type) in ApiDocs.Cmdlets)
                if (MsApiAttribute.Of(type) == null) violations.Add($"{name}: no [MsApi] attribute");
            foreach (var op in OperationCatalog.All)
                if (ApiDocs.CmdletsOf(op).Count == 0) violations.Add($"{op.Name}: no cmdlet names it in [MsApi]");
            foreach (var (name, type) in ApiDocs.Cmdlets)
            {
                var api = MsApiAttribute.Of(type);
                if (api == null) continue;
                if (api.Operations.Distinct().Count() != api.Operations.Count) violations.Add($"{name}: an operation is named twice");
                if (api.AnyOperation && api.Operations.Count > 0) violations.Add($"{name}: AnyOperation and a list");
            }
            ModuleFacts.AssertNone(violations, "[MsApi]");
            Assert.True(MsApiAttribute.Of(ApiDocs.Cmdlets["Invoke-MsRequest"]).AnyOperation);
            Assert.Empty(MsApiAttribute.Of(ApiDocs.Cmdlets["Connect-MsService"]).Operations);
        }

        [Fact]
        public void The_README_API_table_is_the_generated_one()
        {
            var path = TestPaths.Repo("README.md");
            var lines = File.ReadAllLines(path).ToList();
            var start = lines.IndexOf(ApiDocs.TableStart);
            var end = lines.IndexOf(ApiDocs.TableEnd);
            Assert.True(start >= 0 && end > start, $"README.md has no generated API table (the line '{ApiDocs.TableStart}' ... '{ApiDocs.TableEnd}')");
            var expected = ApiDocs.Table();
            var actual = lines.Skip(start).Take(end - start + 1).ToList();
            if (ApiDocs.Update && !expected.SequenceEqual(actual))
            {
                lines.RemoveRange(start, end - start + 1);
                lines.InsertRange(start, expected);
                File.WriteAllText(path, string.Join("\n", lines) + "\n");
                return;
            }
            Assert.Equal(expected, actual);
            Assert.Equal(OperationCatalog.All.Count + 4, actual.Count);
        }

        [Fact]
        public void Every_help_topic_names_the_APIs_of_its_cmdlet()
        {
            var violations = new List<string>();
            foreach (var name in ApiDocs.Cmdlets.Keys.Where(n => !MsApiAttribute.Of(ApiDocs.Cmdlets[n]).AnyOperation))
            {
                var path = TestPaths.Repo("docs", name + ".md");
                if (!File.Exists(path)) continue;   // reported by CmdletHelpTests
                var markdown = File.ReadAllText(path).Replace("\r\n", "\n");
                var expected = ApiDocs.NotesParagraph(name);
                var notes = MarkdownHelp.ParseCommand(markdown).Notes;
                var api = notes.Where(ApiDocs.IsApiParagraph).ToList();
                var ok = expected == null ? api.Count == 0 : api.Count == 1 && notes.IndexOf(api[0]) == 0 && Flat(api[0]) == expected;
                if (ok) continue;
                if (ApiDocs.Update)
                {
                    Assert.NotNull(expected);
                    File.WriteAllText(path, ApiDocs.WithNotes(markdown, expected));
                    continue;
                }
                violations.Add($"{name}: the NOTES should start with \"{expected ?? "(no API paragraph)"}\"; they have \"{string.Join(" | ", api.Select(Flat))}\"");
            }
            ModuleFacts.AssertNone(violations, "API paragraphs of the help (MS_UPDATE_DOCS=1 rewrites them)");
        }

        private static string Flat(string paragraph) => string.Join(" ", paragraph.Split('\n').Select(l => l.Trim()));
    }
}
