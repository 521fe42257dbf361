using System.Collections.Generic;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Tests.Core;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.LiveRooms
{
    /// <summary>The emulator's own checks, reached below the cmdlets (which would reject these bodies first).</summary>
    public class LiveRoomEmulatorTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorHost _emu;
        public LiveRoomEmulatorTests(EmulatorFixture f) => _emu = f.Emulator;

        public static IEnumerable<object[]> BadBodies => new[]
        {
            new object[] { OperationId.CreateSmartLiveRoom, new Dictionary<string, object> { ["room_description"] = "no name" } },
            new object[] { OperationId.CreateSmartLiveRoom, new Dictionary<string, object> { ["room_name"] = "r", ["video_config"] = new Dictionary<string, object> { ["codec"] = "H264", ["bitrate"] = 4000, ["width"] = 1920, ["height"] = 1080 } } },
            new object[] { OperationId.CreateSmartLiveRoom, new Dictionary<string, object> { ["room_name"] = "r", ["video_config"] = new Dictionary<string, object> { ["codec"] = "H264", ["bitrate"] = 9000, ["width"] = 1080, ["height"] = 1920 } } },
            new object[] { OperationId.CreateSmartLiveRoom, new Dictionary<string, object> { ["room_name"] = "r", ["output_urls"] = new[] { "rtmp://a", "rtmp://b" } } },
            new object[] { OperationId.CreateSmartLiveRoom, new Dictionary<string, object> { ["room_name"] = "r", ["backup_model_asset_ids"] = new[] { "1", "2", "3", "4", "5", "6" } } },
            new object[] { OperationId.CreateSmartLiveRoom, new Dictionary<string, object> { ["room_name"] = "r", ["scene_scripts"] = new[] { new Dictionary<string, object> { ["script_name"] = "s" } } } },
            new object[] { OperationId.CreateInteractionRuleGroup, new Dictionary<string, object> { ["group_name"] = "" } },
            new object[] { OperationId.CreateInteractionRuleGroup, new Dictionary<string, object> { ["group_name"] = "g", ["interaction_rules"] = new[] { new Dictionary<string, object> { ["hit_condition"] = new Dictionary<string, object> { ["priority"] = 1000 } } } } },
            new object[] { OperationId.CreateInteractionRuleGroup, new Dictionary<string, object> { ["group_name"] = "g", ["interaction_rules"] = new[] { new Dictionary<string, object> { ["trigger"] = new Dictionary<string, object> { ["reply_texts"] = new[] { "1", "2", "3", "4", "5", "6" } } } } } },
            new object[] { OperationId.CreateInteractionRuleGroup, new Dictionary<string, object> { ["group_name"] = "g", ["interaction_rules"] = new[] { new Dictionary<string, object> { ["event_type"] = 6 } } } },
        };

        [Theory]
        [MemberData(nameof(BadBodies))]
        public async Task Bodies_outside_the_service_limits_are_answered_400(object operation, Dictionary<string, object> body)
        {
            var session = Direct.Session(_emu);
            var (response, error, _) = await Direct.SendAsync(session, new MsRequest((OperationId)operation) { SkipValidation = true }.WithBody(body));
            Assert.Null(response);
            Assert.NotNull(error);
            Assert.Equal(400, error.StatusCode);
            Assert.Equal("MSS.10000003", error.ErrorCode);
        }

        [Fact]
        public async Task Update_replaces_the_whole_room_and_requires_the_name()
        {
            var session = Direct.Session(_emu);
            var (created, _, _) = await Direct.SendAsync(session, new MsRequest(OperationId.CreateSmartLiveRoom).WithBody(new Dictionary<string, object> { ["room_name"] = "whole", ["room_description"] = "d" }));
            Assert.NotNull(created);
            var id = System.Text.Json.JsonDocument.Parse(created.Body).RootElement.GetProperty("room_id").GetString();

            var (_, noName, _) = await Direct.SendAsync(session, new MsRequest(OperationId.UpdateSmartLiveRoom) { SkipValidation = true }.WithPath("room_id", id).WithBody(new Dictionary<string, object> { ["room_description"] = "x" }));
            Assert.NotNull(noName);
            Assert.Equal("MSS.10000003", noName.ErrorCode);

            var (updated, _, _) = await Direct.SendAsync(session, new MsRequest(OperationId.UpdateSmartLiveRoom).WithPath("room_id", id).WithBody(new Dictionary<string, object> { ["room_name"] = "whole2" }));
            Assert.NotNull(updated);
            var room = System.Text.Json.JsonDocument.Parse(updated.Body).RootElement;
            Assert.Equal("whole2", room.GetProperty("room_name").GetString());
            Assert.False(room.TryGetProperty("room_description", out _));   // a PUT leaves out what it does not send
        }

        [Fact]
        public async Task Rooms_and_libraries_of_another_project_are_not_found()
        {
            var (created, _, _) = await Direct.SendAsync(Direct.Session(_emu), new MsRequest(OperationId.CreateInteractionRuleGroup).WithBody(new Dictionary<string, object> { ["group_name"] = "mine" }));
            Assert.NotNull(created);
            var id = System.Text.Json.JsonDocument.Parse(created.Body).RootElement.GetProperty("group_id").GetString();
            var other = Direct.Session(_emu, region: "cn-east-3");
            var (_, error, _) = await Direct.SendAsync(other, new MsRequest(OperationId.DeleteInteractionRuleGroup).WithPath("group_id", id));
            Assert.NotNull(error);
            Assert.Equal(404, error.StatusCode);
            Assert.Equal("MSS.00000003", error.ErrorCode);
            Assert.NotNull(id);
            Assert.True(_emu.State.RuleGroups.ContainsKey(id));
        }
    }
}
