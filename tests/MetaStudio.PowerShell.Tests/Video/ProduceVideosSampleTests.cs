using System.Linq;
using System.Management.Automation;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Video
{
    public class ProduceVideosSampleTests : IClassFixture<VideoEmulatorFixture>
    {
        private readonly EmulatorHost _emu;
        public ProduceVideosSampleTests(VideoEmulatorFixture f) => _emu = f.Emulator;

        [Fact]
        public void Sample_produces_a_video_for_every_csv_row()
        {
            using var ps = new PsSession(_emu, connect: false);
            var script = TestPaths.Repo("samples", "produce-videos.ps1");
            var r = ps.Run($"& '{script}' -Endpoint '{_emu.BaseUri}' -AccessKey {EmulatorOptions.DefaultAccessKey} -SecretKey '{EmulatorOptions.DefaultSecretKey}' " +
                           "-ModelAssetId model-1 -VoiceAssetId voice-1 -PollIntervalSec 0.2 -TimeoutSec 60").AssertNoErrors();
            var rows = r.Output.ToList();
            Assert.Equal(new[] { "opening-hours", "thanks", "welcome" }, rows.Select(o => (string)o.Properties["Name"].Value).OrderBy(n => n));
            Assert.All(rows, o => Assert.Equal("SUCCEED", o.Properties["State"].Value));
            Assert.All(rows, o => Assert.True(_emu.State.Assets.ContainsKey((string)o.Properties["AssetId"].Value)));
            Assert.All(rows, o => Assert.NotNull(o.Properties["Duration"].Value));
            // The commas inside the quoted texts stayed part of the text.
            Assert.Contains(_emu.State.VideoJobs.Values, j => j.Request.ToJsonString().Contains("three new products, all made locally."));
        }
    }
}
