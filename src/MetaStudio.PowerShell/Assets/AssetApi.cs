
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Model;
using MetaStudio.PowerShell.Core.Paging;

namespace MetaStudio.PowerShell.Assets
{
    /// <summary>The reads several asset and file cmdlets share.</summary>
    internal static class AssetApi
    {
        public static MsRequest Show(string? assetId) => new MsRequest(OperationId.ShowAsset).WithPath("asset_id", assetId);

        public static readonly Resource<MsAsset> Assets = new Resource<MsAsset>("asset", Show, a => a.AssetName);

        public static async Task<MsAsset> ShowAsync(MsClient client, string? assetId, CallContext ctx)
            => (await client.SendAsync(Show(assetId), ctx).ConfigureAwait(false)).AsRequired<MsAsset>();

        /// <summary>
        /// The live asset with exactly this name, or null: the natural key of an asset, since the service keeps names
        /// unique per project (MSS.10001005, compared without case). ListAssets' name filter matches parts of names, so
        /// the exact one is picked here.
        /// </summary>
        public static async Task<MsAsset?> FindByNameAsync(MsClient client, string name, CallContext ctx)
        {
            var all = await Pager<MsAsset>.Of<AssetPage>(() => new MsRequest(OperationId.ListAssets).WithQuery("name", name)).GetAllAsync(client, ctx).ConfigureAwait(false);
            return all.FirstOrDefault(a => string.Equals(a.AssetName, name, StringComparison.OrdinalIgnoreCase) && a.AssetState != "DELETED");
        }

        [WireModel("ListAssetsResponse")]
        internal sealed class AssetPage : MsObject, IListPage<MsAsset>
        {
            public int? Count { get; set; }
            public List<MsAsset>? Assets { get; set; }
            IList<MsAsset>? IListPage<MsAsset>.Items => Assets;
        }
    }
}
