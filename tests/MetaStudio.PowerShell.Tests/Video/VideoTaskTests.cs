using System;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Tests.Infrastructure;
using MetaStudio.PowerShell.Video;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Video
{
    public class VideoTaskTests : IClassFixture<VideoEmulatorFixture>
    {
        private const string Inline = "-Text 'Hello there' -ModelAssetId model-1 -VoiceAssetId voice-1";
        private readonly EmulatorHost _emu;
        private readonly VirtualTime _time;

        public VideoTaskTests(VideoEmulatorFixture f)
        {
            _emu = f.Emulator;
            _time = f.Time;
        }

        private static string Code(ErrorRecord e) => e.FullyQualifiedErrorId.Split(',')[0];

        [Fact]
        public void A_failed_read_back_still_outputs_the_created_task_with_a_warning_and_the_error()
        {
            using var ps = new PsSession(_emu, connectArguments: "-MaxRetries 0");
            var r = ps.RunFailingOnce("Show2DDigitalHumanVideo", $"$t = Start-MsVideoTask {Inline} -OutputAssetName 'shown-later'; $t; 'after'");
            var task = r.Output.Select(o => o.BaseObject).OfType<MsVideoTask>().Single();
            Assert.NotNull(task.JobId);
            Assert.True(_emu.State.VideoJobs.ContainsKey(task.JobId));
            Assert.Equal("WAITING", task.State);
            Assert.Contains(r.Warnings, w => w.Contains(task.JobId, StringComparison.Ordinal));
            var error = Assert.Single(r.Errors);
            Assert.Equal(task.JobId, error.TargetObject?.ToString());
            Assert.Equal("after", r.Output.Last().BaseObject);
        }

        [Fact]
        public void Script_pipes_into_start_and_wait_yields_a_succeeded_task_with_its_asset()
        {
            using var ps = new PsSession(_emu);
            var task = ps.Run("New-MsVideoScript -Name 'to-video' -Text 'one','two' -ModelAssetId m -VoiceAssetId v | " +
                              "Start-MsVideoTask -OutputAssetName 'from-script' -Wait -PollIntervalSec 0.2 -Timeout 30")
                .AssertNoErrors().Single<MsVideoTask>();
            Assert.Equal("SUCCEED", task.State);
            Assert.False(string.IsNullOrEmpty(task.AssetId));
            Assert.NotNull(task.OutputAssetConfig);
            Assert.Equal(task.OutputAssetConfig.AssetId, task.AssetId);
            Assert.Equal("from-script", task.OutputAssetConfig.AssetName);
            Assert.True(_emu.State.Assets.TryGetValue(task.AssetId, out var asset));
            Assert.Equal("VIDEO", asset.AssetType);
            Assert.Equal("ftyp", Encoding.ASCII.GetString(Assert.IsType<byte[]>(asset.Files[0].Content), 4, 4));
            Assert.NotNull(task.ScriptId);

            // Details and list find the same task; the list filters by script and state.
            var shown = ps.Run("$t = Get-MsVideoTask -ScriptId $args0 -State SUCCEED; $t | Get-MsVideoTask -ShowScript",
                new System.Collections.Generic.Dictionary<string, object> { ["args0"] = task.ScriptId })
                .AssertNoErrors().Single<MsVideoTask>();
            Assert.Equal(task.JobId, shown.JobId);
            Assert.NotNull(shown.ShootScripts);
            Assert.Equal(new[] { "one", "two" }, shown.ShootScripts.Select(s => s.Text));
            Assert.Empty(ps.Run("Get-MsVideoTask -ScriptId $args0 -State FAILED,CANCELED").AssertNoErrors().Output);
            // A piped script filters the list by its id; a piped task (which has a ScriptId too) gets its details.
            var ofScript = ps.Run("Get-MsVideoScript -ScriptId $args0 | Get-MsVideoTask").AssertNoErrors().Single<MsVideoTask>();
            Assert.Equal(task.JobId, ofScript.JobId);
            Assert.Empty(ps.Run("Get-MsVideoTask -StartTime ([datetime]::UtcNow.AddHours(1))").AssertNoErrors().Output);

            // The table view shows the columns a user needs to follow a task.
            var table = ps.Run($"Get-MsVideoTask -JobId {task.JobId} | Out-Host").AssertNoErrors().HostText;
            Assert.Contains("AssetName", table);
            Assert.Contains("from-script", table);
            Assert.Contains("SUCCEED", table);
            Assert.NotNull(task.JobId);
            Assert.Contains(task.JobId, table);
        }

        [Fact]
        public void Five_tasks_from_the_pipeline_are_waited_on_together()
        {
            using var ps = new PsSession(_emu);
            var r = ps.Run($"1..5 | ForEach-Object {{ Start-MsVideoTask {Inline} -OutputAssetName \"par-$_\" }} | Wait-MsVideoTask -PollIntervalSec 0.2 -Timeout 60")
                .AssertNoErrors();
            var tasks = r.All<MsVideoTask>().ToList();
            Assert.Equal(5, tasks.Count);
            Assert.All(tasks, t => Assert.Equal("SUCCEED", t.State));
            Assert.All(tasks, t => Assert.False(string.IsNullOrEmpty(t.AssetId)));
            Assert.Equal(5, tasks.Select(t => t.AssetId).Distinct().Count());
            Assert.NotEmpty(r.Progress);

            // Concurrent polling: the status reads alternate between tasks instead of one task's reads
            // all coming before the next task's (a one-after-another wait switches only four times).
            var ids = tasks.Select(t => t.JobId).ToHashSet();
            var log = _emu.Log.All;
            var lastCreate = log.Select((e, i) => (e, i)).Last(x => x.e.Operation == "Create2DDigitalHumanVideo").i;
            var polled = log.Skip(lastCreate + 1).Where(e => e.Operation == "Show2DDigitalHumanVideo")
                .Select(e => e.Path.Split('/').Last()).Where(ids.Contains).ToList();
            var switches = polled.Zip(polled.Skip(1), (a, b) => a != b).Count(x => x);
            Assert.True(switches > 8, $"Status reads did not interleave: {string.Join(" ", polled.Select(p => p.Substring(0, 4)))}");
            Assert.DoesNotContain(log, e => e.Status == 429);
            // One progress bar per task under the overall bar, named after the video once its name is known.
            var bars = tasks.Select(t => $"{t.AssetName} ({t.JobId})").OrderBy(b => b);
            Assert.Equal(bars, r.Progress.Select(p => p.Activity).Where(a => a.StartsWith("par-", StringComparison.Ordinal)).Distinct().OrderBy(b => b));
            Assert.Contains(r.Progress, p => p.Activity.StartsWith("Waiting for 5 video task", StringComparison.Ordinal));
        }

        [Fact]
        public void A_failed_task_is_an_error_named_by_the_service_code_and_the_others_still_succeed()
        {
            using var ps = new PsSession(_emu);
            var r = ps.Run($"'ok-1','FAIL-me','ok-2' | ForEach-Object {{ Start-MsVideoTask {Inline} -OutputAssetName $_ }} | Wait-MsVideoTask -PollIntervalSec 0.2 -Timeout 60");
            Assert.Null(r.Terminating);
            // The good videos are output; the failed one is only its error, named by the video's name.
            var tasks = r.All<MsVideoTask>().ToList();
            Assert.Equal(new[] { "ok-1", "ok-2" }, tasks.Select(t => t.AssetName).OrderBy(n => n));
            Assert.All(tasks, t => Assert.Equal("SUCCEED", t.State));
            var error = Assert.Single(r.Errors);
            Assert.Equal("MSS.42000007", Code(error));
            var failed = _emu.State.VideoJobs.Values.Single(j => j.AssetName == "FAIL-me");
            Assert.Equal(failed.JobId, error.TargetObject);
            Assert.Contains("inference", error.Exception.Message);
            Assert.Contains("'FAIL-me'", error.ToString());
        }

        [Fact]
        public void With_ErrorAction_Stop_every_good_video_passes_downstream_before_the_failure_stops_the_script()
        {
            using var ps = new PsSession(_emu);
            // The failing task is first in the pipeline and ends with the others: its error still comes last.
            var r = ps.Run("$ErrorActionPreference = 'Stop'; $seen = [System.Collections.Generic.List[string]]::new(); " +
                           $"'FAIL-first','stop-ok-1','stop-ok-2' | ForEach-Object {{ Start-MsVideoTask {Inline} -OutputAssetName $_ }} | " +
                           "Wait-MsVideoTask -PollIntervalSec 0.2 -Timeout 60 | ForEach-Object { $seen.Add($_.AssetName) }; 'not reached'");
            Assert.NotNull(r.Terminating);
            Assert.Equal("MSS.42000007", Code(r.Terminating.ErrorRecord));
            Assert.DoesNotContain(r.Output, o => "not reached".Equals(o.BaseObject));
            var seen = ps.Run("$seen").Output.Select(o => (string)o.BaseObject);
            Assert.Equal(new[] { "stop-ok-1", "stop-ok-2" }, seen.OrderBy(n => n));

            // Without Stop, -ErrorVariable collects the failure while the successes are output.
            var collected = ps.Run($"'FAIL-second','var-ok' | ForEach-Object {{ Start-MsVideoTask {Inline} -OutputAssetName $_ }} | " +
                                   "Wait-MsVideoTask -PollIntervalSec 0.2 -Timeout 60 -ErrorAction SilentlyContinue -ErrorVariable failed; $failed.Count");
            Assert.Equal("var-ok", collected.Output.Select(o => o.BaseObject).OfType<MsVideoTask>().Single().AssetName);
            Assert.Equal(1, collected.Output.Last().BaseObject);
        }

        [Fact]
        public void Waiting_task_can_be_cancelled_and_a_finished_one_cannot()
        {
            using var ps = new PsSession(_emu);
            var canceled = ps.Run($"Start-MsVideoTask {Inline} -OutputAssetName 'to-cancel' | Stop-MsVideoTask -Force -PassThru")
                .AssertNoErrors().Single<MsVideoTask>();
            Assert.Equal("CANCELED", canceled.State);
            // A canceled task produced no video: waiting for it gives its error, not an empty task.
            var waited = ps.Run("$args0 | Wait-MsVideoTask -PollIntervalSec 0.2",
                new System.Collections.Generic.Dictionary<string, object> { ["args0"] = canceled });
            Assert.Empty(waited.Output);
            var canceledError = Assert.Single(waited.Errors);
            Assert.Equal("MetaStudio.VideoTaskCanceled", Code(canceledError));
            Assert.Equal(ErrorCategory.OperationStopped, canceledError.CategoryInfo.Category);
            Assert.Equal(canceled.JobId, canceledError.TargetObject);
            // The output asset is named when the task is created (output_asset_config.asset_id is required); it never becomes a video.
            Assert.NotNull(canceled.AssetId);
            Assert.Equal("FAILED", _emu.State.Assets[canceled.AssetId].AssetState);

            var r = ps.Run($"Start-MsVideoTask {Inline} -OutputAssetName 'too-late' -Wait -PollIntervalSec 0.2 | Stop-MsVideoTask -Confirm:$false; 'after'");
            var error = Assert.Single(r.Errors);
            Assert.Equal("MSS.00000003", Code(error));
            Assert.Contains("WAITING", error.ToString());
            Assert.Equal("after", r.Output.Last().BaseObject);
        }

        [Fact]
        public void A_task_waits_processes_and_succeeds_exactly_as_the_jobs_clock_moves_and_its_video_appears_then()
        {
            using var ps = new PsSession(_emu);
            var task = ps.Run($"Start-MsVideoTask {Inline} -OutputAssetName 'on-the-clock'").AssertNoErrors().Single<MsVideoTask>();
            string? State() => ps.Run($"Get-MsVideoTask -JobId {task.JobId}").AssertNoErrors().Single<MsVideoTask>().State;
            var tick = TimeSpan.FromTicks(1);
            Assert.Equal("WAITING", State());
            _time.Advance(_emu.Options.JobWaitingTime - tick);
            Assert.Equal("WAITING", State());
            _time.Advance(tick);
            Assert.Equal("PROCESSING", State());
            Assert.NotNull(task.AssetId);
            Assert.Equal("CREATING", _emu.State.Assets[task.AssetId].AssetState);
            _time.Advance(_emu.Options.JobProcessingTime);
            Assert.Equal("SUCCEED", State());
            Assert.Equal("ACTIVED", _emu.State.Assets[task.AssetId].AssetState);
        }

        [Fact]
        public void Timeout_writes_a_timeout_error_per_unfinished_task_without_throwing()
        {
            using var ps = new PsSession(_emu);
            var r = ps.Run($"'quick','SLOW-one' | ForEach-Object {{ Start-MsVideoTask {Inline} -OutputAssetName $_ }} | Wait-MsVideoTask -PollIntervalSec 0.2 -Timeout 4; 'after'");
            Assert.Null(r.Terminating);
            var done = r.Output.Select(o => o.BaseObject).OfType<MsVideoTask>().ToList();
            Assert.Equal("quick", Assert.Single(done).OutputAssetConfig?.AssetName);
            var error = Assert.Single(r.Errors);
            Assert.Equal("MetaStudio.Timeout", Code(error));
            Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
            var slow = _emu.State.VideoJobs.Values.Single(j => j.AssetName == "SLOW-one");
            Assert.Equal(slow.JobId, error.TargetObject);
            Assert.Equal("after", r.Output.Last().BaseObject);
        }

        [Fact]
        public async System.Threading.Tasks.Task Stopping_the_pipeline_ends_the_wait_cleanly()
        {
            using var session = new PsSession(_emu);
            var job = session.Run($"Start-MsVideoTask {Inline} -OutputAssetName 'SLOW-stop'").AssertNoErrors().Single<MsVideoTask>();
            using var ps = System.Management.Automation.PowerShell.Create();
            ps.Runspace = session.Runspace;
            ps.AddScript($"Wait-MsVideoTask -JobId {job.JobId} -PollIntervalSec 0.2");
            Assert.NotNull(job.JobId);
            var polledBefore = Polls(job.JobId);
            var handle = ps.BeginInvoke();
            var guard = DateTime.UtcNow.AddSeconds(20);
            while (Polls(job.JobId) < polledBefore + 2 && DateTime.UtcNow < guard) Thread.Sleep(50);
            Assert.True(Polls(job.JobId) >= polledBefore + 2, "the wait never polled");
            await Task.Run(() => ps.Stop()).WaitAsync(TimeSpan.FromSeconds(20));   // hang guard: a TimeoutException fails the test
            Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
            try { ps.EndInvoke(handle); }
            catch (PipelineStoppedException) { /* the expected end of a stopped pipeline */ }
            _time.AssertNothingPollsAnyMore(session, () => Polls(job.JobId));  // nothing keeps polling in the background
        }

        private int Polls(string jobId) => _emu.Log.All.Count(e => e.Operation == "Show2DDigitalHumanVideo" && e.Path.EndsWith(jobId, StringComparison.Ordinal));

        [Fact]
        public async Task Finished_task_calls_back_a_loopback_listener_with_an_mss_a_signature()
        {
            var port = FreePort();
            using var listener = new HttpListener();
            var url = $"http://127.0.0.1:{port}/video-done/";
            listener.Prefixes.Add(url);
            listener.Start();
            var received = listener.GetContextAsync();

            using var ps = new PsSession(_emu);
            var task = ps.Run($"Start-MsVideoTask {Inline} -OutputAssetName 'with-callback' -CallbackUrl '{url}' -CallbackAuthType MSS_A -CallbackKey 'cb-key' -Wait -PollIntervalSec 0.2")
                .AssertNoErrors().Single<MsVideoTask>();
            Assert.True(await Task.WhenAny(received, Task.Delay(TimeSpan.FromSeconds(20))) == received, "no callback arrived");
            var ctx = await received;
            string body;
            using (var reader = new System.IO.StreamReader(ctx.Request.InputStream)) body = await reader.ReadToEndAsync();
            ctx.Response.StatusCode = 200;
            ctx.Response.Close();

            using var json = JsonDocument.Parse(body);
            Assert.Equal("SUCCEED", json.RootElement.GetProperty("result").GetString());
            Assert.Equal(task.JobId, json.RootElement.GetProperty("job_id").GetString());
            Assert.Equal(task.AssetId, json.RootElement.GetProperty("asset_id").GetString());
            var timeStamp = ctx.Request.QueryString["time_stamp"];
            var expected = Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes("cb-key"), Encoding.UTF8.GetBytes(url + timeStamp))).ToLowerInvariant();
            Assert.Equal(expected, ctx.Request.QueryString["secret"]);
            Assert.DoesNotContain("cb-key", ps.Run("$MsSession | Out-String").EverythingAsText);
        }

        private static int FreePort()
        {
            var l = new TcpListener(IPAddress.Loopback, 0);
            l.Start();
            var port = ((IPEndPoint)l.LocalEndpoint).Port;
            l.Stop();
            return port;
        }

        [Theory]
        [InlineData("Start-MsVideoTask -Text 'hi' -VoiceAssetId v", "-ModelAssetId")]
        [InlineData("Start-MsVideoTask -ModelAssetId m -VoiceAssetId v", "-ScriptId")]
        [InlineData("Start-MsVideoTask -Text 'hi' -ModelAssetId m", "-VoiceAssetId")]
        [InlineData("Start-MsVideoTask -Text 'hi' -ModelAssetId m -VoiceAssetId v -Width 640 -Height 480", "640x480")]
        [InlineData("Start-MsVideoTask -Text 'hi' -ModelAssetId m -VoiceAssetId v -CallbackUrl 'ftp://x/'", "http")]
        public void Incomplete_or_invalid_task_input_is_rejected_before_any_request(string script, string expected)
        {
            using var ps = new PsSession(_emu);
            var before = _emu.Log.All.Count;
            var error = Assert.Single(ps.Run(script).AllErrors);
            Assert.Equal("MetaStudio.InvalidInput", Code(error));
            Assert.Contains(expected, error.Exception.Message);
            Assert.Equal(before, _emu.Log.All.Count);
        }

        [Fact]
        public void Unknown_script_or_job_id_is_a_service_error_per_item()
        {
            using var ps = new PsSession(_emu);
            var r = ps.Run("Start-MsVideoTask -ScriptId 0123456789abcdef0123456789abcdef; Get-MsVideoTask -JobId nosuchjob; Wait-MsVideoTask -JobId nosuchjob2 -PollIntervalSec 0.2");
            Assert.Equal(3, r.Errors.Count);
            Assert.All(r.Errors, e => Assert.Equal("MSS.00000003", Code(e)));
            Assert.Equal("nosuchjob2", r.Errors[2].TargetObject);
        }
    }
}
