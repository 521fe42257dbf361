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
            WriteCreate(new Creation<MsLiveRoom>("live room", Name, new MsRequest(OperationId.CreateSmartLiveRoom) { Target = Name }.WithBody(body),
                (id, _) => new MsLiveRoom { RoomId = id, RoomName = Name, RoomType = RoomType })
            {
                // The answer check refuses an empty answer to a show (MetaStudio.UnexpectedResponse), so a read that returns has the room.
                ReadBack = async (id, _, ctx) => (await session.Client.SendAsync<MsLiveRoom>(LiveRoomApi.ShowRoom(id), ctx).ConfigureAwait(false))!,
                LookFor = t => $"Look for it with: Get-MsLiveRoom -StartTime '{t.ToLocalTime():yyyy-MM-dd HH:mm:ss}' | Where-Object RoomName -eq '{Name}'",
            });
        }
    }
}
