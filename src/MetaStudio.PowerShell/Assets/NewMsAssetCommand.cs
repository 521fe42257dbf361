using System.Collections.Generic;
using System.Management.Automation;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Json;

namespace MetaStudio.PowerShell.Assets
{
    /// <summary>Creates a digital asset (CreateDigitalAsset) and returns it as the service shows it.</summary>
    [MsApi(OperationId.CreateDigitalAsset, OperationId.ShowAsset, OperationId.ListAssets)]
    [Cmdlet(VerbsCommon.New, "MsAsset", SupportsShouldProcess = true)]
    [OutputType(typeof(MsAsset))]
    public sealed class NewMsAssetCommand : MsBulkCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateLength(1, 256)]
        public required string Name { get; set; }

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateSet("HUMAN_MODEL", "VOICE_MODEL", "SCENE", "ANIMATION", "VIDEO", "IMAGE", "PPT", "MATERIAL", "NORMAL_MODEL",
            "COMMON_FILE", "HUMAN_MODEL_2D", "BUSINESS_CARD_TEMPLET", "MUSIC", "AUDIO")]
        public required string Type { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Description { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string[]? Tag { get; set; }

        /// <summary>asset_extra_meta: a hashtable or object, sent as JSON.</summary>
        [Parameter]
        public object? ExtraMeta { get; set; }

        /// <summary>shared_config: shared_type, shared_state, expire_time, allowed_project_ids.</summary>
        [Parameter]
        public object? SharedConfig { get; set; }

        /// <summary>review_config: no_need_review (whitelisted tenants only).</summary>
        [Parameter]
        public object? ReviewConfig { get; set; }

        protected override void ProcessRecord()
        {
            if (!ShouldProcess(Name, $"Create {Type} asset")) return;
            var body = new Dictionary<string, object> { ["asset_name"] = Name, ["asset_type"] = Type };
            if (Description != null) body["asset_description"] = Description;
            if (Tag != null) body["tags"] = Tag;
            if (!TryBuild(() =>
                {
                    if (ExtraMeta != null) body["asset_extra_meta"] = MsJson.FromPowerShell(ExtraMeta, nameof(ExtraMeta));
                    if (SharedConfig != null) body["shared_config"] = MsJson.FromPowerShell(SharedConfig, nameof(SharedConfig));
                    if (ReviewConfig != null) body["review_config"] = MsJson.FromPowerShell(ReviewConfig, nameof(ReviewConfig));
                }, Name)) return;
            var session = CurrentSession;
            var (name, type) = (Name, Type);   // the next row rebinds the parameters while this one is in flight
            WriteCreate(new Creation<MsAsset>("asset", name, new MsRequest(OperationId.CreateDigitalAsset) { Target = name }.WithBody(body),
                (id, _) => new MsAsset { AssetId = id, AssetName = name, AssetType = type, AssetState = "CREATING" })
            {
                ReadBack = (id, _, ctx) => AssetApi.ShowAsync(session.Client, id, ctx),
                // Asset names are unique per project: a create whose answer was lost can be looked up.
                FindByName = ctx => AssetApi.FindByNameAsync(session.Client, name, ctx),
            });
        }
    }
}
