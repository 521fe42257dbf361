// Nullable: annotated, flow warnings still off in this file (issue 12 item 5 follow-up: finish its null checks).
#nullable disable warnings
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Cmdlets;

namespace MetaStudio.PowerShell.Assets
{
    /// <summary>The one read several asset and file cmdlets share.</summary>
    internal static class AssetApi
    {
        public static MsRequest Show(string? assetId) => new MsRequest(OperationId.ShowAsset).WithPath("asset_id", assetId);

        public static readonly Resource<MsAsset> Assets = new Resource<MsAsset>("asset", Show, a => a.AssetName);

        public static Task<MsAsset> ShowAsync(MsClient client, string? assetId, CallContext ctx)
            => client.SendAsync<MsAsset>(Show(assetId), ctx);
    }
}
