using System.Management.Automation;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Http;

namespace MetaStudio.PowerShell.Assets
{
    /// <summary>Gets the sealed copy of an asset that Copy-MsAsset imports elsewhere (ShowAssetReplicationInfo).</summary>
    [MsApi(OperationId.ShowAssetReplicationInfo)]
    [Cmdlet(VerbsCommon.Get, "MsAssetReplicationInfo")]
    [OutputType(typeof(MsAssetReplicationInfo))]
    public sealed class GetMsAssetReplicationInfoCommand : MsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ValidateMsId]
        public required string[] AssetId { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var id in AssetId)
            {
                var info = TrySend<MsAssetReplicationInfo>(new MsRequest(OperationId.ShowAssetReplicationInfo).WithPath("asset_id", id));
                if (info != null) WriteObject(info);
            }
        }
    }
}
