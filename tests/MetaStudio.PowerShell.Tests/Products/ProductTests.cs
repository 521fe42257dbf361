using System;
using System.Linq;
using System.Management.Automation;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Assets;
using MetaStudio.PowerShell.Products;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Products
{
    public class ProductTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorHost _emu;
        public ProductTests(EmulatorFixture f) => _emu = f.Emulator;

        private static string Code(ErrorRecord e) => e.FullyQualifiedErrorId.Split(',')[0];
        private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N").Substring(0, 8);

        /// <summary>Creates an IMAGE and a VIDEO asset in $img and $vid.</summary>
        private static void MakeAssets(PsSession ps)
            => ps.Run($"$img = New-MsAsset -Name {Unique("img")} -Type IMAGE; $vid = New-MsAsset -Name {Unique("vid")} -Type VIDEO").AssertNoErrors();

        private MsProduct NewFullProduct(PsSession ps, string name)
        {
            MakeAssets(ps);
            return ps.Run($"New-MsProduct -Name {name} -Description 'a mug' -Tag kitchen,gift -Text 'plain words', @{{ Title = 'Price'; Text = 'only 9.90' }} -Asset $vid, $img -AutoActive")
                .AssertNoErrors().Single<MsProduct>();
        }

        [Fact]
        public void New_creates_the_product_with_tags_texts_and_assets_and_outputs_it_as_shown()
        {
            using var ps = new PsSession(_emu);
            var name = Unique("mug");
            var before = _emu.Log.Count("ShowProduct");
            var p = NewFullProduct(ps, name);
            var img = ps.Run("$img").Single<MsAsset>();
            var vid = ps.Run("$vid").Single<MsAsset>();

            Assert.Equal((name, "a mug", "ACTIVED"), (p.Name, p.Description, p.State));
            Assert.Equal(new[] { "kitchen", "gift" }, p.Tags);
            Assert.NotNull(p.TextList);
            Assert.Equal(new (string?, string?)[] { (null, "plain words"), ("Price", "only 9.90") }, p.TextList.Select(t => (t.Title, t.Text)));
            Assert.NotNull(p.AssetList);
            Assert.Equal(new (string?, string?)[] { (vid.AssetId, "VIDEO"), (img.AssetId, "IMAGE") }, p.AssetList.Select(a => (a.AssetId, a.AssetType)));
            Assert.Equal(img.AssetName, p.AssetList[1].AssetName);
            Assert.NotNull(p.Cover);
            Assert.Equal(img.AssetId, p.Cover.AssetId);   // no -CoverAssetId: the first image
            Assert.NotNull(p.CreateTime);
            Assert.Equal(before + 1, _emu.Log.Count("ShowProduct"));
            Assert.NotNull(p.ProductId);
            Assert.True(_emu.State.Products.ContainsKey(p.ProductId));

            var plain = ps.Run($"New-MsProduct -Name {Unique("plain")}").AssertNoErrors().Single<MsProduct>();
            Assert.Equal("UNACTIVED", plain.State);
            Assert.NotNull(plain.AssetList);
            Assert.Empty(plain.AssetList);
            Assert.Null(plain.Cover);
        }

        [Fact]
        public void Assets_of_a_product_go_in_again_as_they_are_and_order_and_cover_are_sent()
        {
            using var ps = new PsSession(_emu);
            var p = NewFullProduct(ps, Unique("source"));
            var copy = ps.Run($"$p = Get-MsProduct -ProductId {p.ProductId}; New-MsProduct -Name {Unique("copy")} -Asset $p.AssetList -Text $p.TextList -CoverAssetId $vid.AssetId")
                .AssertNoErrors().Single<MsProduct>();
            Assert.NotNull(copy.AssetList);
            Assert.NotNull(p.AssetList);
            Assert.Equal(p.AssetList.Select(a => a.AssetId), copy.AssetList.Select(a => a.AssetId));
            Assert.NotNull(copy.TextList);
            Assert.NotNull(p.TextList);
            Assert.Equal(p.TextList.Select(t => t.Text), copy.TextList.Select(t => t.Text));
            Assert.NotNull(copy.Cover);
            Assert.Equal(p.AssetList[0].AssetId, copy.Cover.AssetId);

            var ordered = ps.Run($"New-MsProduct -Name {Unique("ordered")} -Asset @{{ asset_id = $vid.AssetId; asset_type = 'video'; order = 2 }}, @{{ AssetId = $img.AssetId; AssetType = 'IMAGE'; Order = 1 }}")
                .AssertNoErrors().Single<MsProduct>();
            Assert.NotNull(ordered.AssetList);
            Assert.Equal(new (string?, int)[] { ("IMAGE", 1), ("VIDEO", 2) }, ordered.AssetList.Select(a => (a.AssetType, a.Order ?? -1)));
        }

        [Fact]
        public void Get_lists_with_filters_paging_and_sorting_and_shows_by_id()
        {
            using var ps = new PsSession(_emu);
            var prefix = Unique("list");
            ps.Run($"New-MsProduct -Name {prefix}-a -Tag red -AutoActive | Out-Null; New-MsProduct -Name {prefix}-b -Tag blue | Out-Null; New-MsProduct -Name {prefix}-c -Tag reddish | Out-Null")
                .AssertNoErrors();

            string?[] Names(string script) => ps.Run(script).AssertNoErrors().All<MsProduct>().Select(p => p.Name?.Substring(prefix.Length + 1)).ToArray();
            Assert.Equal(new[] { "a", "b", "c" }, Names($"Get-MsProduct -Name {prefix}"));
            Assert.Equal(new[] { "c", "b", "a" }, Names($"Get-MsProduct -Name {prefix} -SortKey create_time -SortDirection desc"));
            Assert.Equal(new[] { "a", "c" }, Names($"Get-MsProduct -Name {prefix} -Tag RED"));
            Assert.Equal(new[] { "b", "c" }, Names($"Get-MsProduct -Name {prefix} -State UNACTIVED"));
            Assert.Equal(new[] { "a", "b", "c" }, Names($"Get-MsProduct -Name {prefix} -State ACTIVED, UNACTIVED"));
            Assert.Equal(new[] { "b" }, Names($"Get-MsProduct -Name {prefix} -First 1 -Skip 1"));
            Assert.Empty(Names($"Get-MsProduct -Name {prefix} -StartTime ([datetime]::UtcNow.AddHours(1))"));
            Assert.Equal(3, Names($"Get-MsProduct -Name {prefix} -StartTime ([datetime]::UtcNow.AddHours(-1)) -EndTime ([datetime]::UtcNow.AddHours(1))").Length);
            var query = _emu.Log.All.Last(e => e.Operation == "ListProducts").Query;
            Assert.Contains("create_since=", query);
            Assert.Contains("create_until=", query);

            var shown = ps.Run($"Get-MsProduct -Name {prefix}-b | Get-MsProduct").AssertNoErrors().Single<MsProduct>();
            Assert.Equal(new[] { "blue" }, shown.Tags);
            Assert.NotNull(shown.ProductId);
            Assert.Contains(_emu.Log.All, e => e.Operation == "ShowProduct" && e.Path.EndsWith(shown.ProductId, StringComparison.Ordinal));
        }

        [Fact]
        public void Table_view_shows_name_id_state_counts_and_tags()
        {
            using var ps = new PsSession(_emu);
            var p = NewFullProduct(ps, Unique("table"));
            var text = ps.Run($"Get-MsProduct -ProductId {p.ProductId} | Out-Host").AssertNoErrors().HostText;
            var header = text.Split('\n').First(l => l.Contains("ProductId"));
            Assert.Contains("Name", header);
            Assert.Contains("State", header);
            Assert.Contains("Assets", header);
            Assert.NotNull(p.ProductId);
            var row = text.Split('\n').First(l => l.Contains(p.ProductId));
            Assert.Contains("ACTIVED", row);
            Assert.Contains("kitchen, gift", row);
            Assert.Matches(@"\s2\s+2\s", row);
        }

        [Fact]
        public void Set_changes_only_the_given_fields_and_outputs_the_product_read_back()
        {
            using var ps = new PsSession(_emu);
            var name = Unique("keep");
            var p = NewFullProduct(ps, name);
            var updated = ps.Run($"Set-MsProduct -ProductId {p.ProductId} -Description 'a bigger mug'").AssertNoErrors().Single<MsProduct>();
            Assert.Equal("a bigger mug", updated.Description);
            Assert.Equal((name, "ACTIVED"), (updated.Name, updated.State));
            Assert.Equal(p.Tags, updated.Tags);
            Assert.NotNull(updated.TextList);
            Assert.NotNull(p.TextList);
            Assert.Equal(p.TextList.Select(t => (t.Title, t.Text)), updated.TextList.Select(t => (t.Title, t.Text)));
            Assert.NotNull(updated.AssetList);
            Assert.NotNull(p.AssetList);
            Assert.Equal(p.AssetList.Select(a => a.AssetId), updated.AssetList.Select(a => a.AssetId));
            Assert.NotNull(p.ProductId);
            Assert.Equal(1, _emu.Log.All.Count(e => e.Operation == "UpdateProduct" && e.Path.EndsWith(p.ProductId, StringComparison.Ordinal)));

            var renamed = ps.Run($"Get-MsProduct -Name {name} | Set-MsProduct -Name {name}-2 -State UNACTIVED -Tag @() -Text 'only this'").AssertNoErrors().Single<MsProduct>();
            Assert.Equal((name + "-2", "UNACTIVED", "a bigger mug"), (renamed.Name, renamed.State, renamed.Description));
            Assert.NotNull(renamed.Tags);
            Assert.Empty(renamed.Tags);
            Assert.NotNull(renamed.TextList);
            Assert.Equal("only this", Assert.Single(renamed.TextList).Text);
            Assert.NotNull(renamed.AssetList);
            Assert.Equal(2, renamed.AssetList.Length);
        }

        [Fact]
        public void Remove_deletes_piped_products_and_unknown_ids_are_non_terminating_errors()
        {
            using var ps = new PsSession(_emu);
            var prefix = Unique("gone");
            ps.Run($"New-MsProduct -Name {prefix}-1 | Out-Null; New-MsProduct -Name {prefix}-2 | Out-Null").AssertNoErrors();
            ps.Run($"Get-MsProduct -Name {prefix} | Remove-MsProduct -Force").AssertNoErrors();
            Assert.Empty(ps.Run($"Get-MsProduct -Name {prefix}").AssertNoErrors().Output);
            Assert.Equal(2, _emu.Log.All.Count(e => e.Operation == "DeleteProduct" && e.Status < 300));

            var r = ps.Run("Remove-MsProduct -ProductId 0123456789abcdef0123456789abcdef -Confirm:$false; Get-MsProduct -ProductId 0123456789abcdef0123456789abcdef; 'after'");
            Assert.Equal(2, r.AllErrors.Count());
            Assert.All(r.AllErrors, e => Assert.Equal("MSS.00000003", Code(e)));
            Assert.Equal("0123456789abcdef0123456789abcdef", r.Errors[0].TargetObject);
            Assert.Equal("after", r.Output.Single().BaseObject);
        }

        [Fact]
        public void Assets_and_texts_are_piped_into_Add_and_Remove_MsProductAsset()
        {
            using var ps = new PsSession(_emu);
            var tag = Unique("pic");
            ps.Run($"1..2 | ForEach-Object {{ New-MsAsset -Name \"{tag}-$_\" -Type IMAGE -Tag {tag} }} | Out-Null").AssertNoErrors();
            var p = ps.Run($"$p = New-MsProduct -Name {Unique("linked")}; $p").AssertNoErrors().Single<MsProduct>();

            var linked = ps.Run($"Get-MsAsset -Type IMAGE -Tag {tag} | Add-MsProductAsset -ProductId $p.ProductId -PassThru").AssertNoErrors().Single<MsProduct>();
            Assert.NotNull(linked.AssetList);
            Assert.Equal(2, linked.AssetList.Length);
            Assert.All(linked.AssetList, a => Assert.Equal("IMAGE", a.AssetType));
            Assert.NotNull(p.ProductId);
            Assert.Equal(2, _emu.Log.All.Count(e => e.Operation == "SetProductAsset" && e.Path.Contains(p.ProductId, StringComparison.Ordinal)));

            var withText = ps.Run("Add-MsProductAsset -ProductId $p.ProductId -Title 'Size' -Text '330 ml' -PassThru").AssertNoErrors().Single<MsProduct>();
            Assert.NotNull(withText.TextList);
            Assert.Equal(("Size", "330 ml"), (withText.TextList.Single().Title, withText.TextList.Single().Text));

            var first = linked.AssetList[0].AssetId;
            var fewer = ps.Run($"(Get-MsProduct -ProductId $p.ProductId).AssetList | Where-Object AssetId -eq '{first}' | Remove-MsProductAsset -ProductId $p.ProductId -Force -PassThru")
                .AssertNoErrors().Single<MsProduct>();
            Assert.NotNull(fewer.AssetList);
            Assert.Equal(new[] { linked.AssetList[1].AssetId }, fewer.AssetList.Select(a => a.AssetId));
            Assert.NotNull(_emu.State.FindAsset(_emu.State.Products[p.ProductId].ProjectId, first));   // the asset itself stays

            var noText = ps.Run("(Get-MsProduct -ProductId $p.ProductId).TextList | Remove-MsProductAsset -ProductId $p.ProductId -Confirm:$false -PassThru")
                .AssertNoErrors().Single<MsProduct>();
            Assert.NotNull(noText.TextList);
            Assert.Empty(noText.TextList);
        }

        [Fact]
        public void Linking_an_asset_that_does_not_exist_is_the_service_asset_not_found_error()
        {
            using var ps = new PsSession(_emu);
            var r = ps.Run($"$p = New-MsProduct -Name {Unique("missing")}; Add-MsProductAsset -ProductId $p.ProductId -AssetId 0123456789abcdef0123456789abcdef -AssetType IMAGE; 'after'");
            Assert.Equal("MSS.10001001", Code(Assert.Single(r.AllErrors)));
            Assert.Equal("after", r.Output.Last().BaseObject);
            Assert.Empty(ps.Run("(Get-MsProduct -ProductId $p.ProductId).AssetList").Output);

            var unknown = ps.Run("Add-MsProductAsset -ProductId 0123456789abcdef0123456789abcdef -Text 'hello'");
            Assert.Equal("MSS.00000003", Code(Assert.Single(unknown.AllErrors)));

            // An asset of another type than declared is refused by the service.
            var wrong = ps.Run($"$v = New-MsAsset -Name {Unique("v")} -Type VIDEO; Add-MsProductAsset -ProductId $p.ProductId -AssetId $v.AssetId -AssetType IMAGE");
            Assert.Equal("MSS.10000003", Code(Assert.Single(wrong.AllErrors)));
        }

        [Theory]
        [InlineData("New-MsProduct -Name x -Tag 'abcdefghijklmnopq'", "17 bytes")]
        [InlineData("New-MsProduct -Name x -Tag '一二三四五六'", "18 bytes")]
        [InlineData("New-MsProduct -Name x -Tag (1..51)", "at most 50")]
        [InlineData("New-MsProduct -Name x -Asset @{ asset_id = 'a1'; asset_type = 'HUMAN_MODEL' }", "HUMAN_MODEL")]
        [InlineData("New-MsProduct -Name x -Asset @{ asset_type = 'IMAGE' }", "no valid AssetId")]
        [InlineData("New-MsProduct -Name x -Asset @{ asset_id = 'a1'; asset_type = 'IMAGE'; order = -1 }", "order")]
        [InlineData("New-MsProduct -Name x -Text @{ Title = 'Price' }", "has no text")]
        [InlineData("Set-MsProduct -ProductId abc", "Nothing to change")]
        [InlineData("Set-MsProduct -ProductId abc -Tag ('x' * 17)", "17 bytes")]
        [InlineData("Get-MsProduct -StartTime ([datetime]::UtcNow) -EndTime ([datetime]::UtcNow.AddDays(-1))", "after -EndTime")]
        public void Bad_input_is_rejected_before_any_request(string script, string expected)
        {
            using var ps = new PsSession(_emu);
            var before = _emu.Log.All.Count;
            var r = ps.Run(script);
            var error = Assert.Single(r.AllErrors);
            Assert.Equal("MetaStudio.InvalidInput", Code(error));
            Assert.Contains(expected, error.Exception.Message);
            Assert.Equal(before, _emu.Log.All.Count);
        }

        [Theory]
        [InlineData("Get-MsProduct -State GONE")]
        [InlineData("Get-MsProduct -ProductId '../x'")]
        [InlineData("Get-MsProduct -SortKey name")]
        [InlineData("Set-MsProduct -ProductId abc -State BLOCK")]
        [InlineData("Add-MsProductAsset -ProductId abc -AssetId a1 -AssetType PPT")]
        [InlineData("New-MsProduct -Name ''")]
        public void Out_of_range_parameters_fail_binding_and_send_nothing(string script)
        {
            using var ps = new PsSession(_emu);
            var before = _emu.Log.All.Count;
            var r = ps.Run(script);
            Assert.Contains(r.AllErrors, e => e.FullyQualifiedErrorId.StartsWith("ParameterArgumentValidationError", StringComparison.Ordinal));
            Assert.Equal(before, _emu.Log.All.Count);
        }

        [Fact]
        public void WhatIf_changes_nothing_and_names_the_product()
        {
            using var ps = new PsSession(_emu);
            var p = ps.Run($"$p = New-MsProduct -Name {Unique("whatif")}; $p").AssertNoErrors().Single<MsProduct>();
            var before = _emu.Log.All.Count;
            var r = ps.Run("New-MsProduct -Name w -WhatIf; Set-MsProduct -ProductId $p.ProductId -Description d -WhatIf; $p | Remove-MsProduct -Force -WhatIf; " +
                           "Add-MsProductAsset -ProductId $p.ProductId -AssetId a1 -AssetType IMAGE -WhatIf; Remove-MsProductAsset -ProductId $p.ProductId -Text t -Force -WhatIf")
                .AssertNoErrors();
            Assert.Empty(r.Output);
            Assert.Equal(5, System.Text.RegularExpressions.Regex.Matches(r.HostText, "What if:").Count);
            // Only reads (the name for the messages), and the four messages about the product name it.
            Assert.All(_emu.Log.All.Skip(before), e => Assert.Equal("ShowProduct", e.Operation));
            Assert.Equal(4, r.HostText.Split($"product '{p.Name}' ({p.ProductId})").Length - 1);
            Assert.NotNull(p.ProductId);
            Assert.True(_emu.State.Products.ContainsKey(p.ProductId));
        }

        [Fact]
        public void A_failed_read_back_still_outputs_the_created_product_id()
        {
            using var ps = new PsSession(_emu, connectArguments: "-MaxRetries 0");
            var name = Unique("readback");
            var r = ps.RunFailingOnce("ShowProduct", $"New-MsProduct -Name {name}");
            var p = r.Output.Select(o => o.BaseObject).OfType<MsProduct>().Single();
            Assert.NotNull(p.ProductId);
            Assert.True(_emu.State.Products.ContainsKey(p.ProductId));
            Assert.Equal(name, p.Name);
            Assert.Contains(r.Warnings, w => w.Contains(p.ProductId, StringComparison.Ordinal));
            Assert.Single(r.Errors);
        }
    }
}
