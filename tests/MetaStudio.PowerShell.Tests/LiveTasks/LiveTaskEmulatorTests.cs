using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Tests.Core;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.LiveTasks
{
    /// <summary>The emulator's own checks, reached below the cmdlets (which would reject these bodies first).</summary>
    public class LiveTaskEmulatorTests : IClassFixture<VirtualTimeEmulatorFixture>
    {
        private readonly EmulatorHost _emu;
        private readonly VirtualTime _time;

        public LiveTaskEmulatorTests(VirtualTimeEmulatorFixture f)
        {
            _emu = f.Emulator;
            _time = f.Time;
        }

        private async Task<(string Room, string Job, Uri ReportUrl)> LiveAsync(MsSession session, string name)
        {
            var (created, _, _) = await Direct.SendAsync(session, new MsRequest(OperationId.CreateSmartLiveRoom).WithBody(new Dictionary<string, object> { ["room_name"] = name }));
            Assert.NotNull(created);
            var room = JsonNode.Parse(created.Body)!["room_id"]!.GetValue<string>();
            var (started, _, _) = await Direct.SendAsync(session, new MsRequest(OperationId.StartSmartLive).WithPath("room_id", room).WithBody(new Dictionary<string, object>()));
            Assert.NotNull(started);
            var body = JsonNode.Parse(started.Body)!;
            var job = body["job_id"]!.GetValue<string>();
            // The task goes live when its waiting time has passed on the emulator's clock: moved on here, not slept through.
            Assert.Equal("WAITING", _emu.State.LiveJobs[job].State);
            _time.Advance(_emu.Options.JobWaitingTime);
            Assert.Equal("PROCESSING", _emu.State.LiveJobs[job].State);
            return (room, job, new Uri(body["live_event_report_url"]!.GetValue<string>()));
        }

        [Fact]
        public async Task Start_bodies_outside_the_live_limits_are_answered_400()
        {
            var session = Direct.Session(_emu);
            var (created, _, _) = await Direct.SendAsync(session, new MsRequest(OperationId.CreateSmartLiveRoom).WithBody(new Dictionary<string, object> { ["room_name"] = "emu-limits" }));
            Assert.NotNull(created);
            var room = JsonNode.Parse(created.Body)!["room_id"]!.GetValue<string>();
            var bodies = new object[]
            {
                new Dictionary<string, object> { ["video_config"] = new Dictionary<string, object> { ["codec"] = "H264", ["bitrate"] = 9000, ["width"] = 1080, ["height"] = 1920 } },
                new Dictionary<string, object> { ["output_urls"] = new[] { "https://not-rtmp" } },
                new Dictionary<string, object> { ["view_mode"] = "SIDEWAYS" },
            };
            foreach (var body in bodies)
            {
                var (response, error, _) = await Direct.SendAsync(session, new MsRequest(OperationId.StartSmartLive) { SkipValidation = true }.WithPath("room_id", room).WithBody(body));
                Assert.Null(response);
                Assert.NotNull(error);
                Assert.Equal((400, "MSS.10000003"), (error.StatusCode, error.ErrorCode));
            }
            Assert.DoesNotContain(_emu.State.LiveJobs.Values, j => j.RoomId == room);
        }

        [Fact]
        public async Task Event_reports_need_the_handed_out_key_and_a_matching_total()
        {
            var session = Direct.Session(_emu);
            var (room, job, url) = await LiveAsync(session, "emu-report");
            var query = url.Query.TrimStart('?').Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
            MsRequest Report(string key, string expires, int total) => new MsRequest(OperationId.LiveEventReport).WithPath("room_id", room).WithPath("job_id", job)
                .WithQuery("auth_key", key).WithQuery("expires_time", expires)
                .WithBody(new Dictionary<string, object> { ["total"] = total, ["events"] = new[] { new Dictionary<string, object> { ["timestamp"] = 1700000000000, ["type"] = 1, ["content"] = "{}" } } });

            var (_, wrongKey, _) = await Direct.SendAsync(session, Report("not-the-key", query["expires_time"], 1));
            Assert.NotNull(wrongKey);
            Assert.Equal((401, "MSS.00000023"), (wrongKey.StatusCode, wrongKey.ErrorCode));
            var (_, wrongTotal, _) = await Direct.SendAsync(session, Report(query["auth_key"], query["expires_time"], 2));
            Assert.NotNull(wrongTotal);
            Assert.Equal((400, "MSS.10000003"), (wrongTotal.StatusCode, wrongTotal.ErrorCode));
            Assert.Empty(_emu.State.LiveJobs[job].Events);

            // Without refresh_url the same URL comes back and stays valid.
            var (ok, _, _) = await Direct.SendAsync(session, Report(query["auth_key"], query["expires_time"], 1));
            Assert.NotNull(ok);
            Assert.Equal(url.ToString(), JsonNode.Parse(ok.Body)!["live_event_report_url"]!.GetValue<string>());
            Assert.Single(_emu.State.LiveJobs[job].Events);
            await Direct.SendAsync(session, new MsRequest(OperationId.StopSmartLive).WithPath("room_id", room).WithPath("job_id", job));
        }

        [Fact]
        public async Task The_room_mirrors_its_newest_task()
        {
            var session = Direct.Session(_emu);
            var (room, job, _) = await LiveAsync(session, "emu-mirror");
            Assert.Equal("PROCESSING", _emu.State.LiveRooms[room].LastJobStatus);
            Assert.Null(_emu.State.LiveRooms[room].LastJobEndTime);
            var (_, error, _) = await Direct.SendAsync(session, new MsRequest(OperationId.ExecuteSmartLiveCommand) { SkipValidation = true }.WithPath("room_id", room).WithPath("job_id", job)
                .WithBody(new Dictionary<string, object> { ["command"] = "DANCE" }));
            Assert.NotNull(error);
            Assert.Equal(400, error.StatusCode);
            await Direct.SendAsync(session, new MsRequest(OperationId.StopSmartLive).WithPath("room_id", room).WithPath("job_id", job));
            Assert.Equal("SUCCEED", _emu.State.LiveRooms[room].LastJobStatus);
            Assert.NotNull(_emu.State.LiveRooms[room].LastJobEndTime);
        }
    }
}
