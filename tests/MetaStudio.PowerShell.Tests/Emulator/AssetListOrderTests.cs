using MetaStudio.PowerShell.Core.Catalog;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using MetaStudio.Emulator;
using MetaStudio.Emulator.State;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Tests.Core;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Emulator
{
    /// <summary>
    /// ListAssets reuses one sorted order of all assets across pages (so 100k assets list without a sort per page):
    /// the order must follow every change of the table, and the filters must see records as they are now.
    /// </summary>
    public class AssetListOrderTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorHost _emu;

        public AssetListOrderTests(EmulatorFixture f)
        {
            _emu = f.Emulator;
            _emu.Reset();
        }

        private async Task<(int Count, List<string?> Names)> List(string? sortDir = null, int offset = 0, int limit = 100, string? name = null)
        {
            using var session = Direct.Session(_emu, c => c.RateLimitScale = 0);
            var (response, error, _) = await Direct.SendAsync(session, new MsRequest(OperationId.ListAssets)
                .WithQuery("offset", offset).WithQuery("limit", limit).WithQuery("sort_dir", sortDir).WithQuery("name", name));
            Assert.Null(error);
            Assert.NotNull(response);
            using var doc = JsonDocument.Parse(response.Body);
            return (doc.RootElement.GetProperty("count").GetInt32(),
                doc.RootElement.GetProperty("assets").EnumerateArray().Select(a => a.GetProperty("asset_name").GetString()).ToList());
        }

        private System.DateTimeOffset _created = System.DateTimeOffset.UtcNow.AddDays(-1);

        /// <summary>Assets created one second apart, in the order given.</summary>
        private void Add(params string[] names)
        {
            foreach (var name in names)
            {
                _created = _created.AddSeconds(1);
                var a = new AssetRecord { ProjectId = Direct.ProjectId, AssetName = name, AssetType = "IMAGE", AssetState = "ACTIVED", CreateTime = _created };
                _emu.State.Assets[a.AssetId] = a;
            }
        }

        private static void Same((int Count, List<string?> Names) actual, int count, params string[] names)
        {
            Assert.Equal(count, actual.Count);
            Assert.Equal(names, actual.Names);
        }

        [Fact]
        public async Task Pages_follow_creates_deletes_renames_and_a_cleared_table()
        {
            Add("a", "b", "c");
            Same(await List(), 3, "a", "b", "c");
            Assert.Equal(new[] { "c", "b", "a" }, (await List("desc")).Names);
            Assert.Equal(new[] { "b" }, (await List(offset: 1, limit: 1)).Names);

            Add("d");
            Same(await List(), 4, "a", "b", "c", "d");

            var b = _emu.State.Assets.Values.Single(x => x.AssetName == "b");
            b.AssetState = "DELETED";
            _emu.State.Assets.Values.Single(x => x.AssetName == "c").AssetName = "renamed";
            Same(await List(), 3, "a", "renamed", "d");
            Same(await List(name: "ren"), 1, "renamed");

            // As many records as before, but other ones: the reused order must not outlive the table it was made from.
            _emu.State.Clear();
            Add("x", "y", "z", "w");
            Same(await List(), 4, "x", "y", "z", "w");
        }
    }
}
