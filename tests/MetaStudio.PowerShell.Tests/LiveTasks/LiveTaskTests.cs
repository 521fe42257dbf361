using System;
using System.Linq;
using System.Management.Automation;
using System.Text.Json.Nodes;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.LiveTasks;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.LiveTasks
{
    public class LiveTaskTests : IClassFixture<VirtualTimeEmulatorFixture>
    {
        private const string Poll = "-PollIntervalSec 0.1 -Timeout 30";
        private readonly EmulatorHost _emu;
        public LiveTaskTests(VirtualTimeEmulatorFixture f) => _emu = f.Emulator;

        private static string Code(ErrorRecord e) => e.FullyQualifiedErrorId.Split(',')[0];

        [Fact]
        public void A_room_goes_live_takes_a_command_and_a_comment_and_stops()
        {
            using var ps = new PsSession(_emu);
            var live = ps.Run($"$t = New-MsLiveRoom -Name 'lt-flow' -Text 'Welcome to the show' | Start-MsLiveTask -Wait {Poll}; $t").AssertNoErrors().Single<MsLiveTask>();
            Assert.Equal("PROCESSING", live.State);
            Assert.Equal("lt-flow", live.RoomName);
            Assert.False(string.IsNullOrEmpty(live.RoomId));
            Assert.Contains("auth_key=", live.LiveEventReportUrl);
            Assert.Equal(0, live.LimitDuration);
            Assert.NotNull(live.RtcRoomInfo?.AppId);
            Assert.NotNull(live.StartTime);
            Assert.Equal(1, _emu.Log.All.Count(e => e.Operation == "StartSmartLive" && e.Path.Contains(live.RoomId)));

            // The room reports its live task while it is on air.
            Assert.Contains(live.RoomId, ps.Run("Get-MsLiveRoom -LiveState PROCESSING | ForEach-Object { $_.RoomId }").AssertNoErrors().Output.Select(o => o.ToString()));

            var command = ps.Run("$t | Invoke-MsLiveCommand -Text 'Flash sale in five minutes' -PlayType APPEND").AssertNoErrors().Single<MsLiveCommandResult>();
            Assert.Equal("INSERT_PLAY_SCRIPT", command.Command);
            Assert.False(string.IsNullOrEmpty(command.CommandId));
            Assert.NotNull(live.JobId);
            var job = _emu.State.LiveJobs[live.JobId];
            var sent = Assert.Single(job.Commands);
            Assert.Equal(("Flash sale in five minutes", "APPEND"), (sent["params"]!["text_config"]!["text"]!.GetValue<string>(), sent["params"]!["play_type"]!.GetValue<string>()));

            var url = ps.Run("$u = $t | Send-MsLiveEvent -Comment 'How much is it?', 'Nice' -UserName 'ann'; $u").AssertNoErrors().Single<string>();
            Assert.Equal(2, job.Events.Count);
            var content = JsonNode.Parse(job.Events[0]["content"]!.GetValue<string>())!;
            Assert.Equal(("How much is it?", "ann"), (content["content"]!.GetValue<string>(), content["user"]!["name"]!.GetValue<string>()));
            Assert.Equal(1, job.Events[0]["type"]!.GetValue<int>());
            Assert.True(job.Events[0]["timestamp"]!.GetValue<long>() > 1_600_000_000_000);
            Assert.NotEqual(live.LiveEventReportUrl, url);

            // The refreshed URL replaced the old key: the old one is refused, the new one works.
            var stale = ps.Run("$t | Send-MsLiveEvent -Comment 'again'");
            Assert.Equal("MSS.00000023", Code(Assert.Single(stale.Errors)));
            ps.Run($"Send-MsLiveEvent -RoomId {live.RoomId} -JobId {live.JobId} -LiveEventReportUrl $u -Comment 'again'").AssertNoErrors();
            Assert.Equal(3, job.Events.Count);

            var stopped = ps.Run("Get-MsLiveTask -RoomName 'lt-flow' -State PROCESSING | Stop-MsLiveTask -Force -PassThru").AssertNoErrors().Single<MsLiveTask>();
            Assert.Equal(("SUCCEED", live.JobId, live.RoomId), (stopped.State, stopped.JobId, stopped.RoomId));
            Assert.NotNull(stopped.EndTime);
            var room = _emu.State.LiveRooms[live.RoomId];
            Assert.Equal("SUCCEED", room.LastJobStatus);
            Assert.NotNull(room.LastJobEndTime);

            // A stopped stream takes no more commands.
            Assert.Equal("MSS.00000022", Code(Assert.Single(ps.Run("$t | Invoke-MsLiveCommand -Text 'late'").Errors)));
        }

        [Fact]
        public void A_second_start_on_a_live_room_is_refused_and_a_stopped_room_starts_again()
        {
            using var ps = new PsSession(_emu);
            var first = ps.Run($"$room = New-MsLiveRoom -Name 'lt-busy' -Text 'hi'; $room | Start-MsLiveTask").AssertNoErrors().Single<MsLiveTask>();
            var again = ps.Run("$room | Start-MsLiveTask");
            Assert.Empty(again.Output);
            var error = Assert.Single(again.Errors);
            Assert.Equal("MSS.00000020", Code(error));
            Assert.NotNull(first.JobId);
            Assert.Contains(first.JobId, error.ToString());
            Assert.Single(_emu.State.LiveJobs.Values, j => j.RoomId == first.RoomId);

            ps.Run("$room | Get-MsLiveTask | Stop-MsLiveTask -Confirm:$false").AssertNoErrors();
            var second = ps.Run($"$room | Start-MsLiveTask -Wait {Poll}").AssertNoErrors().Single<MsLiveTask>();
            Assert.NotEqual(first.JobId, second.JobId);
            Assert.Equal("PROCESSING", second.State);
            ps.Run($"Stop-MsLiveTask -RoomId {second.RoomId} -JobId {second.JobId} -Force").AssertNoErrors();
        }

        [Fact]
        public void A_failing_room_ends_FAILED_with_the_service_error()
        {
            using var ps = new PsSession(_emu);
            var live = ps.Run($"New-MsLiveRoom -Name 'lt-FAIL' -Text 'x' | Start-MsLiveTask | Wait-MsLiveTask -Until Live {Poll}").AssertNoErrors().Single<MsLiveTask>();
            Assert.Equal("PROCESSING", live.State);
            var r = ps.Run($"Get-MsLiveTask -RoomId {live.RoomId} -JobId {live.JobId} | Wait-MsLiveTask {Poll}");
            // A failed task is not output (the next cmdlet would get nothing to work on): it is the error.
            Assert.Empty(r.Output);
            var error = Assert.Single(r.Errors);
            Assert.Equal("MSS.00000021", Code(error));
            Assert.Equal(live.JobId, error.TargetObject);
            Assert.Contains("'lt-FAIL'", error.ToString());
            Assert.NotNull(live.RoomId);
            Assert.Equal("FAILED", _emu.State.LiveRooms[live.RoomId].LastJobStatus);
        }

        [Fact]
        public void Waiting_for_the_end_of_a_live_task_times_out_with_a_timeout_error()
        {
            using var ps = new PsSession(_emu);
            var r = ps.Run($"$t = New-MsLiveRoom -Name 'lt-long' -Text 'x' | Start-MsLiveTask -Wait {Poll}; $t | Wait-MsLiveTask -Timeout 0.5 -PollIntervalSec 0.1");
            Assert.Equal("MetaStudio.Timeout", Code(Assert.Single(r.Errors)));
            ps.Run("$t | Stop-MsLiveTask -Force").AssertNoErrors();
        }

        [Fact]
        public void Get_lists_by_room_by_tenant_filters_pages_and_shows()
        {
            using var ps = new PsSession(_emu);
            ps.Run("foreach ($n in 'lt-list-a', 'lt-list-b') { $room = New-MsLiveRoom -Name $n -Text 'x'; " +
                   "$room | Start-MsLiveTask | Stop-MsLiveTask -Force; $room | Start-MsLiveTask | Out-Null }").AssertNoErrors();

            var perRoom = ps.Run("Get-MsLiveRoom -Name 'lt-list-' | Get-MsLiveTask").AssertNoErrors().All<MsLiveTask>().ToList();
            Assert.Equal(4, perRoom.Count);
            Assert.Equal(2, perRoom.Count(t => t.RoomName == "lt-list-a"));
            Assert.All(perRoom, t => Assert.False(string.IsNullOrEmpty(t.RoomId)));

            var ended = ps.Run("Get-MsLiveTask -RoomName 'lt-list-' -State SUCCEED").AssertNoErrors().All<MsLiveTask>().ToList();
            Assert.Equal(2, ended.Count);
            Assert.All(ended, t => Assert.Equal("SUCCEED", t.State));

            var roomA = perRoom.First(t => t.RoomName == "lt-list-a").RoomId;
            var newest = ps.Run($"Get-MsLiveTask -RoomId {roomA} -SortDirection Descending -First 1").AssertNoErrors().Single<MsLiveTask>();
            Assert.Contains(newest.State, new[] { "WAITING", "PROCESSING" });
            var oldest = ps.Run($"Get-MsLiveTask -RoomId {roomA} -SortDirection Ascending -First 1").AssertNoErrors().Single<MsLiveTask>();
            Assert.Equal("SUCCEED", oldest.State);
            Assert.True(newest.CreateTime >= oldest.CreateTime);

            var firstTwo = ps.Run("Get-MsLiveTask -RoomName 'lt-list-' -First 2 -Skip 1").AssertNoErrors().All<MsLiveTask>().ToList();
            Assert.Equal(2, firstTwo.Count);
            Assert.Equal(perRoom.Select(x => x.JobId).OrderBy(x => x), ps.Run("Get-MsLiveTask -RoomName 'lt-list-'").AssertNoErrors().All<MsLiveTask>().Select(x => x.JobId).OrderBy(x => x));

            var shown = ps.Run($"Get-MsLiveTask -RoomId {roomA} -JobId {oldest.JobId}").AssertNoErrors().Single<MsLiveTask>();
            Assert.Equal((oldest.JobId, roomA, "lt-list-a"), (shown.JobId, shown.RoomId, shown.RoomName));
            Assert.True(_emu.Log.Count("ShowSmartLive") > 0);
            Assert.True(_emu.Log.Count("ListSmartLive") > 0);
            Assert.True(_emu.Log.Count("ListSmartLiveJobs") > 0);

            var since = ps.Run("Get-MsLiveTask -RoomName 'lt-list-' -StartTime ([datetime]::UtcNow.AddMinutes(5))").AssertNoErrors();
            Assert.Empty(since.Output);

            ps.Run("Get-MsLiveTask -RoomName 'lt-list-' -State WAITING, PROCESSING | Stop-MsLiveTask -Force").AssertNoErrors();
            Assert.Empty(ps.Run("Get-MsLiveTask -RoomName 'lt-list-' -State WAITING, PROCESSING").AssertNoErrors().Output);
        }

        [Fact]
        public void Unknown_rooms_and_tasks_are_not_found()
        {
            using var ps = new PsSession(_emu);
            Assert.Equal("MSS.00000003", Code(Assert.Single(ps.Run("Start-MsLiveTask -RoomId nosuchroom").Errors)));
            var roomId = ps.Run("(New-MsLiveRoom -Name 'lt-404' -Text 'x').RoomId").AssertNoErrors().Single<string>();
            Assert.Equal("MSS.00000003", Code(Assert.Single(ps.Run($"Get-MsLiveTask -RoomId {roomId} -JobId nosuchjob").Errors)));
            Assert.Equal("MSS.00000003", Code(Assert.Single(ps.Run($"Get-MsLiveTask -RoomId nosuchroom").Errors)));
        }

        [Fact]
        public void Bad_input_is_refused_before_any_request()
        {
            using var ps = new PsSession(_emu);
            var before = _emu.Log.All.Count;
            var cases = new[]
            {
                "Start-MsLiveTask -RoomId r1 -VideoConfig @{ bitrate = 500 }",
                "Start-MsLiveTask -RoomId r1 -VideoConfig @{ width = 1920; height = 1080 }",
                "Start-MsLiveTask -RoomId r1 -OutputUrl 'http://not-rtmp.example.com'",
                "Invoke-MsLiveCommand -RoomId r1 -JobId j1",
                "Invoke-MsLiveCommand -RoomId r1 -JobId j1 -Command GET_CURRENT_PLAYING_SCRIPTS -Text 'x'",
                "Invoke-MsLiveCommand -RoomId r1 -JobId j1 -Command INSERT_PLAY_SCRIPT",
                "Invoke-MsLiveCommand -RoomId r1 -JobId j1 -Command RESET_EXIT_CONFIG -Parameters 'not json'",
                "Send-MsLiveEvent -RoomId r1 -JobId j1 -Comment 'hi'",
                "Send-MsLiveEvent -RoomId r1 -JobId j1 -Comment 'hi' -LiveEventReportUrl 'https://x.example.com/report'",
                "Send-MsLiveEvent -RoomId r1 -JobId j1 -Event @{ content = 'no type' } -AuthKey k -ExpiresTime 1",
            };
            foreach (var c in cases)
            {
                var r = ps.Run(c);
                Assert.True(r.AllErrors.Any(), c);
                Assert.Equal("MetaStudio.InvalidInput", Code(r.AllErrors.First()));
            }
            Assert.Equal(before, _emu.Log.All.Count);
        }

        [Fact]
        public void WhatIf_sends_nothing_that_changes_a_stream()
        {
            using var ps = new PsSession(_emu);
            var t = ps.Run($"$t = New-MsLiveRoom -Name 'lt-whatif' -Text 'x' | Start-MsLiveTask -Wait {Poll}; $t").AssertNoErrors().Single<MsLiveTask>();
            var before = _emu.Log.All.Count;
            var r = ps.Run("$t | Start-MsLiveTask -WhatIf; $t | Invoke-MsLiveCommand -Text 'x' -WhatIf; $t | Send-MsLiveEvent -Comment 'x' -WhatIf; $t | Stop-MsLiveTask -WhatIf")
                .AssertNoErrors();
            Assert.Equal(4, r.HostText.Split("What if:").Length - 1);
            Assert.DoesNotContain(_emu.Log.All.Skip(before), e => e.Operation is "StartSmartLive" or "ExecuteSmartLiveCommand" or "LiveEventReport" or "StopSmartLive");
            Assert.NotNull(t.JobId);
            Assert.Equal("PROCESSING", _emu.State.LiveJobs[t.JobId].State);
            ps.Run("$t | Stop-MsLiveTask -Force").AssertNoErrors();
        }

        [Fact]
        public void The_stream_key_reaches_the_service_but_never_any_output_or_stream()
        {
            using var ps = new PsSession(_emu);
            var r = ps.Run("$t = New-MsLiveRoom -Name 'lt-key' -Text 'x' | Start-MsLiveTask -OutputUrl 'rtmp://live.example.com/app' -StreamKey 'sk-very-secret' -WarningAction SilentlyContinue " +
                           $"-VideoConfig @{{ bitrate = 6000 }} -Wait {Poll} -Verbose -Debug; $t; $t | Out-Host; $t | ForEach-Object {{ $_.psobject.Properties.Value }}; " +
                           "$t | Get-MsLiveTask | Out-Host; ($t | Invoke-MsLiveCommand -Command GET_LIVE_JOB_CONFIG_INFO -Verbose).Result | Out-Host").AssertNoErrors();
            var job = _emu.State.LiveJobs[Assert.IsType<string>(r.Output.Select(o => o.BaseObject).OfType<MsLiveTask>().First().JobId)];
            Assert.NotNull(job.Request);
            Assert.Equal("sk-very-secret", job.Request["stream_keys"]![0]!.GetValue<string>());
            Assert.Equal(6000, job.Request["video_config"]!["bitrate"]!.GetValue<int>());
            Assert.Equal(1920, job.Request["video_config"]!["height"]!.GetValue<int>());
            Assert.DoesNotContain("sk-very-secret", r.EverythingAsText);
            Assert.DoesNotContain("sk-very-secret", r.HostText);
            Assert.Contains("rtmp://live.example.com/app", r.HostText);
            ps.Run("$t | Stop-MsLiveTask -Force").AssertNoErrors();
        }

        [Fact]
        public void Current_scripts_come_from_the_room_and_results_parse_as_objects()
        {
            using var ps = new PsSession(_emu);
            var result = ps.Run($"$t = New-MsLiveRoom -Name 'lt-scripts' -Text 'first line', 'second line' | Start-MsLiveTask -Wait {Poll}; " +
                                "$t | Invoke-MsLiveCommand GET_CURRENT_PLAYING_SCRIPTS").AssertNoErrors().Single<MsLiveCommandResult>();
            var scenes = Assert.IsType<object[]>(Assert.IsType<PSObject>(result.Result).Properties["scene_scripts"].Value);
            var scene = (PSObject)scenes.Single();
            Assert.Equal("lt-scripts", scene.Properties["script_name"].Value);

            var rewritten = ps.Run("$t | Invoke-MsLiveCommand REWRITE_PLAY_SCRIPT -Parameters @{ scene_scripts = @(@{ script_name = 'new'; shoot_scripts = @(@{ sequence_no = 1; text_config = @{ text = 'n' } }) }) } | Out-Null; " +
                                   "($t | Invoke-MsLiveCommand GET_CURRENT_PLAYING_SCRIPTS).Result.scene_scripts[0].script_name").AssertNoErrors().Single<string>();
            Assert.Equal("new", rewritten);
            ps.Run("$t | Stop-MsLiveTask -Force").AssertNoErrors();
        }

        [Fact]
        public void Events_from_objects_are_sent_with_json_text_content_and_a_computed_total()
        {
            using var ps = new PsSession(_emu);
            var t = ps.Run($"$t = New-MsLiveRoom -Name 'lt-events' -Text 'x' | Start-MsLiveTask -Wait {Poll}; $t").AssertNoErrors().Single<MsLiveTask>();
            Assert.NotNull(t.LiveEventReportUrl);
            var query = new Uri(t.LiveEventReportUrl).Query.TrimStart('?').Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
            ps.Run($"Send-MsLiveEvent -RoomId {t.RoomId} -JobId {t.JobId} -AuthKey {query["auth_key"]} -ExpiresTime {query["expires_time"]} " +
                   "-Event @{ type = 3; content = @{ user = @{ name = 'bo' } } }, @{ type = 6; content = @{ numberOfViewers = 42 }; timestamp = 1700000000000 }").AssertNoErrors();
            Assert.NotNull(t.JobId);
            var events = _emu.State.LiveJobs[t.JobId].Events;
            Assert.Equal(2, events.Count);
            Assert.Equal(42, JsonNode.Parse(events[1]["content"]!.GetValue<string>())!["numberOfViewers"]!.GetValue<int>());
            Assert.Equal(1700000000000, events[1]["timestamp"]!.GetValue<long>());
            Assert.Equal("bo", JsonNode.Parse(events[0]["content"]!.GetValue<string>())!["user"]!["name"]!.GetValue<string>());
            var report = _emu.Log.All.Last(e => e.Operation == "LiveEventReport");
            Assert.Contains("refresh_url=true", report.Query);
            ps.Run("$t | Stop-MsLiveTask -Force").AssertNoErrors();
        }

        [Fact]
        public void Tasks_show_as_a_table()
        {
            using var ps = new PsSession(_emu);
            var text = ps.Run($"$t = New-MsLiveRoom -Name 'lt-table' -Text 'x' | Start-MsLiveTask -Wait {Poll}; $t | Out-Host; " +
                              "$t | Invoke-MsLiveCommand -Text 'hi' | Out-Host; $t | Stop-MsLiveTask -Force").AssertNoErrors().HostText;
            Assert.Matches(@"RoomName\s+State\s+StartTime\s+EndTime\s+Duration\s+JobId", text);
            Assert.Contains("lt-table", text);
            Assert.Contains("PROCESSING", text);
            Assert.Matches(@"Command\s+Result\s+CommandId", text);
            Assert.Contains("INSERT_PLAY_SCRIPT", text);
        }

        [Fact]
        public void Another_tenant_cannot_see_or_start_the_rooms_tasks()
        {
            using var ps = new PsSession(_emu);
            var t = ps.Run($"$t = New-MsLiveRoom -Name 'lt-tenant' -Text 'x' | Start-MsLiveTask; $t").AssertNoErrors().Single<MsLiveTask>();
            using var other = new PsSession(_emu, connect: false);
            other.Run($"$null = Connect-MsService -Region cn-north-4 -Endpoint '{_emu.BaseUri}' -AccessKey {EmulatorOptions.OtherAccessKey} -SecretKey '{EmulatorOptions.OtherSecretKey}'").AssertNoErrors();
            Assert.Equal("MSS.00000003", Code(Assert.Single(other.Run($"Get-MsLiveTask -RoomId {t.RoomId}").Errors)));
            Assert.DoesNotContain(other.Run("Get-MsLiveTask").AssertNoErrors().All<MsLiveTask>(), x => x.JobId == t.JobId);
            ps.Run("$t | Stop-MsLiveTask -Force").AssertNoErrors();
        }
    }
}
