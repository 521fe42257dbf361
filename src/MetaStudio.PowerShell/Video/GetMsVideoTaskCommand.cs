using System;
using System.Management.Automation;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Paging;

namespace MetaStudio.PowerShell.Video
{
    /// <summary>ListDigitalHumanVideo with filters, or for each -JobId Show2DDigitalHumanVideo (ShowPhotoDigitalHumanVideo for photo tasks).</summary>
    [MsApi(OperationId.ListDigitalHumanVideo, OperationId.Show2DDigitalHumanVideo, OperationId.ShowPhotoDigitalHumanVideo)]
    [Cmdlet(VerbsCommon.Get, "MsVideoTask", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(MsVideoTask))]
    public sealed class GetMsVideoTaskCommand : MsBulkCmdlet, ITimeWindow
    {
        private const string ListSet = "List";
        private const string ShowSet = "Show";

        [Parameter(Mandatory = true, ParameterSetName = ShowSet, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public string[]? JobId { get; set; }

        /// <summary>Also return the task's script (shoot scripts, voice and video config).</summary>
        [Parameter(ParameterSetName = ShowSet)]
        public SwitchParameter ShowScript { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("WAITING", "PROCESSING", "SUCCEED", "FAILED", "CANCELED", "BLOCK")]
        public string[]? State { get; set; }

        /// <summary>Tasks created at or after this time (create_since).</summary>
        [Parameter(ParameterSetName = ListSet)]
        public DateTime? StartTime { get; set; }

        /// <summary>Tasks created at or before this time (create_until).</summary>
        [Parameter(ParameterSetName = ListSet)]
        public DateTime? EndTime { get; set; }

        [Parameter(ParameterSetName = ListSet, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public string? ScriptId { get; set; }

        /// <summary>Name of the produced asset.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateLength(1, 256)]
        public string? AssetName { get; set; }

        /// <summary>
        /// Model (2D_DIGITAL_HUMAN_VIDEO) or photo (DIGITAL_HUMAN_PHOTO_VIDEO, also spelled PHOTO_DIGITAL_HUMAN_VIDEO) tasks.
        /// With -JobId it picks the show operation; a piped task brings its own.
        /// </summary>
        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = ShowSet, ValueFromPipelineByPropertyName = true)]
        [ValidateSet(VideoApi.ModelJobType, VideoApi.PhotoJobType, VideoApi.PhotoJobTypeAlias)]
        public string? JobType { get; set; }

        /// <summary>Newest first (sort_dir=desc on create_time).</summary>
        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter Descending { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ShowSet) WriteShown(VideoApi.Tasks(JobType, ShowScript), JobId!);   // mandatory in this set
            else WritePaged(Pager<MsVideoTask>.Of<VideoTaskList>(
                () => new MsRequest(OperationId.ListDigitalHumanVideo)
                    .WithQuery("state", State).CreatedWithin(this)
                    .WithQuery("script_id", ScriptId).WithQuery("asset_name", AssetName).WithQuery("job_type", JobType)
                    .SortedByCreateTime(Descending ? "desc" : null)));
        }
    }
}
