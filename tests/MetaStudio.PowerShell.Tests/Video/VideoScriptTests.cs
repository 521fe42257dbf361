using System;
using System.Linq;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Tests.Infrastructure;
using MetaStudio.PowerShell.Video;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Video
{
    public class VideoScriptTests : IClassFixture<VideoEmulatorFixture>
    {
        private readonly EmulatorHost _emu;
        public VideoScriptTests(VideoEmulatorFixture f) => _emu = f.Emulator;

        private static string Code(System.Management.Automation.ErrorRecord e) => e.FullyQualifiedErrorId.Split(',')[0];

        [Fact]
        public void New_builds_shots_voice_and_default_video_config_from_typed_parameters()
        {
            using var ps = new PsSession(_emu);
            var script = ps.Run("New-MsVideoScript -Name 'promo' -Text 'Hello','World' -ModelAssetId model-1 -VoiceAssetId voice-1 -Speed 120 -Description 'd'")
                .AssertNoErrors().Single<MsVideoScript>();
            Assert.Equal("promo", script.ScriptName);
            Assert.NotNull(script.ShootScripts);
            Assert.Equal(new[] { 1, 2 }, script.ShootScripts.Select(s => s.SequenceNo ?? 0));
            Assert.Equal(new[] { "Hello", "World" }, script.ShootScripts.Select(s => s.Text));
            Assert.Equal("TEXT", script.ShootScripts[0].ShootScript?.ScriptType);
            Assert.NotNull(script.VoiceConfig);
            Assert.Equal("voice-1", script.VoiceConfig.VoiceAssetId);
            Assert.Equal(120, script.VoiceConfig.Speed);
            Assert.NotNull(script.VideoConfig);
            Assert.Equal(("H264", 1920, 1080, "25"), (script.VideoConfig.Codec, script.VideoConfig.Width, script.VideoConfig.Height, script.VideoConfig.FrameRate));
            Assert.Equal("model-1", script.ModelAssetId);
        }

        [Fact]
        public void Hashtable_configs_and_shoot_scripts_are_merged_without_json()
        {
            using var ps = new PsSession(_emu);
            var script = ps.Run("New-MsVideoScript -Name 'vertical' -ViewMode VERTICAL -ModelAssetId m1 -VoiceConfig @{ VoiceAssetId = 'v9'; volume = 150 } " +
                                "-VideoConfig @{ bitrate = 8000; is_subtitle_enable = $true } -ShootScript @{ shoot_script = @{ script_type = 'TEXT'; text_config = @{ text = 'from a hashtable' } } }")
                .AssertNoErrors().Single<MsVideoScript>();
            Assert.NotNull(script.VoiceConfig);
            Assert.Equal("v9", script.VoiceConfig.VoiceAssetId);
            Assert.Equal(150, script.VoiceConfig.Volume);
            Assert.NotNull(script.VideoConfig);
            Assert.Equal(8000, script.VideoConfig.Bitrate);
            Assert.True(script.VideoConfig.IsSubtitleEnable);
            Assert.NotNull(script.ShootScripts);
            Assert.Equal("from a hashtable", Assert.Single(script.ShootScripts).Text);
            Assert.Equal(1, script.ShootScripts[0].SequenceNo);
            Assert.Equal("VERTICAL", script.ViewMode);
            Assert.Equal((1080, 1920), (script.VideoConfig.Width, script.VideoConfig.Height));

            // Objects read back from the service go in again as they are.
            var again = ps.Run($"$s = Get-MsVideoScript -ScriptId {script.ScriptId}; New-MsVideoScript -Name 'again' -ShootScript $s.ShootScripts -VideoConfig $s.VideoConfig -VoiceConfig $s.VoiceConfig")
                .AssertNoErrors().Single<MsVideoScript>();
            Assert.NotNull(again.ShootScripts);
            Assert.Equal("from a hashtable", Assert.Single(again.ShootScripts).Text);
            Assert.NotNull(again.VideoConfig);
            Assert.Equal((1080, 1920, 8000), (again.VideoConfig.Width, again.VideoConfig.Height, again.VideoConfig.Bitrate));
            Assert.NotNull(again.VoiceConfig);
            Assert.Equal("v9", again.VoiceConfig.VoiceAssetId);
        }

        [Fact]
        public void List_filters_pages_and_pipes_into_show_set_copy_and_remove()
        {
            using var ps = new PsSession(_emu);
            ps.Run("1..3 | ForEach-Object { New-MsVideoScript -Name \"pipe-$_\" -Text \"t$_\" -ModelAssetId m -VoiceAssetId v } | Out-Null").AssertNoErrors();
            var listed = ps.Run("Get-MsVideoScript -Name 'pipe-' -First 2").AssertNoErrors().All<MsVideoScript>().ToList();
            Assert.Equal(new[] { "pipe-1", "pipe-2" }, listed.Select(s => s.ScriptName));
            Assert.Empty(ps.Run("Get-MsVideoScript -Catalog SYSTEM_VIDEO_TEMPLET -Name 'pipe-'").AssertNoErrors().Output);
            Assert.Single(ps.Run("Get-MsVideoScript -Name 'pipe-' -First 1 -Skip 2").AssertNoErrors().Output);
            var table = ps.Run("Get-MsVideoScript -Name 'pipe-' | Out-Host").AssertNoErrors().HostText;
            Assert.Contains("ScriptName", table);
            Assert.Contains("pipe-3", table);

            var updated = ps.Run("Get-MsVideoScript -Name 'pipe-1' | Get-MsVideoScript | Set-MsVideoScript -Name 'renamed' -Text 'new words' -PassThru")
                .AssertNoErrors().Single<MsVideoScript>();
            Assert.Equal("renamed", updated.ScriptName);
            Assert.NotNull(updated.ShootScripts);
            Assert.Equal("new words", Assert.Single(updated.ShootScripts).Text);
            Assert.NotNull(updated.VoiceConfig);
            Assert.Equal("v", updated.VoiceConfig.VoiceAssetId);  // untouched fields stay

            var copy = ps.Run("Get-MsVideoScript -Name 'renamed' | Copy-MsVideoScript").AssertNoErrors().Single<MsVideoScript>();
            Assert.NotEqual(updated.ScriptId, copy.ScriptId);
            Assert.NotNull(copy.ShootScripts);
            Assert.Equal("new words", copy.ShootScripts[0].Text);

            ps.Run($"Get-MsVideoScript -ScriptId {updated.ScriptId} | Remove-MsVideoScript -Confirm:$false").AssertNoErrors();
            Assert.Equal(new[] { copy.ScriptId }, ps.Run("Get-MsVideoScript -Name 'renamed'").All<MsVideoScript>().Select(s => s.ScriptId));
        }

        [Fact]
        public void WhatIf_changes_nothing()
        {
            using var ps = new PsSession(_emu);
            var before = _emu.Log.All.Count;
            var r = ps.Run("New-MsVideoScript -Name 'x' -Text 'a' -WhatIf; Start-MsVideoTask -Text 'a' -ModelAssetId m -VoiceAssetId v -WhatIf; Remove-MsVideoScript -ScriptId abc -WhatIf -Force; New-MsTtsAudition -Text a -VoiceAssetId v -WhatIf")
                .AssertNoErrors();
            Assert.Empty(r.Output);
            // Only reads: the names for the messages (of objects that do not exist here, so ids alone are shown).
            Assert.All(_emu.Log.All.Skip(before), e => Assert.StartsWith("Show", e.Operation));
            Assert.Contains("video script abc", r.HostText);
        }

        [Fact]
        public void Unknown_script_id_is_a_clear_not_found_error()
        {
            using var ps = new PsSession(_emu);
            var r = ps.Run("Get-MsVideoScript -ScriptId 0123456789abcdef0123456789abcdef; 'after'");
            var error = Assert.Single(r.AllErrors);
            Assert.Equal("MSS.00000003", Code(error));
            Assert.Equal("0123456789abcdef0123456789abcdef", error.TargetObject);
            Assert.Contains("does not exist", error.ToString());
            Assert.Equal("after", r.Output.Single().BaseObject);  // non-terminating
        }

        [Theory]
        [InlineData("New-MsVideoScript -Name x -Text 'a' -Width 1000 -Height 1000", "1000x1000")]
        [InlineData("New-MsVideoScript -Name x -Text 'a' -VideoConfig @{ bitrate = 20 }", "bitrate")]
        [InlineData("New-MsVideoScript -Name x -Text ''", "no text")]
        [InlineData("New-MsVideoScript -Name x -Text ('a' * 10001)", "10001")]
        [InlineData("New-MsVideoScript -Name x -Text 'a' -VoiceConfig @{ voice_asset_id = 'v'; speed = 500 }", "speed")]
        [InlineData("Set-MsVideoScript -ScriptId abc", "Nothing to change")]
        public void Invalid_content_is_rejected_before_any_request(string script, string expected)
        {
            using var ps = new PsSession(_emu);
            var before = _emu.Log.All.Count;
            var r = ps.Run(script);
            var error = Assert.Single(r.AllErrors);
            Assert.Equal("MetaStudio.InvalidInput", Code(error));
            Assert.Contains(expected, error.Exception.Message);
            Assert.Equal(before, _emu.Log.All.Count);
        }

        [Theory]
        [InlineData("New-MsVideoScript -Name x -Text 'a' -VideoConfig @{ codec = 'AV1' }", "$.video_config.codec: 'AV1' is not a value of 'codec'. Allowed: H264, VP8, VP9, QTRLE.")]
        [InlineData("New-MsVideoScript -Name x -Text 'a' -VideoConfig @{ codek = 'H264' }", "$.video_config.codek: VideoConfig has no field 'codek'")]
        [InlineData("New-MsVideoScript -Name x -Text 'a' -ShootScript @{ shoot_script = @{ script_type = 'AUDIO'; audio_drive_action_config = @(@{ action_name = 'wave' }) } }",
            "$.shoot_scripts[1].shoot_script.audio_drive_action_config[0].action_tag: AudioDriveActionConfig requires 'action_tag'.")]
        public void Content_outside_the_official_model_is_rejected_naming_its_path(string script, string expected)
        {
            using var ps = new PsSession(_emu);
            var before = _emu.Log.All.Count;
            var r = ps.Run(script);
            var error = Assert.Single(r.AllErrors);
            Assert.Equal("MetaStudio.SpecViolation", Code(error));
            Assert.Equal(System.Management.Automation.ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Contains(expected, error.Exception.Message);
            Assert.Equal(before, _emu.Log.All.Count);
        }

        [Theory]
        [InlineData("New-MsVideoScript -Name x -Text 'a' -Bitrate 20")]
        [InlineData("New-MsVideoScript -Name x -Text 'a' -Codec AV1")]
        [InlineData("New-MsVideoScript -Name x -Text 'a' -Speed 20")]
        [InlineData("Get-MsVideoScript -ScriptId '../etc'")]
        [InlineData("Get-MsVideoScript -Catalog OTHER")]
        public void Out_of_range_parameters_fail_binding_and_send_nothing(string script)
        {
            using var ps = new PsSession(_emu);
            var before = _emu.Log.All.Count;
            var r = ps.Run(script);
            Assert.Contains(r.AllErrors, e => e.FullyQualifiedErrorId.StartsWith("ParameterArgumentValidationError", StringComparison.Ordinal));
            Assert.Equal(before, _emu.Log.All.Count);
        }
    }
}
