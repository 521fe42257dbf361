using System;
using System.Linq;
using System.Management.Automation;
using System.Text.Json.Nodes;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Spec;

namespace MetaStudio.PowerShell.LiveRooms
{
    /// <summary>
    /// UpdateSmartLiveRoom. The service replaces the whole room with the body (room_name required), so the
    /// room is read first (ShowSmartLiveRoom) and sent back in the update model's shape with only what was
    /// asked changed: top-level fields replace their counterparts, -SceneScript replaces the scenes, and
    /// -Text, -ModelAssetId and -VoiceAssetId change one scene (-ScriptName, else the first) and keep the
    /// rest of it. Everything else, each scene's model and voice included, stays as it was.
    /// </summary>
    [MsApi(OperationId.ShowSmartLiveRoom, OperationId.UpdateSmartLiveRoom)]
    [Cmdlet(VerbsCommon.Set, "MsLiveRoom", SupportsShouldProcess = true)]
    [OutputType(typeof(MsLiveRoom))]
    public sealed class SetMsLiveRoomCommand : LiveRoomCmdlet
    {
        private static readonly string[] SceneChange = { "a scene" };

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public required string RoomId { get; set; }

        /// <summary>A new room name.</summary>
        [Parameter]
        [ValidateLength(1, 256)]
        public string? Name { get; set; }

        protected override void ProcessRecord()
        {
            if (SceneScript != null && HasSceneParameters)
            {
                WriteError(ErrorRecords.InvalidInput("Give -SceneScript (all scenes) or -Text, -ScriptName, -ModelAssetId and -VoiceAssetId (one scene), not both.", RoomId));
                return;
            }
            var changes = TryBuildFields(Name, null, RoomId, sceneParametersEditOneScene: true);
            if (changes == null) return;
            if (changes.Count == 0 && !HasSceneParameters)
            {
                WriteError(ErrorRecords.InvalidInput("Nothing to change: give at least one field, e.g. -Name, -Text or -InteractionRule.", RoomId));
                return;
            }
            if (!CheckBody(OperationId.UpdateSmartLiveRoom, changes, RoomId, partial: true)) return;
            var what = changes.Select(kv => kv.Key).Concat(HasSceneParameters ? SceneChange : Array.Empty<string>());
            if (!ShouldChange(LiveRoomApi.Rooms, RoomId, "Update (" + string.Join(", ", what) + ")")) return;

            var current = TrySend(LiveRoomApi.ShowRoom(RoomId));
            if (current == null) return;
            var room = ReadMergeWrite.Merge(current, OperationId.UpdateSmartLiveRoom, changes);
            if (HasSceneParameters)
            {
                var problem = EditScene(room, Core.Json.JsonNodes.Str(room["room_name"]));
                if (problem != null)
                {
                    WriteError(ErrorRecords.InvalidInput(problem, RoomId));
                    return;
                }
                problem = LiveRoomRules.CheckRoom(new JsonObject { ["scene_scripts"] = room["scene_scripts"]?.DeepClone() });
                if (problem != null)
                {
                    WriteError(ErrorRecords.InvalidInput(problem, RoomId));
                    return;
                }
            }
            var updated = TrySend<MsLiveRoom>(new MsRequest(OperationId.UpdateSmartLiveRoom).WithPath("room_id", RoomId).WithBody(room));
            if (updated != null) WriteObject(updated);
        }
    }
}
