using System.Linq;
using System.Management.Automation;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Http;

namespace MetaStudio.PowerShell.LiveRooms
{
    /// <summary>
    /// UpdateSmartLiveRoom. The service replaces the whole room with the body (room_name required), so the
    /// room is read first (ShowSmartLiveRoom), the given fields replace their counterparts, and the whole
    /// room is sent back: fields not given, including ones this module does not model, stay as they were.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "MsLiveRoom", SupportsShouldProcess = true)]
    [OutputType(typeof(MsLiveRoom))]
    public sealed class SetMsLiveRoomCommand : LiveRoomCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public string RoomId { get; set; }

        /// <summary>A new room name.</summary>
        [Parameter]
        [ValidateLength(1, 256)]
        public string Name { get; set; }

        private const string PendingSceneName = "(room name)";

        protected override void ProcessRecord()
        {
            var changes = TryBuildFields(Name, Name ?? PendingSceneName, RoomId);
            if (changes == null) return;
            if (changes.Count == 0)
            {
                WriteError(ErrorRecords.InvalidInput("Nothing to change: give at least one field, e.g. -Name, -Text or -InteractionRule.", RoomId));
                return;
            }
            if (!ShouldChange("live room", RoomId, "Update (" + string.Join(", ", changes.Select(kv => kv.Key)) + ")", NameFrom<MsLiveRoom>(LiveRoomApi.ShowRoom(RoomId), r => r.RoomName))) return;

            var session = CurrentSession;
            var updated = TryRun(async ctx =>
            {
                var current = await session.Client.SendAsync(LiveRoomApi.ShowRoom(RoomId), ctx).ConfigureAwait(false);
                var room = JsonNode.Parse(current.Body) as JsonObject ?? new JsonObject();
                foreach (var field in LiveRoomApi.ServerFields) room.Remove(field);
                foreach (var kv in changes.ToList()) room[kv.Key] = kv.Value?.DeepClone();
                // Without -ScriptName or -Name the scene made from -Text is named like the room, known only now.
                if (Text != null && ScriptName == null && Name == null) room["scene_scripts"][0]["script_name"] = room["room_name"]?.DeepClone();
                var request = new MsRequest("UpdateSmartLiveRoom").WithPath("room_id", RoomId).WithBody(room);
                return (await session.Client.SendAsync(request, ctx).ConfigureAwait(false)).As<MsLiveRoom>();
            }, RoomId);
            if (updated != null) WriteObject(updated);
        }
    }
}
