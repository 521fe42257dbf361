using System;
using System.Linq;
using System.Text.Json.Nodes;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.LiveRooms;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.LiveRooms
{
    public class LiveRoomTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorHost _emu;
        public LiveRoomTests(EmulatorFixture f) => _emu = f.Emulator;

        private static string Code(System.Management.Automation.ErrorRecord e) => e.FullyQualifiedErrorId.Split(',')[0];

        [Fact]
        public void New_builds_a_scene_from_typed_parameters_and_reads_the_room_back()
        {
            using var ps = new PsSession(_emu);
            var before = _emu.Log.Count("ShowSmartLiveRoom");
            var room = ps.Run("New-MsLiveRoom -Name 'shop' -Description 'evening' -RoomType TEMP -Text 'Welcome','Today only' -ModelAssetId m-1 -VoiceAssetId v-1 " +
                              "-OutputUrl 'rtmp://live.example.com/app' -StreamKey 'k-secret' -BackupModelAssetId b1,b2 -VideoConfig @{ bitrate = 6000 } -PlayPolicy @{ repeat_count = -1; auto_play_script = $true }")
                .AssertNoErrors();
            var r = room.Single<MsLiveRoom>();
            Assert.Equal(before + 1, _emu.Log.Count("ShowSmartLiveRoom"));
            Assert.Equal(("shop", "evening", "TEMP", "ENABLE"), (r.RoomName, r.RoomDescription, r.RoomType, r.RoomState));
            Assert.NotNull(r.SceneScripts);
            var scene = Assert.Single(r.SceneScripts);
            Assert.Equal("shop", scene.ScriptName);
            Assert.NotNull(scene.ShootScripts);
            Assert.Equal(new[] { "Welcome", "Today only" }, scene.ShootScripts.Select(s => s.Text));
            Assert.Equal(new[] { 1, 2 }, scene.ShootScripts.Select(s => s.SequenceNo ?? 0));
            Assert.NotNull(scene.VoiceConfig);
            Assert.Equal(("m-1", "v-1"), (scene.ModelAssetId, scene.VoiceConfig.VoiceAssetId));
            Assert.NotNull(r.VideoConfig);
            Assert.Equal((1080, 1920, 6000, "H264"), (r.VideoConfig.Width, r.VideoConfig.Height, r.VideoConfig.Bitrate, r.VideoConfig.Codec));
            Assert.Equal(new[] { "rtmp://live.example.com/app" }, r.OutputUrls);
            Assert.Equal(new[] { "b1", "b2" }, r.BackupModelAssetIds);
            Assert.NotNull(r.PlayPolicy);
            Assert.Equal((-1, true), (r.PlayPolicy.RepeatCount, r.PlayPolicy.AutoPlayScript));
            Assert.Null(r.ModelInfos);                                  // only the list's summaries carry model_infos
            var listed = ps.Run("Get-MsLiveRoom -Name 'shop'").AssertNoErrors().Single<MsLiveRoom>();
            Assert.NotNull(listed.ModelInfos);
            Assert.Equal("m-1", Assert.Single(listed.ModelInfos).ModelAssetId);
            Assert.NotNull(r.CreateTime);

            // The stream key reaches the service but is not shown.
            Assert.NotNull(r.RoomId);
            var sent = JsonNode.Parse(_emu.State.LiveRooms[r.RoomId].Fields.ToJsonString())!;
            Assert.Equal("k-secret", sent["stream_keys"]![0]!.GetValue<string>());
            Assert.Equal(1, r.StreamKeyCount);
            Assert.DoesNotContain("k-secret", ps.Run($"Get-MsLiveRoom -RoomId {r.RoomId} | Out-Host; Get-MsLiveRoom -RoomId {r.RoomId} | ForEach-Object {{ $_.psobject.Properties.Value }}").EverythingAsText);
        }

        [Fact]
        public void Scenes_and_rules_from_hashtables_and_from_objects_read_back()
        {
            using var ps = new PsSession(_emu);
            var r = ps.Run("New-MsLiveRoom -Name 'hashes' -SceneScript @{ script_name = 'intro'; model_asset_id = 'm2'; shoot_scripts = @(@{ sequence_no = 1; title = 'hi'; text_config = @{ text = 'Hello' } }) }, " +
                           "@{ ScriptName = 'outro'; ShootScripts = @(@{ TextConfig = @{ Text = 'Bye' } }) } " +
                           "-InteractionRule @{ rule_name = 'price'; event_type = 1; hit_condition = @{ relation = 'OR'; priority = 10; tags = @(@{ tag = 'content'; match = 'REGEX'; value = 'price' }) }; trigger = @{ reply_mode = 'SYSTEM_REPLY'; reply_texts = @('See the link'); reply_order = 'ORDER' } } " +
                           "-LiveEventCallbackConfig @{ live_event_type_callback_url = 'https://hooks.example.com/live'; auth_type = 'NONE' }")
                .AssertNoErrors().Single<MsLiveRoom>();
            Assert.NotNull(r.SceneScripts);
            Assert.Equal(new[] { "intro", "outro" }, r.SceneScripts.Select(s => s.ScriptName));
            Assert.Equal("hi", r.SceneScripts[0].ShootScripts?[0].Title);
            Assert.Equal("Bye", r.SceneScripts[1].ShootScripts?[0].Text);
            Assert.NotNull(r.InteractionRules);
            var rule = Assert.Single(r.InteractionRules);
            Assert.Equal(("price", 1, "1", true), (rule.RuleName, rule.EventType ?? 0, rule.RuleIndex, rule.Enabled ?? false));
            Assert.NotNull(rule.HitCondition);
            Assert.Equal(("OR", 10), (rule.HitCondition.Relation, rule.HitCondition.Priority ?? 0));
            Assert.NotNull(rule.HitCondition.Tags);
            Assert.Equal("price", Assert.Single(rule.HitCondition.Tags).Value);
            Assert.NotNull(rule.Trigger);
            Assert.Equal(new[] { "See the link" }, rule.Trigger.ReplyTexts);
            Assert.NotNull(r.LiveEventCallbackConfig);
            Assert.Equal("https://hooks.example.com/live", r.LiveEventCallbackConfig.LiveEventTypeCallbackUrl);

            // Objects read back go in again as they are.
            var copy = ps.Run($"$r = Get-MsLiveRoom -RoomId {r.RoomId}; New-MsLiveRoom -Name 'copy' -SceneScript $r.SceneScripts -InteractionRule $r.InteractionRules -PlayPolicy @{{ play_mode = 'TEXT' }}")
                .AssertNoErrors().Single<MsLiveRoom>();
            Assert.NotNull(copy.SceneScripts);
            Assert.Equal(new[] { "Hello", "Bye" }, copy.SceneScripts.Select(s => s.ShootScripts?[0].Text));
            Assert.NotNull(copy.InteractionRules);
            Assert.Equal("See the link", copy.InteractionRules[0].Trigger?.ReplyTexts?[0]);
            Assert.NotNull(copy.PlayPolicy);
            Assert.Equal("TEXT", copy.PlayPolicy.PlayMode);
        }

        [Fact]
        public void List_filters_pages_and_pipes_into_show_set_and_remove()
        {
            using var ps = new PsSession(_emu);
            ps.Run("$model = New-MsAsset -Name 'Anna avatar' -Type HUMAN_MODEL_2D; " +
                   "1..3 | ForEach-Object { New-MsLiveRoom -Name \"lr-pipe-$_\" -Text \"t$_\" -ModelAssetId $model.AssetId -VoiceAssetId v -Description 'keep me' -OutputUrl 'rtmp://a.example.com/x' } | Out-Null; " +
                   "New-MsLiveRoom -Name 'lr-pipe-template' -RoomType TEMPLATE | Out-Null").AssertNoErrors();
            var listed = ps.Run("Get-MsLiveRoom -Name 'lr-pipe-' -First 2").AssertNoErrors().All<MsLiveRoom>().ToList();
            Assert.Equal(new[] { "lr-pipe-1", "lr-pipe-2" }, listed.Select(s => s.RoomName));
            Assert.Single(ps.Run("Get-MsLiveRoom -Name 'lr-pipe-' -Skip 3").AssertNoErrors().Output);
            Assert.Equal("lr-pipe-template", ps.Run("Get-MsLiveRoom -Name 'lr-pipe-' -RoomType TEMPLATE").AssertNoErrors().Single<MsLiveRoom>().RoomName);
            Assert.Equal(3, ps.Run("Get-MsLiveRoom -ModelName 'anna AV'").AssertNoErrors().Output.Count);
            Assert.Equal(4, ps.Run("Get-MsLiveRoom -Name 'lr-pipe-' -LiveState NULL").AssertNoErrors().Output.Count);
            Assert.Empty(ps.Run("Get-MsLiveRoom -Name 'lr-pipe-' -LiveState PROCESSING,FAILED").AssertNoErrors().Output);
            Assert.Empty(ps.Run("Get-MsLiveRoom -Name 'lr-pipe-' -StartTime ([datetime]::UtcNow.AddDays(-1))").AssertNoErrors().Output);
            var list = _emu.Log.All.Last(e => e.Operation == "ListSmartLiveRooms");
            Assert.Contains("start_time=", list.Query);
            var total = ps.Run("Get-MsLiveRoom -Name 'lr-pipe-' -First 1 -IncludeTotalCount").AssertNoErrors().Output;
            Assert.Equal(4UL, (ulong)total[0].BaseObject);

            var table = ps.Run("Get-MsLiveRoom -Name 'lr-pipe-' | Out-Host").AssertNoErrors().HostText;
            Assert.Contains("RoomName", table);
            Assert.Contains("lr-pipe-3", table);
            Assert.Contains("Anna avatar", table);

            var updated = ps.Run("Get-MsLiveRoom -Name 'lr-pipe-1' | Set-MsLiveRoom -Name 'lr-renamed' -Text 'new words'")
                .AssertNoErrors().Single<MsLiveRoom>();
            Assert.Equal("lr-renamed", updated.RoomName);
            Assert.NotNull(updated.SceneScripts);
            Assert.Equal("new words", Assert.Single(Assert.IsType<MsLiveShootScript[]>(Assert.Single(updated.SceneScripts).ShootScripts)).Text);
            Assert.Equal("keep me", updated.RoomDescription);            // fields not given stay
            Assert.Equal(new[] { "rtmp://a.example.com/x" }, updated.OutputUrls);

            ps.Run($"Get-MsLiveRoom -Name 'lr-pipe-' | Remove-MsLiveRoom -Force").AssertNoErrors();
            Assert.Equal(new[] { "lr-renamed" }, ps.Run("Get-MsLiveRoom -Name 'lr-'").All<MsLiveRoom>().Select(s => s.RoomName));
        }

        [Fact]
        public void Set_sends_the_whole_room_and_keeps_unspecified_and_unmodelled_fields()
        {
            using var ps = new PsSession(_emu);
            var r = ps.Run("New-MsLiveRoom -Name 'keep' -Description 'd' -Text 'one' -ModelAssetId m -PrivData 'p' -InteractionRule @{ rule_name = 'r1'; event_type = 2; trigger = @{ reply_texts = @('hi') } } -VideoConfig @{ bitrate = 2000 }")
                .AssertNoErrors().Single<MsLiveRoom>();
            // A field of the official model that this module does not model.
            Assert.NotNull(r.RoomId);
            _emu.State.LiveRooms[r.RoomId].Fields["co_streamer_config"] = new JsonObject { ["streamer_action"] = "SILENCE" };

            var updated = ps.Run($"Set-MsLiveRoom -RoomId {r.RoomId} -Description 'changed'").AssertNoErrors().Single<MsLiveRoom>();
            Assert.Equal(("keep", "changed", "p"), (updated.RoomName, updated.RoomDescription, updated.PrivData));
            Assert.NotNull(updated.SceneScripts);
            Assert.Equal("one", updated.SceneScripts[0].ShootScripts?[0].Text);
            Assert.NotNull(updated.InteractionRules);
            Assert.Equal("r1", Assert.Single(updated.InteractionRules).RuleName);
            Assert.NotNull(updated.VideoConfig);
            Assert.Equal(2000, updated.VideoConfig.Bitrate);
            Assert.Equal("SILENCE", ((System.Management.Automation.PSObject)updated.AdditionalProperties.Properties["co_streamer_config"].Value).Properties["streamer_action"].Value);

            // The emulator stores the body it was sent: the whole room, without the fields the service sets.
            var put = _emu.State.LiveRooms[r.RoomId].Fields;
            Assert.Equal("keep", put["room_name"]!.GetValue<string>());
            Assert.Equal("SILENCE", put["co_streamer_config"]!["streamer_action"]!.GetValue<string>());
            Assert.False(put.ContainsKey("room_id") || put.ContainsKey("create_time") || put.ContainsKey("model_infos"));

            // -Text changes the words of the first scene and keeps the rest of it.
            var rescripted = ps.Run($"Set-MsLiveRoom -RoomId {r.RoomId} -Text 'a','b'").AssertNoErrors().Single<MsLiveRoom>();
            Assert.NotNull(rescripted.SceneScripts);
            Assert.Equal(("keep", "m"), (rescripted.SceneScripts[0].ScriptName, rescripted.SceneScripts[0].ModelAssetId));
            Assert.Equal(new[] { "a", "b" }, rescripted.SceneScripts[0].ShootScripts?.Select(s => s.Text));
            Assert.Equal("changed", rescripted.RoomDescription);
        }

        [Fact]
        public void Unknown_room_id_is_a_clear_not_found_error()
        {
            using var ps = new PsSession(_emu);
            var r = ps.Run("Get-MsLiveRoom -RoomId 0123456789abcdef0123456789abcdef; Set-MsLiveRoom -RoomId 0123456789abcdef0123456789abcdef -Description x; Remove-MsLiveRoom 0123456789abcdef0123456789abcdef -Force; 'after'");
            Assert.Equal(3, r.AllErrors.Count());
            Assert.All(r.AllErrors, e =>
            {
                Assert.Equal("MSS.00000003", Code(e));
                Assert.Equal("0123456789abcdef0123456789abcdef", e.TargetObject);
                Assert.Equal(System.Management.Automation.ErrorCategory.ObjectNotFound, e.CategoryInfo.Category);
            });
            Assert.Contains("does not exist", r.Errors[0].ToString());
            Assert.Equal("after", r.Output.Single().BaseObject);
            Assert.Equal(0, _emu.Log.All.Count(e => e.Operation == "UpdateSmartLiveRoom" && e.Path.Contains("0123456789abcdef")));
        }

        [Fact]
        public void WhatIf_sends_nothing()
        {
            using var ps = new PsSession(_emu);
            var id = ps.Run("(New-MsLiveRoom -Name 'whatif').RoomId").AssertNoErrors().Output.Single().ToString();
            var before = _emu.Log.All.Count;
            var r = ps.Run($"New-MsLiveRoom -Name 'x' -Text a -WhatIf; Set-MsLiveRoom -RoomId {id} -Name y -WhatIf; Remove-MsLiveRoom -RoomId {id} -WhatIf -Force; Get-MsLiveRoom -RoomId {id} | Remove-MsLiveRoom -WhatIf")
                .AssertNoErrors();
            Assert.Empty(r.Output);
            Assert.Contains("What if:", r.HostText);
            Assert.DoesNotContain(_emu.Log.All.Skip(before), e => e.Method != "GET");
            Assert.Equal("whatif", _emu.State.LiveRooms[id].Fields["room_name"]!.GetValue<string>());

            // $WhatIfPreference wins over -Force too.
            var pref = ps.Run($"$WhatIfPreference = $true; Remove-MsLiveRoom -RoomId {id} -Force");
            Assert.Contains("What if:", pref.HostText);
            Assert.DoesNotContain(_emu.Log.All.Skip(before), e => e.Method != "GET");
            Assert.Equal("whatif", _emu.State.LiveRooms[id].Fields["room_name"]!.GetValue<string>());
        }

        [Theory]
        [InlineData("New-MsLiveRoom -Name x -VideoConfig @{ width = 1920; height = 1080 }", "1920x1080")]
        [InlineData("New-MsLiveRoom -Name x -VideoConfig @{ bitrate = 500 }", "bitrate")]
        [InlineData("New-MsLiveRoom -Name x -VideoConfig @{ bitrate = 9000 }", "8000")]
        [InlineData("New-MsLiveRoom -Name x -OutputUrl 'https://example.com/live'", "RTMP")]
        [InlineData("New-MsLiveRoom -Name x -ModelAssetId m", "-Text")]
        [InlineData("New-MsLiveRoom -Name x -SceneScript @{ script_name = 's' }", "shoot_scripts")]
        [InlineData("New-MsLiveRoom -Name x -SceneScript @{ shoot_scripts = @(@{ text_config = @{ text = 'a' } }) }", "script_name")]
        [InlineData("New-MsLiveRoom -Name x -SceneScript 'not json'", "-SceneScript")]
        [InlineData("New-MsLiveRoom -Name x -InteractionRule @{ event_type = 7 }", "event_type")]
        [InlineData("New-MsLiveRoom -Name x -InteractionRule @{ trigger = @{ reply_texts = @('a','b','c','d','e','f') } }", "at most 5")]
        [InlineData("New-MsLiveRoom -Name x -PlayPolicy @{ live_exit_config = @{ max_live_duration = 200 } }", "168")]
        [InlineData("New-MsLiveRoom -Name x -LiveEventCallbackConfig @{ live_event_type_callback_url = 'http://plain.example.com' }", "https")]
        [InlineData("Set-MsLiveRoom -RoomId abc", "Nothing to change")]
        public void Invalid_room_input_is_rejected_before_any_request(string script, string expected)
        {
            using var ps = new PsSession(_emu);
            var before = _emu.Log.All.Count;
            var error = Assert.Single(ps.Run(script).AllErrors);
            Assert.Equal("MetaStudio.InvalidInput", Code(error));
            Assert.Contains(expected, error.Exception.Message);
            Assert.Equal(before, _emu.Log.All.Count);
        }

        [Theory]
        [InlineData("New-MsLiveRoom -Name ''")]
        [InlineData("New-MsLiveRoom -Name x -RoomType OTHER")]
        [InlineData("New-MsLiveRoom -Name x -BackupModelAssetId a,b,c,d,e,f")]
        [InlineData("New-MsLiveRoom -Name x -Description ('d' * 1025)")]
        [InlineData("Get-MsLiveRoom -LiveState RUNNING")]
        [InlineData("Get-MsLiveRoom -RoomId '../x'")]
        public void Out_of_range_parameters_fail_binding_and_send_nothing(string script)
        {
            using var ps = new PsSession(_emu);
            var before = _emu.Log.All.Count;
            Assert.Contains(ps.Run(script).AllErrors, e => e.FullyQualifiedErrorId.StartsWith("ParameterArgumentValidationError", StringComparison.Ordinal));
            Assert.Equal(before, _emu.Log.All.Count);
        }
    }
}
