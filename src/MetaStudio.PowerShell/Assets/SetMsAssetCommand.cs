using System.Collections.Generic;
using System.Management.Automation;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Json;

namespace MetaStudio.PowerShell.Assets
{
    /// <summary>Changes an asset's name, description, tags, state or metadata (UpdateDigitalAsset).</summary>
    [MsApi(OperationId.UpdateDigitalAsset, OperationId.ShowAsset)]
    [Cmdlet(VerbsCommon.Set, "MsAsset", SupportsShouldProcess = true)]
    [OutputType(typeof(MsAsset))]
    public sealed class SetMsAssetCommand : MsBulkCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ValidateMsId]
        public required string AssetId { get; set; }

        /// <summary>New name (asset_name), unique in the project.</summary>
        [Parameter]
        [ValidateLength(1, 256)]
        public string? Name { get; set; }

        [Parameter]
        public string? Description { get; set; }

        /// <summary>Replaces all tags; pass @() to clear them.</summary>
        [Parameter]
        [AllowEmptyCollection]
        public string[]? Tag { get; set; }

        [Parameter]
        [ValidateSet("ACTIVED", "UNACTIVED", "WAITING_DELETE")]
        public string? State { get; set; }

        [Parameter]
        public object? ExtraMeta { get; set; }

        protected override void ProcessRecord()
        {
            var body = new Dictionary<string, object>();
            if (Name != null) body["asset_name"] = Name;
            if (Description != null) body["asset_description"] = Description;
            if (Tag != null) body["tags"] = Tag;
            if (State != null) body["asset_state"] = State;
            if (ExtraMeta != null && !TryBuild(() => body["asset_extra_meta"] = MsJson.FromPowerShell(ExtraMeta, nameof(ExtraMeta)), AssetId)) return;
            if (body.Count == 0)
            {
                WriteError(ErrorRecords.InvalidInput("Nothing to change: give -Name, -Description, -Tag, -State or -ExtraMeta.", AssetId));
                return;
            }
            if (!ShouldChange(AssetApi.Assets, AssetId, "Update (" + string.Join(", ", body.Keys) + ")")) return;
            var session = CurrentSession;
            var update = new MsRequest(OperationId.UpdateDigitalAsset).WithPath("asset_id", AssetId).WithBody(body);
            QueueItem(async ctx => (await session.Client.SendAsync(update, ctx).ConfigureAwait(false))?.As<MsAsset>(), asset =>
            {
                if (asset != null) WriteObject(asset);
            }, update.Target);
        }
    }
}
