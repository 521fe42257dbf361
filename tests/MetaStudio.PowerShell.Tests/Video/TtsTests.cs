using System.IO;
using System.Linq;
using System.Text;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Tests.Infrastructure;
using MetaStudio.PowerShell.Video.Tts;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Video
{
    public class TtsTests : IClassFixture<VideoEmulatorFixture>
    {
        private readonly EmulatorHost _emu;
        private readonly VirtualTime _time;

        public TtsTests(VideoEmulatorFixture f)
        {
            _emu = f.Emulator;
            _time = f.Time;
        }

        [Fact]
        public void A_preview_is_complete_exactly_when_its_synthesis_time_has_passed_on_the_jobs_clock()
        {
            using var ps = new PsSession(_emu);
            var job = ps.Run("New-MsTtsAudition -Text 'On the clock' -VoiceAssetId voice-1").AssertNoErrors().Single<MsTtsAudition>();
            MsTtsAudition Shown() => ps.Run($"Get-MsTtsAudition -JobId {job.JobId}").AssertNoErrors().Single<MsTtsAudition>();
            Assert.NotEqual(true, Shown().IsFileComplete);
            _time.Advance(_emu.Options.TtsTime - System.TimeSpan.FromTicks(1));
            Assert.NotEqual(true, Shown().IsFileComplete);
            _time.Advance(System.TimeSpan.FromTicks(1));
            var done = Shown();
            Assert.True(done.IsFileComplete);
            Assert.Equal(job.JobId, done.JobId);
            Assert.NotNull(done.Files);
            Assert.NotEmpty(done.Files);
        }

        [Fact]
        public void OutFile_waits_for_the_audio_and_saves_a_wav()
        {
            using var ps = new PsSession(_emu);
            var path = Path.Combine(Path.GetTempPath(), "ms-tts-" + System.Guid.NewGuid().ToString("N") + ".wav");
            try
            {
                var file = ps.Run($"New-MsTtsAudition -Text 'Welcome to the show' -VoiceAssetId voice-1 -Speed 110 -Volume 140 -OutFile '{path}' -PollIntervalSec 0.1 -Timeout 20")
                    .AssertNoErrors().Single<FileInfo>();
                Assert.Equal(path, file.FullName);
                var bytes = File.ReadAllBytes(path);
                Assert.Equal("RIFF", Encoding.ASCII.GetString(bytes, 0, 4));
                Assert.Equal("WAVE", Encoding.ASCII.GetString(bytes, 8, 4));
                Assert.Equal(bytes.Length - 8, System.BitConverter.ToInt32(bytes, 4));
                Assert.False(File.Exists(path + ".part"));
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void Job_pipes_into_get_which_reports_completion_and_saves()
        {
            using var ps = new PsSession(_emu);
            var job = ps.Run("New-MsTtsAudition -Text 'Hi' -VoiceAssetId voice-1").AssertNoErrors().Single<MsTtsAudition>();
            Assert.False(string.IsNullOrEmpty(job.JobId));
            var path = Path.Combine(Path.GetTempPath(), "ms-tts-" + job.JobId + ".wav");
            try
            {
                var file = ps.Run($"$j = Get-MsTtsAudition -JobId {job.JobId}; $j; $j | Get-MsTtsAudition -OutFile '{path}' -PollIntervalSec 0.1").AssertNoErrors();
                Assert.Equal(job.JobId, ((MsTtsAudition)file.Output[0].BaseObject).JobId);
                Assert.IsType<FileInfo>(file.Output[1].BaseObject);
                Assert.Equal("RIFF", Encoding.ASCII.GetString(File.ReadAllBytes(path), 0, 4));
                var complete = ps.Run($"Get-MsTtsAudition -JobId {job.JobId}").AssertNoErrors().Single<MsTtsAudition>();
                Assert.True(complete.IsFileComplete);
                Assert.NotNull(complete.Files);
                Assert.Single(complete.Files);
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void Audio_not_ready_within_the_timeout_is_a_timeout_error_and_no_file()
        {
            using var ps = new PsSession(_emu);
            var path = Path.Combine(Path.GetTempPath(), "ms-tts-" + System.Guid.NewGuid().ToString("N") + ".wav");
            var r = ps.Run($"New-MsTtsAudition -Text 'Slow' -VoiceAssetId voice-1 -OutFile '{path}' -PollIntervalSec 0.05 -Timeout 0.05; 'after'");
            var error = Assert.Single(r.Errors);
            Assert.Equal("MetaStudio.Timeout", error.FullyQualifiedErrorId.Split(',')[0]);
            Assert.False(File.Exists(path));
            Assert.Equal("after", r.Output.Single().BaseObject);

            var missing = Assert.Single(ps.Run("Get-MsTtsAudition -JobId nosuchjob").Errors);
            Assert.Equal("MSS.00000003", missing.FullyQualifiedErrorId.Split(',')[0]);
        }

        [Fact]
        public async System.Threading.Tasks.Task An_error_code_ends_the_wait_with_that_code_and_no_file()
        {
            using var ps = new PsSession(_emu);
            var path = Path.Combine(Path.GetTempPath(), "ms-tts-" + System.Guid.NewGuid().ToString("N") + ".wav");
            // No -Timeout: before the fix this waited forever; the guard keeps a regression from hanging the suite.
            var run = System.Threading.Tasks.Task.Run(() => ps.Run($"New-MsTtsAudition -Text 'say TTSFAIL' -VoiceAssetId voice-1 -OutFile '{path}' -PollIntervalSec 0.05; 'after'"));
            var r = await run.WaitAsync(System.TimeSpan.FromSeconds(60));   // hang guard: "did not end on an error code" fails with a TimeoutException
            var error = Assert.Single(r.Errors);
            Assert.Equal(MetaStudio.Emulator.Handlers.TtsHandlers.FailCode, error.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal(_emu.State.TtsJobs.Values.Single(j => j.Failed).JobId, error.TargetObject?.ToString());
            Assert.False(File.Exists(path));
            Assert.False(File.Exists(path + ".part"));
            Assert.Equal("after", r.Output.Single().BaseObject);
        }

        [Theory]
        [InlineData("New-MsTtsAudition -Text 'x' -VoiceAssetId v -Speed 20")]
        [InlineData("New-MsTtsAudition -Text 'x' -VoiceAssetId v -Volume 300")]
        [InlineData("New-MsTtsAudition -Text '' -VoiceAssetId v")]
        [InlineData("New-MsTtsAudition -Text 'x' -VoiceAssetId 'a/b'")]
        [InlineData("New-MsTtsAudition -Text '   ' -VoiceAssetId v")]
        public void Bad_input_sends_nothing(string script)
        {
            using var ps = new PsSession(_emu);
            var before = _emu.Log.All.Count;
            Assert.NotEmpty(ps.Run(script).AllErrors);
            Assert.Equal(before, _emu.Log.All.Count);
        }
    }
}
