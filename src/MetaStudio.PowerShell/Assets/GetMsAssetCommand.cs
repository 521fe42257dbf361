using System;
using System.Collections.Generic;
using System.Management.Automation;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Model;
using MetaStudio.PowerShell.Core.Paging;

namespace MetaStudio.PowerShell.Assets
{
    /// <summary>Lists assets with filters (ListAssets), or shows given ones (ShowAsset).</summary>
    [MsApi(OperationId.ListAssets, OperationId.ShowAsset)]
    [Cmdlet(VerbsCommon.Get, "MsAsset", DefaultParameterSetName = "List", SupportsPaging = true)]
    [OutputType(typeof(MsAsset))]
    public sealed class GetMsAssetCommand : MsBulkCmdlet, ITimeWindow
    {
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "ById", ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ValidateMsId]
        public string[]? AssetId { get; set; }

        /// <summary>Part of the name (the service matches fuzzily).</summary>
        [Parameter(Position = 0, ParameterSetName = "List")]
        public string? Name { get; set; }

        [Parameter(ParameterSetName = "List")]
        public string[]? Tag { get; set; }

        [Parameter(ParameterSetName = "List")]
        [ValidateSet("INTERSECTION", "UNION_SET")]
        public string? TagCombination { get; set; }

        [Parameter(ParameterSetName = "List")]
        [ValidateSet("HUMAN_MODEL", "VOICE_MODEL", "SCENE", "ANIMATION", "VIDEO", "IMAGE", "PPT", "MATERIAL", "NORMAL_MODEL",
            "COMMON_FILE", "HUMAN_MODEL_2D", "BUSINESS_CARD_TEMPLET", "MUSIC", "AUDIO")]
        public string[]? Type { get; set; }

        [Parameter(ParameterSetName = "List")]
        [ValidateSet("CREATING", "FAILED", "UNACTIVED", "ACTIVED", "DELETING", "DELETED", "BLOCK", "WAITING_DELETE")]
        public string[]? State { get; set; }

        [Parameter(ParameterSetName = "List")]
        [ValidateSet("SYSTEM", "CUSTOMIZATION", "ALL")]
        public string? Source { get; set; }

        /// <summary>Created at or after this time.</summary>
        [Parameter(ParameterSetName = "List")]
        public DateTime? StartTime { get; set; }

        /// <summary>Created at or before this time.</summary>
        [Parameter(ParameterSetName = "List")]
        public DateTime? EndTime { get; set; }

        [Parameter(ParameterSetName = "List")]
        [ValidateSet("asc", "desc")]
        public string? SortDirection { get; set; }

        [Parameter(ParameterSetName = "List")]
        public string[]? Sex { get; set; }

        [Parameter(ParameterSetName = "List")]
        public string[]? Language { get; set; }

        [Parameter(ParameterSetName = "List")]
        [ValidateMsId]
        public string? StyleId { get; set; }

        [Parameter(ParameterSetName = "List")]
        [ValidateSet("VIDEO_2D", "LIVE_2D", "CHAT_2D")]
        public string? SupportedService { get; set; }

        /// <summary>Only assets created under this X-App-UserId.</summary>
        [Parameter(ParameterSetName = "List")]
        [ValidateMsId]
        public string? AppUserId { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == "ById") WriteShown(AssetApi.Assets, AssetId!);   // mandatory in ById
            else WritePaged(Pager<MsAsset>.Of<AssetApi.AssetPage>(ListRequest));
        }

        private MsRequest ListRequest() => new MsRequest(OperationId.ListAssets)
            .WithQuery("name", Name)
            .WithQuery("tag", Tag)
            .WithQuery("tag_combination_type", TagCombination)
            .WithQuery("asset_type", Type)
            .WithQuery("asset_state", State)
            .WithQuery("asset_source", Source)
            .WithQuery("start_time", StartTime)
            .WithQuery("end_time", EndTime)
            .SortedByCreateTime(SortDirection)
            .WithQuery("sex", Sex)
            .WithQuery("language", Language)
            .WithQuery("style_id", StyleId)
            .WithQuery("supported_service", SupportedService)
            .WithQuery("app_user_id", AppUserId);
    }
}
