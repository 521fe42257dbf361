using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Http;

namespace MetaStudio.PowerShell.Assets
{
    /// <summary>Closed value sets the API documents, and the one read every asset cmdlet shares.</summary>
    internal static class AssetApi
    {
        // E1; VOICE_MODEL is accepted although only administrators may create it, so the service gives the reason.
        public const string TypeSet = "HUMAN_MODEL,VOICE_MODEL,SCENE,ANIMATION,VIDEO,IMAGE,PPT,MATERIAL,NORMAL_MODEL,COMMON_FILE,HUMAN_MODEL_2D,BUSINESS_CARD_TEMPLET,MUSIC,AUDIO";

        public static Task<MsAsset> ShowAsync(MsClient client, string assetId, CallContext ctx)
            => client.SendAsync<MsAsset>(new MsRequest("ShowAsset").WithPath("asset_id", assetId), ctx);
    }
}
