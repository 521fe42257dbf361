using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using MetaStudio.Emulator;
using MetaStudio.Emulator.Infrastructure;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Spec;
using MetaStudio.PowerShell.Tests.Infrastructure;
using MetaStudio.PowerShell.Tests.Module;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Conformance
{
    /// <summary>
    /// A walk over all operations through the cmdlets, with their richest parameters: every request the cmdlets send
    /// (captured at the emulator) matches the official request model, with no name the model lacks, and every answer
    /// the emulator gives matches the official response model (its strict mode fails loudly and records otherwise).
    /// </summary>
    public class WireConformanceTests : IAsyncLifetime
    {
        private EmulatorHost _emu = null!;   // set in InitializeAsync, which xunit runs before each test
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "ms-wire-" + Guid.NewGuid().ToString("N"));

        public async Task InitializeAsync()
        {
            Directory.CreateDirectory(_dir);
            _emu = await EmulatorHost.StartAsync(new EmulatorOptions());
        }

        public async Task DisposeAsync()
        {
            await _emu.DisposeAsync();
            Directory.Delete(_dir, true);
        }

        private string File(string name, int size, byte first = 1)
        {
            var path = Path.Combine(_dir, name);
            var bytes = new byte[size];
            new Random(size).NextBytes(bytes);
            bytes[0] = first;
            System.IO.File.WriteAllBytes(path, bytes);
            return path;
        }

        private const string Walk = @"
$ErrorActionPreference = 'Stop'
$since = [datetime]::UtcNow.AddHours(-1); $until = [datetime]::UtcNow.AddHours(1)

# Assets and files
$a = New-MsAsset -Name 'wire-asset' -Type IMAGE -Description 'd' -Tag 'x','y' -ExtraMeta @{ image_meta = @{ width = 10; height = 20; mode = 'Horizontal' } } -SharedConfig @{ shared_type = 'PRIVATE' } -ReviewConfig @{ no_need_review = $true }
$null = Get-MsAsset -Name 'wire' -Tag 'x' -TagCombination INTERSECTION -Type IMAGE,VIDEO -State ACTIVED,CREATING -Source CUSTOMIZATION -StartTime $since -EndTime $until -SortDirection desc -Sex MALE -Language CN -StyleId 's1' -SupportedService VIDEO_2D -AppUserId 'u1'
$null = $a | Send-MsAssetFile -Path $image -Category MAIN
$null = $a | Send-MsAssetFile -Path $big -Category OTHER -LargeFileThresholdMB 1 -PartSizeMB 1
$cover = New-MsAssetFile -AssetId $a.AssetId -FileName 'cover.png' -FileSize 16 -FileMd5 '1B2M2Y8AsgTpgAmY7PhCfg==' -Category COVER
$cover | Complete-MsAssetFile -State CANCELLED -Confirm:$false
$cover2 = New-MsAssetFile -AssetId $a.AssetId -FileName 'cover2.png' -FileSize 16 -FileMd5 '1B2M2Y8AsgTpgAmY7PhCfg==' -Category COVER
Remove-MsAssetFile -FileId $cover2.FileId -Force
$null = Set-MsAsset -AssetId $a.AssetId -Name 'wire-asset-2' -Description 'e' -Tag 'z' -State UNACTIVED -ExtraMeta @{ image_meta = @{ width = 11 } }
$null = Get-MsAsset -AssetId $a.AssetId
$null = Get-MsAssetSummary -AssetId $a.AssetId
Enable-MsAsset -AssetId $a.AssetId
Disable-MsAsset -AssetId $a.AssetId
Remove-MsAsset -AssetId $a.AssetId -Force
Restore-MsAsset -AssetId $a.AssetId
$info = Get-MsAssetReplicationInfo -AssetId $a.AssetId
$null = $info | Copy-MsAsset -Session $other

# Video scripts, tasks, TTS
$model = New-MsAsset -Name 'wire-model' -Type HUMAN_MODEL_2D
$voice = New-MsAsset -Name 'wire-voice' -Type VOICE_MODEL
$content = @{ ModelAssetId = $model.AssetId; VoiceAssetId = $voice.AssetId; Speed = 100; Pitch = 100; Volume = 140 }
$s = New-MsVideoScript -Name 'wire-script' @content -Description 'd' -ViewMode LANDSCAPE -ModelAssetType HUMAN_MODEL_2D -PrivData 'p' -Text 'one','two' -Width 1920 -Height 1080 -Codec QTRLE -Bitrate 4000 -FrameRate 30 -SubtitleEnabled -ShootScript @{ shoot_script = @{ script_type = 'TEXT'; text_config = @{ text = 'three' } } } -BackgroundMusicConfig @{ music_asset_id = $voice.AssetId; volume = 50 }
$null = Get-MsVideoScript -Name 'wire' -Catalog VIDEO_DRAFT -ViewMode LANDSCAPE
$null = Set-MsVideoScript -ScriptId $s.ScriptId -Name 'wire-script-2' -Text 'new' -VideoConfig @{ clip_mode = 'RESIZE'; width = 1080; height = 1920 } -VoiceConfig @{ voice_asset_id = $voice.AssetId; speed = 90 } -PassThru
$copy = Copy-MsVideoScript -ScriptId $s.ScriptId
$t = Start-MsVideoTask -ScriptId $s.ScriptId -OutputAssetName 'wire-QUEUED-video' -CallbackUrl 'http://127.0.0.1:9/callback' -CallbackAuthType MSS_A -CallbackKey 'k'
$null = Get-MsVideoTask -JobId $t.JobId -ShowScript
$null = $t | Stop-MsVideoTask -Force -PassThru
$null = Start-MsVideoTask -Text 'inline' @content -OutputAssetName 'wire-inline' -Wait -PollIntervalSec 0.2 -Timeout 60
$p = Start-MsVideoTask -HumanImagePath $photo -AuthorizeHumanImage -Text 'photo' -VoiceAssetId $voice.AssetId -FrameRate 25 -Bitrate 3000 -OutputAssetName 'wire-photo' -Wait -PollIntervalSec 0.2 -Timeout 60
$null = $p | Get-MsVideoTask -ShowScript
$q = Start-MsVideoTask -HumanImagePath $photo -Text 'photo' -VoiceAssetId $voice.AssetId -OutputAssetName 'wire-QUEUED-photo'
$null = $q | Stop-MsVideoTask -Force -PassThru
$null = Get-MsVideoTask -State SUCCEED,CANCELED -StartTime $since -EndTime $until -ScriptId $s.ScriptId -AssetName 'wire' -JobType 2D_DIGITAL_HUMAN_VIDEO -Descending
$null = Get-MsVideoTask -JobType PHOTO_DIGITAL_HUMAN_VIDEO
Remove-MsVideoScript -ScriptId $copy.ScriptId -Force
$tts = New-MsTtsAudition -Text 'hello' -VoiceAssetId $voice.AssetId -Speed 100 -Pitch 100 -Volume 140
$null = Get-MsTtsAudition -JobId $tts.JobId -OutFile $wav -PollIntervalSec 0.1 -Timeout 30

# Live rooms, rule libraries, products, live tasks
$rule = @{ rule_name = 'price'; event_type = 1; enabled = $true; hit_condition = @{ relation = 'OR'; priority = 5; tags = @(@{ tag = 'content'; operation = 'NONE'; match = 'REGEX'; value = 'price' }) }; trigger = @{ time_window = 60; reply_mode = 'SYSTEM_REPLY'; reply_texts = @('See the link'); reply_order = 'ORDER'; play_type = 'APPEND' } }
$g = New-MsInteractionRuleGroup -Name 'wire-rules' -Rule $rule
$null = Get-MsInteractionRuleGroup -Name 'wire' -StartTime $since -EndTime $until
$null = Get-MsInteractionRuleGroup -GroupId $g.GroupId
$null = Set-MsInteractionRuleGroup -GroupId $g.GroupId -Rule $rule
$r = New-MsLiveRoom -Name 'wire-room' -Description 'd' -RoomType NORMAL -Text 'hi' -ModelAssetId $model.AssetId -VoiceAssetId $voice.AssetId -ScriptName 'intro' -SceneScript @{ script_name = 'outro'; shoot_scripts = @(@{ sequence_no = 1; title = 't'; text_config = @{ text = 'bye' } }) } -InteractionRule $rule -PlayPolicy @{ repeat_count = -1; auto_play_script = $true; play_mode = 'TEXT'; random_play_mode = 'NONE'; live_exit_config = @{ max_live_duration = 2; auto_stop_mode = 'FORCE_EXIT' } } -VideoConfig @{ bitrate = 5000; frame_rate = '25' } -OutputUrl 'rtmp://live.example.com/app' -StreamKey 'k' -BackupModelAssetId $model.AssetId -LiveEventCallbackConfig @{ live_event_type_callback_url = 'https://hooks.example.com/e'; auth_type = 'NONE'; callback_event_type = @('COMMENT') } -PrivData 'p'
$null = Get-MsLiveRoom -Name 'wire' -ModelName 'wire' -LiveState NULL -RoomType NORMAL
$null = Get-MsLiveRoom -Name 'wire' -StartTime $since -EndTime $until
$null = Set-MsLiveRoom -RoomId $r.RoomId -Name 'wire-room' -ScriptName 'outro' -Text 'later' -VoiceAssetId $voice.AssetId
$job = $r | Start-MsLiveTask -VideoConfig @{ bitrate = 4000 } -PlayPolicy @{ repeat_count = 0 } -OutputUrl 'rtmp://live.example.com/other' -StreamKey 'k2' -InteractionCallbackUrl 'https://hooks.example.com/i' -LiveEventCallbackConfig @{ live_event_type_callback_url = 'https://hooks.example.com/e' } -ViewMode VERTICAL -Wait -PollIntervalSec 0.2 -Timeout 60
$null = $job | Invoke-MsLiveCommand -Text 'now' -PlayType PLAY_NOW
$null = $job | Invoke-MsLiveCommand -Command GET_CURRENT_PLAYING_SCRIPTS
$null = $job | Send-MsLiveEvent -Comment 'hello' -UserName 'v'
$null = Get-MsLiveTask -RoomName 'wire' -State PROCESSING -StartTime $since -EndTime $until -SortDirection Descending
$null = Get-MsLiveTask -RoomId $r.RoomId -State PROCESSING
$null = Get-MsLiveTask -RoomId $r.RoomId -JobId $job.JobId
$null = $job | Stop-MsLiveTask -Force -PassThru
$pic = New-MsAsset -Name 'wire-pic' -Type IMAGE
$prod = New-MsProduct -Name 'wire-product' -Description 'd' -Tag 'a' -CoverAssetId $pic.AssetId -Text 'good', @{ Title = 't'; Text = 'great' } -Asset @{ asset_id = $pic.AssetId; asset_type = 'IMAGE'; order = 1 } -AutoActive
$null = Get-MsProduct -Name 'wire' -Tag 'a' -State ACTIVED -StartTime $since -EndTime $until -SortKey update_time -SortDirection desc
$null = Set-MsProduct -ProductId $prod.ProductId -Name 'wire-product-2' -State UNACTIVED
Add-MsProductAsset -ProductId $prod.ProductId -Title 'extra' -Text 'more'
$null = Remove-MsProductAsset -ProductId $prod.ProductId -Title 'extra' -Text 'more' -Force -PassThru
Remove-MsProduct -ProductId $prod.ProductId -Force
Remove-MsLiveRoom -RoomId $r.RoomId -Force
Remove-MsInteractionRuleGroup -GroupId $g.GroupId -Force

# Image modeling
$tj = New-MsModelTrainingJob -Name 'wire-train' -ModelVersion V3.3 -IsFlexus -Contact 'c' -BatchName 'b' -Tag 't' -IsFastFlexus -IsBackgroundReplacement -AudioSourceType VIDEO -SupportedService VIDEO_2D,LIVE_2D -VideoMultipartCount 1 -CommandMessage UPLOAD_VIDEO -VoiceProperties @{ job_tag = 'NEWS'; sex = 'FEMALE'; language = 'CN' }
$null = Get-MsModelTrainingJob -Name 'wire' -BatchName 'b' -Tag 't' -State WAIT_FILE_UPLOAD -StartTime $since -EndTime $until -ModelResolution 1080P -IsFlexus -SortDirection desc
$tj2 = Set-MsModelTrainingJob -JobId $tj.JobId -Name 'wire-train-2' -Contact 'd' -Tag 'u' -IsFastFlexus:$false -VoiceProperties @{ job_tag = 'ECOMMERCE'; sex = 'MALE'; language = 'EN' }
$null = $tj2 | Send-MsModelTrainingFile -VideoPath $video -Submit
$null = Invoke-MsModelTrainingCommand -JobId $tj.JobId -Command GET_MULTIPART_UPLOADED -CommandMessage UPLOAD_VIDEO
$null = Get-MsModelTrainingJob -JobId $tj.JobId
$null = Wait-MsModelTrainingJob -JobId $tj.JobId -PollIntervalSec 0.2 -Timeout 60
Remove-MsModelTrainingJob -JobId $tj.JobId -Force

# Voice modeling
$null = Get-MsVoiceTrainingQuota
$vj = New-MsVoiceTrainingJob -VoiceName 'wire-voice-1' -CreateType PACKAGE -Tag NEWS -Sex FEMALE -Language CN -Phone '1' -Description 'd'
$null = New-MsVoiceTrainingJob -VoiceName 'wire-voice-2' -Edition Advanced -CreateType SEGMENT
$seg = New-MsVoiceTrainingJob -VoiceName 'wire-voice-3' -Edition Premium -CreateType SEGMENT
$null = $vj | Send-MsVoiceTrainingData -Path $zip -AuthorizationLetterPath $letter
$null = Get-MsVoiceTrainingUploadUrl -JobId $seg.JobId
$null = Confirm-MsVoiceTrainingSegment -JobId $seg.JobId -Index 0
$null = Get-MsVoiceTrainingSegment -JobId $seg.JobId
$null = Submit-MsVoiceTrainingJob -JobId $vj.JobId -VoiceName 'wire-voice-1b' -Tag ECOMMERCE -Sex MALE -Language EN -Phone '2' -Description 'e'
$null = Wait-MsVoiceTrainingJob -JobId $vj.JobId -PollIntervalSec 0.2 -Timeout 60
$null = Get-MsVoiceTrainingJob -VoiceName 'wire' -State SUCCEED -Tag ECOMMERCE -JobType BASIC -BatchName 'x' -StartTime $since -EndTime $until -IsOnDemandResource:$false
$null = Get-MsVoiceTrainingLog -JobId $vj.JobId
$null = Get-MsVoiceTrainingReview -JobId $vj.JobId
$null = Set-MsVoiceTrainingBatch -JobId $vj.JobId, $seg.JobId -BatchName 'wire-batch'
Remove-MsVoiceTrainingJob -JobId $seg.JobId -Force
'done'
";

        [Fact]
        public void Every_operation_sent_by_the_cmdlets_matches_the_official_model_both_ways()
        {
            using var ps = PsSession.Unpaced(_emu);
            var variables = new Dictionary<string, object>
            {
                ["image"] = File("photo.png", 2000, 0x89), ["big"] = File("big.bin", 1_500_000), ["photo"] = File("face.jpg", 3000, 0xFF),
                ["video"] = File("training.mp4", 100_000), ["zip"] = File("voice.zip", 50_000), ["letter"] = File("letter.pdf", 100),
                ["wav"] = Path.Combine(_dir, "tts.wav"),
            };
            ps.Run($"$other = Connect-MsService -Region cn-east-3 -Endpoint '{_emu.BaseUri}' -AccessKey {EmulatorOptions.DefaultAccessKey} -SecretKey '{EmulatorOptions.DefaultSecretKey}' -RateLimitScale 0; " +
                   $"Connect-MsService -Region cn-north-4 -Endpoint '{_emu.BaseUri}' -AccessKey {EmulatorOptions.DefaultAccessKey} -SecretKey '{EmulatorOptions.DefaultSecretKey}' -RateLimitScale 0 | Out-Null").AssertNoErrors();
            var r = ps.Run(Walk, variables);
            r.AssertNoErrors();
            Assert.Equal("done", r.Output.Last().BaseObject);

            var calls = _emu.Log.All.Where(e => e.Operation != null && OperationCatalog.Find(e.Operation) != null).ToList();
            var violations = new List<string>();
            foreach (var op in OperationCatalog.All)
            {
                var sent = calls.Where(c => c.Operation == op.Name && c.Status < 300).ToList();
                if (sent.Count == 0) violations.Add($"{op.Name}: never sent successfully by the walk");
                foreach (var call in sent)
                    violations.AddRange(Check(op, call).Select(v => $"{op.Name}: {v}"));
            }
            ModuleFacts.AssertNone(violations, "Requests of the cmdlets against the official request models");
            Assert.Empty(_emu.Conformance.All);
            // Every request of the walk named a cmdlet, and the emulator checked it against that cmdlet's [MsApi].
            Assert.All(calls, c => Assert.Matches(@"^MetaStudio\.PowerShell/[\d.]+ \([A-Z][a-z]+-Ms\w+\)$", c.Headers["User-Agent"]));
        }

        /// <summary>The logged request read again, strictly: no name the model lacks, nothing it requires missing.</summary>
        private static IEnumerable<string> Check(Operation op, LoggedRequest call)
        {
            var violations = new List<SpecViolation>();
            Assert.NotNull(op.Spec);
            var query = (call.Query ?? "").TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Select(p => p.Split('=', 2)).Select(p => new KeyValuePair<string, string>(Uri.UnescapeDataString(p[0]), Uri.UnescapeDataString(p.Length > 1 ? p[1] : ""))).ToList();
            SpecValidator.CheckQuery(op.Spec, query, SpecCheckOptions.Strict, violations);
            SpecValidator.CheckBody(op.Spec, call.Body == null ? null : JsonNode.Parse(call.Body), SpecCheckOptions.Strict, violations);
            return violations.Select(v => v.Message);
        }
    }
}
