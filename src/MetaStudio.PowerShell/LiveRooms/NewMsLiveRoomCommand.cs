using System.Management.Automation;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Cmdlets;

namespace MetaStudio.PowerShell.LiveRooms
{
    /// <summary>CreateSmartLiveRoom, then outputs the room read back with ShowSmartLiveRoom.</summary>
    [MsApi(OperationId.CreateSmartLiveRoom, OperationId.ShowSmartLiveRoom)]
    [Cmdlet(VerbsCommon.New, "MsLiveRoom", SupportsShouldProcess = true)]
    [OutputType(typeof(MsLiveRoom))]
    public sealed class NewMsLiveRoomCommand : LiveRoomCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateLength(1, 256)]
        public required string Name { get; set; }

        protected override void ProcessRecord()
        {
            var body = TryBuildFields(Name, Name, Name);
            if (body == null || !ShouldProcess(Name, "Create live room")) return;
            var session = CurrentSession;
            var created = TryRun(ctx => session.Client.SendAsync<RoomIdResponse>(new MsRequest(OperationId.CreateSmartLiveRoom) { Target = Name }.WithBody(body), ctx), Name);
            if (created?.RoomId == null) return;
            WriteCreated(ctx => session.Client.SendAsync<MsLiveRoom>(LiveRoomApi.ShowRoom(created.RoomId), ctx),
                new MsLiveRoom { RoomId = created.RoomId, RoomName = Name, RoomType = RoomType }, "Live room", created.RoomId);
        }
    }
}
