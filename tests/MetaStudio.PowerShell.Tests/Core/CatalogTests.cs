using System.Globalization;
using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Spec;
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
            .Select(f => new Row(f[0].Trim(), f[1].Trim(), int.Parse(f[2], CultureInfo.InvariantCulture), int.Parse(f[3], CultureInfo.InvariantCulture), int.Parse(f[4], CultureInfo.InvariantCulture)))
            .ToArray();

        private static string Limits(Operation op) => $"{op.RateLimit("cn-north-4")}/{op.RateLimit("cn-east-3")}/{op.RateLimit("ap-southeast-3")}";

        [Fact]
        public void The_catalog_has_the_68_published_operations_with_their_limits()
        {
            var table = PublishedTable();
            Assert.Equal(68, table.Length);
            var published = OperationCatalog.All.Where(o => !o.IsExtra).ToList();
            Assert.Equal(68, published.Count);
            var unmatched = table.Select(r => r.Category + " / " + r.Title)
                .Except(published.Select(o => o.Category + " / " + o.Title)).ToList();
            Assert.True(unmatched.Count == 0, "Published rows with no operation: " + string.Join("; ", unmatched));
            foreach (var op in published)
            {
                var row = Assert.Single(table, r => r.Category == op.Category && r.Title == op.Title);
                Assert.True($"{row.CnNorth4}/{row.CnEast3}/{row.ApSoutheast3}" == Limits(op), $"{op.Name}: catalog {Limits(op)}, published {row.CnNorth4}/{row.CnEast3}/{row.ApSoutheast3}");
            }
        }

        [Fact]
        public void Extra_operations_are_the_specs_extras_and_take_their_siblings_limits()
        {
            var extras = OperationCatalog.All.Where(o => o.IsExtra).ToList();
            Assert.Equal(ApiSpec.Bundled.Operations.Values.Where(o => o.Extra).Select(o => o.Name).OrderBy(n => n),
                extras.Select(o => o.Name).OrderBy(n => n));
            foreach (var op in extras)
            {
                Assert.NotNull(op.LimitSource);
                var sibling = OperationCatalog.Find(op.LimitSource);
                Assert.True(sibling != null && !sibling.IsExtra, $"{op.Name} takes its limits from '{op.LimitSource}', which is not a published operation");
                Assert.Equal(Limits(sibling), Limits(op));
                Assert.Equal(sibling.Category, op.Category);
                Assert.DoesNotContain(PublishedTable(), r => r.Title == op.Title);
            }
            Assert.Equal("ListInteractionRuleGroups", OperationCatalog.Get(OperationId.ShowInteractionRuleGroup).LimitSource);
        }

        [Fact]
        public void Method_and_path_of_every_operation_are_the_specs()
        {
            var spec = ApiSpec.Bundled;
            Assert.Equal(spec.Operations.Keys.OrderBy(n => n), OperationCatalog.All.Select(o => o.Name).OrderBy(n => n));
            Assert.Equal(Enum.GetNames(typeof(OperationId)).OrderBy(n => n), OperationCatalog.All.Select(o => o.Name).OrderBy(n => n));
            foreach (var op in OperationCatalog.All)
            {
                var route = spec.AllOperations[op.Name];
                Assert.True(route.Method == op.Method && route.Path == op.PathTemplate, $"{op.Name}: catalog {op.Method} {op.PathTemplate}, official client {route.Method} {route.Path}");
                Assert.Same(spec.Operations[op.Name], op.Spec);
                Assert.NotNull(op.Id);
                Assert.Same(op, OperationCatalog.Get(op.Id.Value));
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
                if (op.Method != "POST") Assert.True(op.Idempotent, op.Name + " is not a POST, so repeating it is safe");
            }
        }

        [Fact]
        public void Unknown_region_or_operation_is_rejected()
        {
            var op = OperationCatalog.Get(OperationId.ListAssets);
            Assert.Throws<ArgumentException>(() => op.RateLimit("eu-west-0"));
            Assert.Throws<ArgumentException>(() => op.RateLimit(null!));   // what a caller without nullable checks could send
            Assert.False(Regions.IsKnown("eu-west-0"));
            Assert.True(Regions.IsKnown("cn-north-4"));
            Assert.Null(OperationCatalog.Find("NoSuchOperation"));
            var ex = Assert.Throws<ArgumentException>(() => SessionFactory.Create("eu-west-0", null, null,
                new MetaStudio.PowerShell.Core.Auth.AkSkCredential("ak", MetaStudio.PowerShell.Core.Auth.SecretText.ToSecureString("sk")), null, null, "Parameters"));
            Assert.Contains("cn-north-4", ex.Message);
        }

        [Fact]
        public void Routes_outside_the_catalog_get_the_lowest_limit_of_their_group_or_one_per_second()
        {
            // A catalog route is the catalog's operation, whichever way it is named.
            Assert.Same(OperationCatalog.Get(OperationId.ShowAsset), OperationCatalog.ForRoute(null, "get", "/v1/{project_id}/digital-assets/{id}"));
            Assert.Same(OperationCatalog.Get(OperationId.ListAssets), OperationCatalog.ForRoute("ListAssets", "GET", "/v1/{project_id}/digital-assets"));

            // Under smart-live-rooms/{room_id}/smart-live-jobs: the livestreaming group, whose lowest limit is 4/3/3.
            var live = OperationCatalog.ForRoute(null, "POST", "/v1/{project_id}/smart-live-rooms/{room_id}/smart-live-jobs/{job_id}/something-new");
            Assert.Null(live.Id);
            Assert.Equal("4/3/3", Limits(live));
            Assert.Equal("Livestreaming Task Management", live.Category);
            Assert.False(live.Idempotent);
            Assert.Contains("lowest published limit", live.LimitSource);

            // An asset route the table does not list: Batch Asset Operations makes the group's lowest 1/1/1.
            Assert.Equal("1/1/1", Limits(OperationCatalog.ForRoute(null, "GET", "/v1/{project_id}/digital-assets/{asset_id}/new-thing")));

            // A route of the official client in no group of the table.
            var route = ApiSpec.Bundled.AllOperations.Values.First(r => r.Path?.Contains("/digital-human-chat/") == true);
            Assert.NotNull(route.Path);
            var chat = OperationCatalog.ForRoute(route.Name, route.Method, route.Path);
            Assert.Equal("1/1/1", Limits(chat));
            Assert.Null(chat.Category);
            Assert.Equal(route.Name, chat.Name);
        }
    }
}
