using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Http;

namespace MetaStudio.PowerShell.Assets
{
    /// <summary>The one read several asset and file cmdlets share.</summary>
    internal static class AssetApi
    {
        public static MsRequest Show(string assetId) => new MsRequest(OperationId.ShowAsset).WithPath("asset_id", assetId);

        public static Task<MsAsset> ShowAsync(MsClient client, string assetId, CallContext ctx)
            => client.SendAsync<MsAsset>(Show(assetId), ctx);
    }
}
