using System;
using System.Management.Automation;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Paging;

namespace MetaStudio.PowerShell.LiveTasks
{
    /// <summary>
    /// ListSmartLiveJobs (every live task of the tenant), ListSmartLive (the tasks of -RoomId), or
    /// ShowSmartLive (-RoomId with -JobId). A piped room has only RoomId, so it lists that room's tasks;
    /// a piped task has both, so it is read again.
    /// </summary>
    [MsApi(OperationId.ListSmartLiveJobs, OperationId.ListSmartLive, OperationId.ShowSmartLive)]
    [Cmdlet(VerbsCommon.Get, "MsLiveTask", DefaultParameterSetName = TenantSet, SupportsPaging = true)]
    [OutputType(typeof(MsLiveTask))]
    public sealed class GetMsLiveTaskCommand : MsBulkCmdlet, ITimeWindow
    {
        private const string TenantSet = "Tenant";
        private const string RoomSet = "Room";
        private const string ShowSet = "Show";

        [Parameter(Mandatory = true, ParameterSetName = RoomSet, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Parameter(Mandatory = true, ParameterSetName = ShowSet, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public string? RoomId { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = ShowSet, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public string? JobId { get; set; }

        /// <summary>Part of the room name (tenant-wide list).</summary>
        [Parameter(ParameterSetName = TenantSet)]
        [ValidateLength(1, 256)]
        public string? RoomName { get; set; }

        [Parameter(ParameterSetName = TenantSet)]
        [Parameter(ParameterSetName = RoomSet)]
        [ValidateSet("WAITING", "PROCESSING", "SUCCEED", "FAILED", "BLOCKED")]
        public string[]? State { get; set; }

        /// <summary>Tasks created at or after this time (create_since).</summary>
        [Parameter(ParameterSetName = TenantSet)]
        [Parameter(ParameterSetName = RoomSet)]
        public DateTime? StartTime { get; set; }

        /// <summary>Tasks created at or before this time (create_until).</summary>
        [Parameter(ParameterSetName = TenantSet)]
        [Parameter(ParameterSetName = RoomSet)]
        public DateTime? EndTime { get; set; }

        /// <summary>Order by creation time: Ascending (oldest first) or Descending (newest first).</summary>
        [Parameter(ParameterSetName = TenantSet)]
        [Parameter(ParameterSetName = RoomSet)]
        [ValidateSet("Ascending", "Descending")]
        public string? SortDirection { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ShowSet)
            {
                WriteRead((session, ctx) => LiveTaskApi.GetAsync(session, RoomId, JobId!, ctx), JobId);   // mandatory in this set
                return;
            }
            var roomId = RoomId;
            var room = ParameterSetName == RoomSet;
            var sortDir = SortDirection == null ? null : SortDirection == "Descending" ? "desc" : "asc";
            WritePaged(Pager<MsLiveTask>.Of<LiveTaskList>(
                () =>
                {
                    var request = room ? new MsRequest(OperationId.ListSmartLive) { Target = roomId }.WithPath("room_id", roomId) : new MsRequest(OperationId.ListSmartLiveJobs).WithQuery("room_name", RoomName);
                    return request.WithQuery("state", State).CreatedWithin(this).SortedByCreateTime(sortDir);
                },
                // The room's list leaves the room out of each task; the tenant's list names it.
                task => { if (room) task?.MergeStart(null, roomId); }));
        }
    }
}
