using System;
using System.Management.Automation;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Paging;

namespace MetaStudio.PowerShell.LiveRooms
{
    /// <summary>ListSmartLiveRooms (summaries), or ShowSmartLiveRoom (the whole room) for each -RoomId.</summary>
    [MsApi(OperationId.ListSmartLiveRooms, OperationId.ShowSmartLiveRoom)]
    [Cmdlet(VerbsCommon.Get, "MsLiveRoom", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(MsLiveRoom))]
    public sealed class GetMsLiveRoomCommand : MsBulkCmdlet, ITimeWindow
    {
        private const string ListSet = "List";
        private const string ShowSet = "Show";

        [Parameter(Mandatory = true, ParameterSetName = ShowSet, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public string[]? RoomId { get; set; }

        /// <summary>Part of the room name (the service matches fuzzily).</summary>
        [Parameter(ParameterSetName = ListSet, Position = 0)]
        [ValidateLength(1, 256)]
        public string? Name { get; set; }

        /// <summary>Part of the avatar model's name.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateLength(1, 256)]
        public string? ModelName { get; set; }

        /// <summary>State of the room's last live task; NULL means rooms that never went live.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("WAITING", "PROCESSING", "SUCCESS", "FAILED", "CANCELED", "NULL")]
        public string[]? LiveState { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("NORMAL", "TEMP", "TEMPLATE")]
        public string? RoomType { get; set; }

        /// <summary>Rooms whose last live task ran within -StartTime … -EndTime.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public DateTime? StartTime { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        public DateTime? EndTime { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ShowSet) WriteShown(LiveRoomApi.Rooms, RoomId!);   // mandatory in this set
            else WritePaged(Pager<MsLiveRoom>.Of<LiveRoomList>(
                () => new MsRequest(OperationId.ListSmartLiveRooms).WithQuery("room_name", Name).WithQuery("model_name", ModelName).WithQuery("live_state", LiveState)
                    .WithQuery("room_type", RoomType).WithQuery("start_time", StartTime).WithQuery("end_time", EndTime)));
        }
    }
}
