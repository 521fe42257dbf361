using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Core
{
    public class CatalogTests
    {
        private sealed record Row(string Category, string Title, int CnNorth4, int CnEast3, int ApSoutheast3);

        private static Row[] PublishedTable() => File.ReadAllLines(TestPaths.Repo("tests", "MetaStudio.PowerShell.Tests", "Data", "throttling.tsv"))
            .Skip(1).Where(l => l.Trim().Length > 0)
            .Select(l => l.Split('\t'))
            .Select(f => new Row(f[0].Trim(), f[1].Trim(), int.Parse(f[2]), int.Parse(f[3]), int.Parse(f[4])))
            .ToArray();

        [Fact]
        public void The_catalog_has_the_68_published_operations_with_their_limits()
        {
            var table = PublishedTable();
            Assert.Equal(68, table.Length);
            Assert.Equal(68, OperationCatalog.All.Count);
            var unmatched = table.Select(r => r.Category + " / " + r.Title)
                .Except(OperationCatalog.All.Select(o => o.Category + " / " + o.Title)).ToList();
            Assert.True(unmatched.Count == 0, "Published rows with no operation: " + string.Join("; ", unmatched));
            foreach (var op in OperationCatalog.All)
            {
                var row = Assert.Single(table, r => r.Category == op.Category && r.Title == op.Title);
                Assert.True(row.CnNorth4 == op.RateLimit("cn-north-4") && row.CnEast3 == op.RateLimit("cn-east-3") && row.ApSoutheast3 == op.RateLimit("ap-southeast-3"),
                    $"{op.Name}: catalog {op.RateLimit("cn-north-4")}/{op.RateLimit("cn-east-3")}/{op.RateLimit("ap-southeast-3")}, published {row.CnNorth4}/{row.CnEast3}/{row.ApSoutheast3}");
            }
        }

        [Fact]
        public void Names_and_routes_are_unique()
        {
            var all = OperationCatalog.All;
            Assert.Equal(all.Count, all.Select(o => o.Name).Distinct(StringComparer.Ordinal).Count());
            Assert.Equal(all.Count, all.Select(o => o.Method + " " + o.PathTemplate).Distinct(StringComparer.Ordinal).Count());
            // Two templates that differ only in a placeholder's name would be the same route to a router.
            var shapes = all.Select(o => o.Method + " " + Regex.Replace(o.PathTemplate, @"\{\w+\}", "{}")).ToList();
            var clashes = shapes.GroupBy(s => s).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.True(clashes.Count == 0, "Ambiguous routes: " + string.Join("; ", clashes));
            foreach (var op in all)
            {
                Assert.Contains(op.Method, new[] { "GET", "POST", "PUT", "DELETE" });
                Assert.StartsWith("/v1/{project_id}/", op.PathTemplate);
                Assert.Same(op, OperationCatalog.Get(op.Name));
                if (op.Method != "POST") Assert.True(op.Idempotent, op.Name + " is not a POST, so repeating it is safe");
            }
        }

        [Fact]
        public void Unknown_region_or_operation_is_rejected()
        {
            var op = OperationCatalog.Get("ListAssets");
            Assert.Throws<ArgumentException>(() => op.RateLimit("eu-west-0"));
            Assert.Throws<ArgumentException>(() => op.RateLimit(null));
            Assert.False(Regions.IsKnown("eu-west-0"));
            Assert.True(Regions.IsKnown("cn-north-4"));
            Assert.Throws<System.Collections.Generic.KeyNotFoundException>(() => OperationCatalog.Get("NoSuchOperation"));
            var ex = Assert.Throws<ArgumentException>(() => SessionFactory.Create("eu-west-0", null, null,
                new MetaStudio.PowerShell.Core.Auth.AkSkCredential("ak", MetaStudio.PowerShell.Core.Auth.SecretText.ToSecureString("sk")), null, null, "Parameters"));
            Assert.Contains("cn-north-4", ex.Message);
        }
    }
}
