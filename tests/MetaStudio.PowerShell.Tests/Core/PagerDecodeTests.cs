using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text;
using MetaStudio.PowerShell.Assets;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Model;
using MetaStudio.PowerShell.Core.Paging;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Core
{
    /// <summary>
    /// A page is decoded from the answer's bytes straight into the output objects; what the types do not model (a
    /// newer service's fields, on the items and inside nested objects) must come through in AdditionalProperties.
    /// </summary>
    public class PagerDecodeTests
    {
        [WireModel("ListAssetsResponse")]
        private sealed class Page : MsObject, IListPage<MsAsset>
        {
            public int? Count { get; set; }
            public List<MsAsset> Assets { get; set; } = new();
            IList<MsAsset> IListPage<MsAsset>.Items => Assets;
        }

        private const string Answer = @"{
  ""count"": 2, ""page_note"": ""ignored at page level"",
  ""assets"": [
    { ""asset_id"": ""a1"", ""asset_name"": ""one"", ""create_time"": ""2026-11-30T10:20:30Z"",
      ""future_field"": ""kept"", ""future_object"": { ""x"": 1, ""y"": [true, null, ""z""] },
      ""files"": [ { ""file_id"": ""f1"", ""file_name"": ""a.png"", ""future_file_field"": 42 } ],
      ""asset_extra_meta"": { ""image_meta"": { ""resolution"": ""1080p"" } } },
    { ""asset_id"": ""a2"", ""asset_name"": ""two"" }
  ]
}";

        [Fact]
        public void Unmodelled_fields_of_every_item_are_kept()
        {
            var pager = Pager<MsAsset>.Of<Page>(() => new MsRequest(OperationId.ListAssets));
            var page = pager.Read(new MsResponse(200, "r1", Encoding.UTF8.GetBytes(Answer), null));

            Assert.Equal(2, page.Total);
            Assert.Equal(new[] { "a1", "a2" }, page.Items.Select(a => a.AssetId));
            var first = page.Items[0];
            Assert.Equal("kept", first.AdditionalProperties.Properties["future_field"].Value);
            var nested = (PSObject)first.AdditionalProperties.Properties["future_object"].Value;
            Assert.Equal(1L, nested.Properties["x"].Value);
            Assert.Equal(new object?[] { true, null, "z" }, (object?[])nested.Properties["y"].Value);
            Assert.NotNull(first.Files);
            Assert.Equal(42L, first.Files.Single().AdditionalProperties.Properties["future_file_field"].Value);
            var imageMeta = Assert.IsType<PSObject>(Assert.IsType<PSObject>(first.AssetExtraMeta).Properties["image_meta"].Value);
            Assert.Equal("1080p", imageMeta.Properties["resolution"].Value);
            Assert.Empty(page.Items[1].AdditionalProperties.Properties);
        }

        [Fact]
        public void Items_are_completed_as_they_are_read()
        {
            var seen = new List<string?>();
            var pager = Pager<MsAsset>.Of<Page>(() => new MsRequest(OperationId.ListAssets), a => seen.Add(a.AssetId));
            pager.Read(new MsResponse(200, "r1", Encoding.UTF8.GetBytes(Answer), null));
            Assert.Equal(new[] { "a1", "a2" }, seen);
        }
    }
}
