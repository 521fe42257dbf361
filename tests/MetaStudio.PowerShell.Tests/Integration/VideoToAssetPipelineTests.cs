using System.IO;
using System.Linq;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Assets;
using MetaStudio.PowerShell.Tests.Infrastructure;
using MetaStudio.PowerShell.Tests.Video;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Integration
{
    /// <summary>The output of a finished video task flows into the asset and file cmdlets by property name.</summary>
    public class VideoToAssetPipelineTests : IClassFixture<VideoEmulatorFixture>
    {
        private const string Inline = "-Text 'Hello there' -ModelAssetId model-1 -VoiceAssetId voice-1 -Wait -PollIntervalSec 0.2 -Timeout 60";
        private readonly EmulatorHost _emu;
        public VideoToAssetPipelineTests(VideoEmulatorFixture f) => _emu = f.Emulator;

        [Fact]
        public void A_finished_task_pipes_into_Get_MsAsset()
        {
            using var ps = new PsSession(_emu);
            var asset = ps.Run($"Start-MsVideoTask {Inline} -OutputAssetName 'piped-to-asset' | Get-MsAsset")
                .AssertNoErrors().Single<MsAsset>();
            Assert.Equal("piped-to-asset", asset.AssetName);
            Assert.Equal("VIDEO", asset.AssetType);
            Assert.Equal("ACTIVED", asset.AssetState);
            Assert.NotNull(asset.AssetId);
            Assert.True(_emu.State.Assets.ContainsKey(asset.AssetId));
        }

        [Fact]
        public void A_finished_task_pipes_into_Save_MsAssetFile_with_progress()
        {
            using var ps = new PsSession(_emu);
            var folder = Path.Combine(Path.GetTempPath(), "ms-video-" + System.Guid.NewGuid().ToString("N"));
            try
            {
                var r = ps.Run($"Start-MsVideoTask {Inline} -OutputAssetName 'piped-to-file' | Save-MsAssetFile -Destination '{folder}'")
                    .AssertNoErrors();
                var saved = r.Single<MetaStudio.PowerShell.Files.MsSavedFile>();
                Assert.True(File.Exists(saved.Path));
                Assert.Equal("Saved", saved.Action);
                var storedAsset = _emu.State.Assets.Values.Single(a => a.AssetName == "piped-to-file");
                Assert.Equal(storedAsset.AssetId, saved.AssetId);
                var stored = storedAsset.Files.Single();
                Assert.Equal(stored.Content, File.ReadAllBytes(saved.Path));
                Assert.NotNull(stored.Content);
                Assert.Equal(stored.Content.Length, saved.Length);
                Assert.Contains(r.Progress, p => p.RecordType == System.Management.Automation.ProgressRecordType.Completed);
                // Progress names the file and its video, and counts in human units, not raw bytes.
                var download = r.Progress.Where(p => p.Activity.StartsWith("Downloading", System.StringComparison.Ordinal)).ToList();
                Assert.Contains(download, p => p.Activity == "Downloading video.mp4 (asset 'piped-to-file')");
                Assert.Contains(download, p => System.Text.RegularExpressions.Regex.IsMatch(p.StatusDescription, @"^\d+(\.\d)? (B|KB|MB) of \d+(\.\d)? (B|KB|MB)$"));
                // No temporary part file is left next to the video.
                Assert.Single(Directory.GetFiles(folder));
            }
            finally
            {
                if (Directory.Exists(folder)) Directory.Delete(folder, true);
            }
        }
    }
}
