using System.Management.Automation;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Http;

namespace MetaStudio.PowerShell.Assets
{
    /// <summary>
    /// Copies an asset into the -Session account/region (CreateAssetByReplicationInfo), reading it with
    /// -SourceSession (ShowAssetReplicationInfo) or taking replication info from the pipeline. Piped assets are bulk
    /// creates (-ThrottleLimit): each item's read and create run together in its queued item, in input order.
    /// </summary>
    [MsApi(OperationId.ShowAssetReplicationInfo, OperationId.CreateAssetByReplicationInfo, OperationId.ShowAsset)]
    [Cmdlet(VerbsCommon.Copy, "MsAsset", SupportsShouldProcess = true, DefaultParameterSetName = "ByInfo")]
    [OutputType(typeof(MsAssetCopyResult))]
    public sealed class CopyMsAssetCommand : MsBulkCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "ById", ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ValidateMsId]
        public string? AssetId { get; set; }

        /// <summary>The session of the account/region that owns the asset.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "ById")]
        [ValidateNotNull]
        public MsSession? SourceSession { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "ByInfo", ValueFromPipeline = true)]
        [ValidateNotNull]
        public MsAssetReplicationInfo? ReplicationInfo { get; set; }

        protected override void ProcessRecord()
        {
            var target = CurrentSession;
            // Read once per record: a queued item runs after ProcessRecord returns, when the parameters hold the next row.
            var info = ReplicationInfo;
            var assetId = AssetId;
            var sourceId = info?.AssetId ?? assetId;
            var source = SourceSession;
            var sourceName = source == null ? null : (System.Func<CallContext, System.Threading.Tasks.Task<string?>>)(async ctx =>
                (await AssetApi.ShowAsync(source.Client, assetId, ctx).ConfigureAwait(false))?.AssetName);
            if (!ShouldChange("asset", sourceId, $"Copy into {target}", sourceName)) return;
            var create = new MsRequest(OperationId.CreateAssetByReplicationInfo) { Target = sourceId };
            if (info != null) create.WithBody(info);
            // The copy's name is inside the sealed asset_info, so it cannot be looked up: a lost answer is OutcomeUnknown.
            WriteCreate(new Creation<MsAssetCopyResult>("copy of asset " + sourceId, null, create,
                (_, answer) => new MsAssetCopyResult { SourceAssetId = sourceId, Region = target.Region, RequestId = answer.RequestId })
            {
                // Without -ReplicationInfo the set is ById, where -SourceSession is mandatory.
                Prepare = info != null ? null : async ctx => create.WithBody((await source!.Client.SendAsync(
                    new MsRequest(OperationId.ShowAssetReplicationInfo) { Target = assetId }.WithPath("asset_id", assetId), ctx).ConfigureAwait(false))
                    .AsRequired<MsAssetReplicationInfo>()),
                LookFor = t => $"Look for the copy in {target.Region} with: Get-MsAsset -StartTime '{t.ToLocalTime():yyyy-MM-dd HH:mm:ss}' (it has the source asset's name)",
            });
        }
    }
}
