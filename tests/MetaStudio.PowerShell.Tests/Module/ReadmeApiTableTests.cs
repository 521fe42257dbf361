using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Module
{
    /// <summary>README's API table: one row per catalog operation, `| Group | Operation | METHOD path | Cmdlets or planned |`.</summary>
    public class ReadmeApiTableTests
    {
        internal sealed record Row(int Line, string Group, string Operation, string Request, string Cmdlets)
        {
            public IEnumerable<string> CmdletNames => Cmdlets.Split(',').Select(c => c.Trim()).Where(c => c.Length > 0 && c != "planned");
        }

        /// <summary>The catalog operations the README maps to a cmdlet.</summary>
        internal static ISet<string> OperationsOf(string cmdlet)
            => new HashSet<string>(ApiRows().Where(r => r.CmdletNames.Contains(cmdlet, StringComparer.OrdinalIgnoreCase)).Select(r => r.Operation));

        internal static List<Row> ApiRows()
        {
            var path = TestPaths.Repo("README.md");
            Assert.True(File.Exists(path), "README.md is missing");
            var names = new HashSet<string>(OperationCatalog.All.Select(o => o.Name));
            var rows = new List<Row>();
            var lines = File.ReadAllLines(path);
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].Trim();
                if (!line.StartsWith("|")) continue;
                var cells = line.Trim('|').Split('|').Select(Clean).ToArray();
                if (cells.Length >= 4 && names.Contains(cells[1]))
                    rows.Add(new Row(i + 1, cells[0], cells[1], cells[2], cells[3]));
            }
            return rows;
        }

        private static string Clean(string cell) => cell.Replace("`", "").Replace("**", "").Trim();

        [Fact]
        public void Every_catalog_operation_has_exactly_one_row()
        {
            var rows = ApiRows();
            var violations = OperationCatalog.All.Select(o => (o.Name, Count: rows.Count(r => r.Operation == o.Name)))
                .Where(x => x.Count != 1).Select(x => $"{x.Name}: {x.Count} rows");
            ModuleFacts.AssertNone(violations, "README API table rows per operation");
            Assert.Equal(68, OperationCatalog.All.Count);
        }

        [Fact]
        public void Method_and_path_match_the_catalog()
        {
            var violations = from r in ApiRows()
                             let op = OperationCatalog.All.Single(o => o.Name == r.Operation)
                             let expected = op.Method + " " + op.PathTemplate
                             where !string.Equals(Regex.Replace(r.Request, @"\s+", " "), expected, StringComparison.Ordinal)
                             select $"line {r.Line} {r.Operation}: '{r.Request}', catalog says '{expected}'";
            ModuleFacts.AssertNone(violations, "README API table requests");
        }

        [Fact]
        public void Every_named_cmdlet_is_exported()
        {
            var exported = new HashSet<string>(ModuleFacts.ExportedCmdlets.Select(c => c.Name), StringComparer.OrdinalIgnoreCase);
            var violations = new List<string>();
            foreach (var r in ApiRows())
            {
                var cmdlets = Regex.Matches(r.Cmdlets, @"\b[A-Z][a-zA-Z]+-Ms[A-Za-z0-9]+\b").Select(m => m.Value).ToList();
                if (cmdlets.Count == 0)
                {
                    if (!r.Cmdlets.Equals("planned", StringComparison.OrdinalIgnoreCase))
                        violations.Add($"line {r.Line} {r.Operation}: '{r.Cmdlets}' is neither cmdlet names nor 'planned'");
                    continue;
                }
                violations.AddRange(cmdlets.Where(c => !exported.Contains(c)).Select(c => $"line {r.Line} {r.Operation}: {c} is not exported"));
            }
            ModuleFacts.AssertNone(violations, "README API table cmdlets");
        }
    }
}
