using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.Json.Nodes;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.LiveRooms;
using MetaStudio.PowerShell.Tests.Infrastructure;
using MetaStudio.PowerShell.Video;
using MetaStudio.PowerShell.Voice;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Conformance
{
    /// <summary>The places where the module and its emulator had drifted from the official client, each pinned down.</summary>
    public class DivergenceTests : IClassFixture<EmulatorFixture>, IDisposable
    {
        private readonly EmulatorHost _emu;
        private readonly string _photo = Path.Combine(Path.GetTempPath(), "ms-photo-" + Guid.NewGuid().ToString("N") + ".jpg");

        public DivergenceTests(EmulatorFixture f)
        {
            _emu = f.Emulator;
            File.WriteAllBytes(_photo, new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 9, 8, 7 });
        }

        public void Dispose() => File.Delete(_photo);

        private static string Code(ErrorRecord e) => e.FullyQualifiedErrorId.Split(',')[0];

        /// <summary>Equal JSON, whatever the order of object members (hashtables have none).</summary>
        private static void Same(string expected, JsonNode? actual)
            => Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected}, got {actual?.ToJsonString()}");

        private JsonObject LastBody(string operation)
            => Assert.IsType<JsonObject>(JsonNode.Parse(Assert.IsType<string>(_emu.Log.All.Last(e => e.Operation == operation).Body)));

        [Fact]
        public void Set_MsModelTrainingJob_sends_only_fields_of_the_official_update_model()
        {
            using var ps = new PsSession(_emu);
            var job = ps.Run("New-MsModelTrainingJob -Name 'div-train' -ModelVersion V3.3 -IsFlexus -Contact 'a'").AssertNoErrors().Single<MetaStudio.PowerShell.Imaging.MsModelTrainingJob>();
            Assert.Equal(("V3.3", true), (LastBody("Create2dModelTrainingJob")["model_version"]!.GetValue<string>(), LastBody("Create2dModelTrainingJob")["is_flexus"]!.GetValue<bool>()));
            ps.Run($"Set-MsModelTrainingJob -JobId {job.JobId} -Contact 'b' -IsFastFlexus").AssertNoErrors();
            var update = LastBody("Update2dModelTrainingJob");
            Assert.False(update.ContainsKey("model_version") || update.ContainsKey("is_flexus"), update.ToJsonString());
            Assert.Equal(("b", "div-train", true), (update["contact"]!.GetValue<string>(), update["name"]!.GetValue<string>(), update["is_fast_flexus"]!.GetValue<bool>()));
            // What only a create takes is no parameter of Set.
            var r = ps.Run($"Set-MsModelTrainingJob -JobId {job.JobId} -ModelVersion V3");
            Assert.IsAssignableFrom<ParameterBindingException>(Assert.Single(r.AllErrors).Exception);
        }

        [Fact]
        public void Get_MsAsset_has_no_RenderEngine_filter_which_the_official_list_does_not_take()
        {
            using var ps = new PsSession(_emu);
            var before = _emu.Log.All.Count;
            var r = ps.Run("Get-MsAsset -RenderEngine UE | Remove-MsAsset -Force");
            Assert.IsAssignableFrom<ParameterBindingException>(Assert.Single(r.AllErrors).Exception);
            Assert.Equal(before, _emu.Log.All.Count);   // nothing listed, nothing removed
            var sent = ps.Run("Invoke-MsRequest -Operation ListAssets -Query @{ render_engine = 'UE' }");
            Assert.Equal("MetaStudio.SpecViolation", Code(Assert.Single(sent.AllErrors)));
            Assert.Contains("?render_engine: ListAssets has no query parameter 'render_engine'", sent.AllErrors.Single().Exception.Message);
            Assert.Equal(before, _emu.Log.All.Count);
        }

        [Theory]
        [InlineData("Complete-MsAssetFile -FileId f1 -AutoMetaAnalysis")]
        [InlineData("Invoke-MsLiveCommand -RoomId r1 -JobId j1 -Command SHOW_LAYER")]
        [InlineData("Get-MsAsset -Source GROUP_CUSTOMIZATION")]
        [InlineData("New-MsVideoScript -Name n -ModelAssetType HUMAN_MODEL_3D")]
        [InlineData("Set-MsModelTrainingJob -JobId j1 -IsFlexus")]
        public void Names_and_values_outside_the_official_models_are_refused_before_any_request(string script)
        {
            using var ps = new PsSession(_emu);
            var before = _emu.Log.All.Count;
            var error = Assert.Single(ps.Run(script).AllErrors);
            Assert.IsAssignableFrom<ParameterBindingException>(error.Exception);
            Assert.Equal(before, _emu.Log.All.Count);
        }

        [Fact]
        public void Official_values_that_used_to_be_refused_are_accepted_and_sent()
        {
            using var ps = new PsSession(_emu);
            ps.Run("New-MsModelTrainingJob -Name 'div-v33' -ModelVersion V3.3").AssertNoErrors();
            Assert.Equal("V3.3", LastBody("Create2dModelTrainingJob")["model_version"]!.GetValue<string>());
            ps.Run("New-MsVideoScript -Name 'div-qtrle' -Text 'hi' -Codec QTRLE").AssertNoErrors();
            Assert.Equal("QTRLE", LastBody("CreateVideoScripts")["video_config"]!["codec"]!.GetValue<string>());
            var asset = ps.Run("New-MsAsset -Name 'div-wait' -Type IMAGE | Set-MsAsset -State WAITING_DELETE").AssertNoErrors().Single<MetaStudio.PowerShell.Assets.MsAsset>();
            Assert.Equal("WAITING_DELETE", asset.AssetState);
            var job = ps.Run("New-MsModelTrainingJob -Name 'div-letter'").AssertNoErrors().Single<MetaStudio.PowerShell.Imaging.MsModelTrainingJob>();
            ps.Run($"Invoke-MsModelTrainingCommand -JobId {job.JobId} -Command CONFIRM_AUTHORIZATION_LETTER");
            Assert.Equal("CONFIRM_AUTHORIZATION_LETTER", LastBody("Execute2dModelTrainingCommandByUser")["command"]!.GetValue<string>());
            var live = ps.Run("New-MsLiveRoom -Name 'div-live' -Text 'hi' | Start-MsLiveTask -Wait -PollIntervalSec 0.2 -Timeout 60").AssertNoErrors().Single<MetaStudio.PowerShell.LiveTasks.MsLiveTask>();
            var result = ps.Run("$args0 | Invoke-MsLiveCommand -Command RESET_EXIT_CONFIG -Parameters @{ max_live_duration = 2 }", new Dictionary<string, object> { ["args0"] = live })
                .AssertNoErrors().Single<MetaStudio.PowerShell.LiveTasks.MsLiveCommandResult>();
            Assert.Equal("RESET_EXIT_CONFIG", result.Command);
            ps.Run("$args0 | Stop-MsLiveTask -Force", new Dictionary<string, object> { ["args0"] = live }).AssertNoErrors();
        }

        [Fact]
        public void Set_MsLiveRoom_changes_only_what_was_asked_and_keeps_each_scenes_model_voice_and_settings()
        {
            using var ps = new PsSession(_emu);
            var room = ps.Run("New-MsLiveRoom -Name 'div-scenes' -SceneScript " +
                              "@{ script_name = 'intro'; script_description = 'first'; model_asset_id = 'm1'; voice_config = @{ voice_asset_id = 'v1'; speed = 120; volume = 150 }; " +
                              "   background_config = @(@{ background_type = 'COLOR'; background_color_config = '#000000' }); shoot_scripts = @(@{ sequence_no = 1; title = 'a'; text_config = @{ text = 'Hello' } }) }, " +
                              "@{ script_name = 'outro'; model_asset_id = 'm2'; voice_config = @{ voice_asset_id = 'v2'; pitch = 80 }; shoot_scripts = @(@{ sequence_no = 1; text_config = @{ text = 'Bye' } }) }")
                .AssertNoErrors().Single<MsLiveRoom>();
            Assert.NotNull(room.RoomId);

            // -Text: the first scene's words change; its model, voice (speed, volume), description and background stay; the second scene is untouched.
            ps.Run($"Set-MsLiveRoom -RoomId {room.RoomId} -Text 'Welcome','Today only'").AssertNoErrors();
            var scenes = Assert.IsType<JsonArray>(_emu.State.LiveRooms[room.RoomId].Fields["scene_scripts"]);
            Assert.Equal(2, scenes.Count);
            var intro = scenes[0]!.AsObject();
            Assert.Equal(("intro", "first", "m1"), (intro["script_name"]!.GetValue<string>(), intro["script_description"]!.GetValue<string>(), intro["model_asset_id"]!.GetValue<string>()));
            Same("{\"voice_asset_id\":\"v1\",\"speed\":120,\"volume\":150}", intro["voice_config"]);
            Assert.Equal("COLOR", intro["background_config"]![0]!["background_type"]!.GetValue<string>());
            Assert.Equal(new[] { "Welcome", "Today only" }, intro["shoot_scripts"]!.AsArray().Select(s => s!["text_config"]!["text"]!.GetValue<string>()));
            Same("{\"script_name\":\"outro\",\"model_asset_id\":\"m2\",\"voice_config\":{\"voice_asset_id\":\"v2\",\"pitch\":80},\"shoot_scripts\":[{\"sequence_no\":1,\"text_config\":{\"text\":\"Bye\"}}]}",
                scenes[1]);

            // -ScriptName with -VoiceAssetId: that scene's voice changes, its pitch, model and words stay.
            ps.Run($"Set-MsLiveRoom -RoomId {room.RoomId} -ScriptName outro -VoiceAssetId v9 -ModelAssetId m9").AssertNoErrors();
            var outro = Assert.IsType<JsonArray>(_emu.State.LiveRooms[room.RoomId].Fields["scene_scripts"])[1]!.AsObject();
            Same("{\"script_name\":\"outro\",\"model_asset_id\":\"m9\",\"voice_config\":{\"voice_asset_id\":\"v9\",\"pitch\":80},\"shoot_scripts\":[{\"sequence_no\":1,\"text_config\":{\"text\":\"Bye\"}}]}",
                outro);

            // A room field alone leaves every scene as it is.
            var before = _emu.State.LiveRooms[room.RoomId].Fields["scene_scripts"]!.DeepClone();
            ps.Run($"Set-MsLiveRoom -RoomId {room.RoomId} -Description 'evening'").AssertNoErrors();
            Assert.True(JsonNode.DeepEquals(before, _emu.State.LiveRooms[room.RoomId].Fields["scene_scripts"]));

            var bad = ps.Run($"Set-MsLiveRoom -RoomId {room.RoomId} -ScriptName nope -VoiceAssetId v1");
            Assert.Contains("no scene 'nope'", Assert.Single(bad.AllErrors).Exception.Message);
        }

        [Fact]
        public void Photo_video_tasks_are_shown_waited_on_and_cancelled_through_their_own_operations()
        {
            using var ps = new PsSession(_emu);
            var vars = new Dictionary<string, object> { ["photo"] = _photo };
            var started = ps.Run("Start-MsVideoTask -HumanImagePath $photo -AuthorizeHumanImage -Text 'Hi from a photo' -VoiceAssetId voice-1 -OutputAssetName 'div-photo'", vars)
                .AssertNoErrors().Single<MsVideoTask>();
            Assert.Equal(VideoApi.PhotoJobType, started.JobType);
            Assert.NotNull(started.AssetId);                                    // named at creation, as output_asset_config.asset_id is required
            var create = LastBody("CreatePhotoDigitalHumanVideo");
            Assert.Equal(Convert.ToBase64String(File.ReadAllBytes(_photo)), create["human_image"]!.GetValue<string>());
            Same("{\"codec\":\"H264\",\"bitrate\":4000,\"frame_rate\":\"25\"}", create["video_config"]);
            Assert.False(create.ContainsKey("model_asset_id"));

            var done = ps.Run("$args0 | Wait-MsVideoTask -PollIntervalSec 0.2 -Timeout 60", new Dictionary<string, object> { ["args0"] = started }).AssertNoErrors().Single<MsVideoTask>();
            Assert.Equal(("SUCCEED", started.AssetId), (done.State, done.AssetId));
            var shown = ps.Run("$args0 | Get-MsVideoTask -ShowScript", new Dictionary<string, object> { ["args0"] = done }).AssertNoErrors().Single<MsVideoTask>();
            Assert.NotNull(shown.ShootScripts);
            Assert.Equal("Hi from a photo", shown.ShootScripts[0].Text);
            Assert.Contains(done.JobId, ps.Run("Get-MsVideoTask -JobType DIGITAL_HUMAN_PHOTO_VIDEO").AssertNoErrors().All<MsVideoTask>().Select(t => t.JobId));

            var queued = ps.Run("Start-MsVideoTask -HumanImagePath $photo -Text 'later' -VoiceAssetId voice-1 -OutputAssetName 'div-QUEUED-photo' | Stop-MsVideoTask -Force -PassThru", vars)
                .AssertNoErrors().Single<MsVideoTask>();
            Assert.Equal("CANCELED", queued.State);

            var calls = _emu.Log.All.Where(e => e.Path.EndsWith("/" + started.JobId, StringComparison.Ordinal) || e.Path.Contains("/" + queued.JobId)).Select(e => e.Operation).Distinct().ToList();
            Assert.Contains("ShowPhotoDigitalHumanVideo", calls);
            Assert.Contains("CancelPhotoDigitalHumanVideo", calls);
            Assert.DoesNotContain("Show2DDigitalHumanVideo", calls);
            Assert.DoesNotContain("Cancel2DDigitalHumanVideo", calls);

            var refused = ps.Run("Start-MsVideoTask -HumanImagePath $photo -Text 'x' -VoiceAssetId v -ModelAssetId m", vars);
            Assert.Contains("-ModelAssetId is for videos of an avatar model", Assert.Single(refused.AllErrors).Exception.Message);
        }

        [Fact]
        public void The_emulators_answers_carry_the_official_fields_and_only_those()
        {
            using var ps = new PsSession(_emu);
            // Right after a create, a video task names its output asset (output_asset_config.asset_id is required).
            var task = ps.Run("Start-MsVideoTask -Text 'hi' -ModelAssetId m -VoiceAssetId v -OutputAssetName 'div-QUEUED-fields'").AssertNoErrors().Single<MsVideoTask>();
            Assert.Equal("WAITING", task.State);
            Assert.NotNull(task.OutputAssetConfig);
            Assert.False(string.IsNullOrEmpty(task.OutputAssetConfig.AssetId));
            Assert.NotNull(task.AssetId);
            Assert.Equal("CREATING", _emu.State.Assets[task.AssetId].AssetState);
            ps.Run($"Stop-MsVideoTask -JobId {task.JobId} -Force").AssertNoErrors();

            PSObject Raw(string script) => ps.Run(script).AssertNoErrors().Output.Single();
            bool Has(object o, string name) => PSObject.AsPSObject(o).Properties[name] != null;
            var list = Raw("Invoke-MsRequest -Operation ListDigitalHumanVideo -Query @{ asset_name = 'div-QUEUED-fields' }");
            var item = PSObject.AsPSObject(((object[])list.Properties["jobs"].Value)[0]);
            Assert.False(Has(item, "script_id"));
            Assert.True(Has(item.Properties["output_asset_config"].Value, "asset_id"));

            var script = ps.Run("New-MsVideoScript -Name 'div-fields' -Text 'hi' -ViewMode VERTICAL").AssertNoErrors().Single<MsVideoScript>();
            var shown = Raw($"Invoke-MsRequest -Operation ShowVideoScript -PathParameter @{{ script_id = '{script.ScriptId}' }}");
            Assert.False(Has(shown, "script_type") || Has(shown, "text"));
            var listed = PSObject.AsPSObject(((object[])Raw("Invoke-MsRequest -Operation ListVideoScripts -Query @{ name = 'div-fields' }").Properties["video_scripts"].Value)[0]);
            Assert.False(Has(listed, "view_mode"));

            var room = ps.Run("New-MsLiveRoom -Name 'div-fields' -Text 'hi' -ModelAssetId m").AssertNoErrors().Single<MsLiveRoom>();
            Assert.False(Has(Raw($"Invoke-MsRequest -Operation ShowSmartLiveRoom -PathParameter @{{ room_id = '{room.RoomId}' }}"), "model_infos"));

            var voice = ps.Run("New-MsVoiceTrainingJob -VoiceName 'div-fields' -Description 'kept but not echoed'").AssertNoErrors().Single<MsVoiceTrainingJob>();
            Assert.False(Has(Raw($"Invoke-MsRequest -Operation ShowVoiceTrainingJob -PathParameter @{{ job_id = '{voice.JobId}' }}"), "description"));
            var log = PSObject.AsPSObject(((object[])Raw($"Invoke-MsRequest -Operation ListJobOperationLog -PathParameter @{{ job_id = '{voice.JobId}' }}").Properties["operations"].Value)[0]);
            Assert.Equal(new[] { "time", "action", "operator" }, log.Properties.Select(p => p.Name));
            Assert.IsType<long>(log.Properties["time"].Value);
        }
    }
}
