using System;
using System.IO;
using System.Linq;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Video
{
    public class ProduceVideosSampleTests : IClassFixture<VideoEmulatorFixture>, IDisposable
    {
        private readonly EmulatorHost _emu;
        private readonly string _out = Path.Combine(Path.GetTempPath(), "ms-produce-" + Guid.NewGuid().ToString("N"));

        public ProduceVideosSampleTests(VideoEmulatorFixture f) => _emu = f.Emulator;

        public void Dispose()
        {
            if (Directory.Exists(_out)) Directory.Delete(_out, true);
        }

        private PsResult Produce(PsSession ps, string csv)
            => ps.Run($"& '{TestPaths.Repo("samples", "produce-videos.ps1")}' -CsvPath '{TestPaths.Repo("samples", csv)}' -OutDir '{_out}' " +
                      "-ModelAssetId model-1 -VoiceAssetId voice-1 -PollIntervalSec 0.2 -TimeoutSec 60; $LASTEXITCODE");

        [Fact]
        public void Sample_saves_a_video_for_every_csv_row_and_exits_0()
        {
            using var ps = new PsSession(_emu);
            var r = Produce(ps, "texts.csv").AssertNoErrors();
            Assert.Equal(0, r.Output.Last().BaseObject);
            foreach (var name in new[] { "welcome", "opening-hours", "thanks" })
            {
                var asset = _emu.State.Assets.Values.Single(a => a.AssetName == name);
                Assert.Equal(asset.Files.Single().Content, File.ReadAllBytes(Path.Combine(_out, name + ".mp4")));
            }
            // The commas inside the quoted texts stayed part of the text (Import-Csv).
            Assert.Contains(_emu.State.VideoJobs.Values, j => j.Request?.ToJsonString().Contains("three new products, all made locally.") == true);
            var results = File.ReadAllLines(Path.Combine(_out, "results.csv"));
            Assert.Equal("\"Name\",\"State\",\"JobId\",\"AssetId\",\"File\",\"Error\"", results[0]);
            Assert.Equal(4, results.Length);
            Assert.All(results.Skip(1), line => Assert.Contains("\"SUCCEED\"", line));

            // A rerun keeps the saved files and still succeeds.
            Assert.Equal(0, Produce(ps, "texts.csv").AssertNoErrors().Output.Last().BaseObject);
        }
    }
}
