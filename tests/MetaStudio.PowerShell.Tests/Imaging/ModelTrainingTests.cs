using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Assets;
using MetaStudio.PowerShell.Imaging;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Imaging
{
    public class ModelTrainingTests : IClassFixture<VirtualTimeEmulatorFixture>, IDisposable
    {
        private const string Wait = "Wait-MsModelTrainingJob -PollIntervalSec 0.2 -Timeout 60";
        private readonly EmulatorHost _emu;
        private readonly VirtualTime _time;
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "ms-training-" + Guid.NewGuid().ToString("N"));
        private readonly string _video;
        private readonly string _cover;

        public ModelTrainingTests(VirtualTimeEmulatorFixture f)
        {
            _emu = f.Emulator;
            _time = f.Time;
            Directory.CreateDirectory(_dir);
            _video = Path.Combine(_dir, "training.mp4");
            _cover = Path.Combine(_dir, "cover.jpg");
            var random = new Random(7);
            var bytes = new byte[300_001];
            random.NextBytes(bytes);
            File.WriteAllBytes(_video, bytes);
            File.WriteAllBytes(_cover, new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3 });
        }

        public void Dispose() => Directory.Delete(_dir, true);

        private Dictionary<string, object> Files => new() { ["video"] = _video, ["cover"] = _cover };

        private static string Code(ErrorRecord e) => e.FullyQualifiedErrorId.Split(',')[0];

        [Fact]
        public async System.Threading.Tasks.Task New_send_submit_and_wait_trains_a_model_asset_that_Get_MsAsset_finds()
        {
            using var ps = new PsSession(_emu);
            var created = ps.Run("New-MsModelTrainingJob -Name 'anna' -Contact 'ops@example.com' -BatchName 'flow' -Tag 'a','b' -ModelVersion V3.2 -SupportedService VIDEO_2D,LIVE_2D")
                .AssertNoErrors().Single<MsModelTrainingJob>();
            Assert.Equal("WAIT_FILE_UPLOAD", created.State);
            Assert.Equal("anna", created.Name);
            Assert.Equal(new[] { "a", "b" }, created.Tags);
            Assert.Equal("V3.2", created.ModelVersion);
            Assert.NotNull(created.TrainingVideoUploadUrl);
            Assert.Single(created.TrainingVideoUploadUrl);
            Assert.False(string.IsNullOrEmpty(created.CoverUploadUrl));
            Assert.False(string.IsNullOrEmpty(created.GrantFileUploadUrl));
            Assert.False(string.IsNullOrEmpty(created.IdCardImage1UploadUrl));

            var r = ps.Run("$created | Send-MsModelTrainingFile -VideoPath $video -CoverPath $cover -Submit | " + Wait,
                new Dictionary<string, object>(Files) { ["created"] = created });
            r.AssertNoErrors();
            var done = r.Single<MsModelTrainingJob>();
            Assert.Equal("JOB_SUCCESS", done.State);
            Assert.False(string.IsNullOrEmpty(done.AssetId));
            Assert.NotEmpty(r.Progress);

            Assert.NotNull(created.JobId);
            var record = _emu.State.TrainingJobs[created.JobId];
            Assert.Equal(File.ReadAllBytes(_video), record.Uploads["training_video/0"]);
            Assert.Equal(File.ReadAllBytes(_cover), record.Uploads["cover"]);

            var asset = ps.Run($"Get-MsAsset -AssetId {done.AssetId}").AssertNoErrors().Single<MsAsset>();
            Assert.Equal("HUMAN_MODEL_2D", asset.AssetType);
            Assert.Equal("anna", asset.AssetName);

            // The details: history, download URLs that serve what was uploaded, the fields given at create.
            var shown = ps.Run($"Get-MsModelTrainingJob -JobId {done.JobId}").AssertNoErrors().Single<MsModelTrainingJob>();
            Assert.NotNull(shown.OperationLogs);
            Assert.Equal(new[] { "USER_CREATE_JOD", "USER_VERIFYING_SUBMITTED", "SYSTEM_VERIFY_SUCCESS", "SYSTEM_TRAINING", "SYSTEM_JOB_SUCCESS" },
                shown.OperationLogs.Select(l => l.LogType));
            Assert.Equal(new[] { "VIDEO_2D", "LIVE_2D" }, shown.SupportedService);
            Assert.Equal("ops@example.com", shown.Contact);
            using (var http = new System.Net.Http.HttpClient())
                Assert.Equal(File.ReadAllBytes(_video), await http.GetByteArrayAsync(shown.TrainingVideoDownloadUrl));

            // The table view shows the columns needed to follow a job.
            var table = ps.Run($"Get-MsModelTrainingJob -JobId {done.JobId} | Out-Host").AssertNoErrors().HostText;
            Assert.Contains("ModelVersion", table);
            Assert.Contains("JOB_SUCCESS", table);
            Assert.NotNull(done.JobId);
            Assert.Contains(done.JobId, table);
        }

        [Fact]
        public void A_failing_job_ends_the_wait_with_its_state_and_an_error_and_others_still_succeed()
        {
            using var ps = new PsSession(_emu);
            var r = ps.Run("'ok-1','FAIL-me' | ForEach-Object { New-MsModelTrainingJob -Name $_ } | Send-MsModelTrainingFile -VideoPath $video -Submit | " + Wait, Files);
            Assert.Null(r.Terminating);
            // The good job is output; the failed one is only its error (no empty model for the next cmdlet).
            var ok = Assert.Single(r.All<MsModelTrainingJob>());
            Assert.Equal("JOB_SUCCESS", ok.State);
            Assert.Equal("ok-1", ok.Name);
            var error = Assert.Single(r.Errors);
            Assert.Equal("MetaStudio.TrainingJobFailed", Code(error));
            Assert.Equal("FAIL-me", _emu.State.TrainingJobs[(string)error.TargetObject].Name);
            Assert.Contains("FAIL-me", error.Exception.Message);
            Assert.Contains("TRAIN_FAILED", error.Exception.Message);
            Assert.Contains("emulated failure", error.Exception.Message);
        }

        [Fact]
        public void Waiting_for_the_user_ends_the_wait_with_a_warning_that_says_what_to_do()
        {
            using var ps = new PsSession(_emu);
            var r = ps.Run("New-MsModelTrainingJob -Name 'not-uploaded' | " + Wait).AssertNoErrors();
            Assert.Equal("WAIT_FILE_UPLOAD", r.Single<MsModelTrainingJob>().State);
            var warning = Assert.Single(r.Warnings);
            Assert.Contains("WAIT_FILE_UPLOAD", warning);
            Assert.Contains("Send-MsModelTrainingFile", warning);

            // After verification a job may wait for the owner's confirmation.
            r = ps.Run("New-MsModelTrainingJob -Name 'CONFIRM-me' | Send-MsModelTrainingFile -VideoPath $video -Submit | " + Wait, Files).AssertNoErrors();
            Assert.Equal("WAIT_USER_CONFIRM", r.Single<MsModelTrainingJob>().State);
            Assert.Contains("confirm", Assert.Single(r.Warnings));
        }

        [Fact]
        public void Timeout_writes_a_timeout_error_naming_the_last_state_and_the_script_goes_on()
        {
            using var ps = new PsSession(_emu);
            var r = ps.Run("New-MsModelTrainingJob -Name 'SLOW-train' | Send-MsModelTrainingFile -VideoPath $video -Submit | Wait-MsModelTrainingJob -PollIntervalSec 0.2 -Timeout 2; 'after'", Files);
            Assert.Null(r.Terminating);
            var error = Assert.Single(r.Errors);
            Assert.Equal("MetaStudio.Timeout", Code(error));
            Assert.Contains("TRAINING", error.Exception.Message);
            Assert.Equal("after", r.Output.Single().BaseObject);
        }

        [Fact]
        public void A_submitted_job_verifies_trains_and_succeeds_exactly_as_the_jobs_clock_moves()
        {
            using var ps = new PsSession(_emu);
            var job = ps.Run("New-MsModelTrainingJob -Name 'on-the-clock' | Send-MsModelTrainingFile -VideoPath $video -Submit", Files)
                .AssertNoErrors().Single<MsModelTrainingJob>();
            string? State() => ps.Run($"Get-MsModelTrainingJob -JobId {job.JobId}").AssertNoErrors().Single<MsModelTrainingJob>().State;
            var tick = TimeSpan.FromTicks(1);
            // No wait runs, so the clock moves only here: each state lasts exactly as long as the emulator says.
            Assert.Equal("AUTO_VERIFYING", State());
            _time.Advance(_emu.Options.ModelVerifyTime - tick);
            Assert.Equal("AUTO_VERIFYING", State());
            _time.Advance(tick);
            Assert.Equal("TRAINING", State());
            _time.Advance(_emu.Options.ModelTrainingTime - tick);
            Assert.Equal("TRAINING", State());
            _time.Advance(tick);
            Assert.Equal("JOB_SUCCESS", State());
        }

        [Fact]
        public async System.Threading.Tasks.Task Stopping_the_pipeline_ends_the_wait_and_the_polling()
        {
            using var session = new PsSession(_emu);
            var job = session.Run("New-MsModelTrainingJob -Name 'SLOW-stop' | Send-MsModelTrainingFile -VideoPath $video -Submit", Files)
                .AssertNoErrors().Single<MsModelTrainingJob>();
            Assert.NotNull(job.JobId);
            int Polls() => _emu.Log.All.Count(e => e.Operation == "Show2dModelTrainingJob" && e.Path.EndsWith(job.JobId, StringComparison.Ordinal));
            using var ps = System.Management.Automation.PowerShell.Create();
            ps.Runspace = session.Runspace;
            ps.AddScript($"Wait-MsModelTrainingJob -JobId {job.JobId} -PollIntervalSec 0.2");
            var before = Polls();
            var handle = ps.BeginInvoke();
            var guard = DateTime.UtcNow.AddSeconds(20);
            while (Polls() < before + 2 && DateTime.UtcNow < guard) System.Threading.Thread.Sleep(50);
            Assert.True(Polls() >= before + 2, "the wait never polled");
            await System.Threading.Tasks.Task.Run(() => ps.Stop()).WaitAsync(TimeSpan.FromSeconds(20));   // hang guard: a TimeoutException fails the test
            Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
            try { ps.EndInvoke(handle); }
            catch (PipelineStoppedException) { /* the expected end of a stopped pipeline */ }
            _time.AssertNothingPollsAnyMore(session, Polls);
        }

        [Fact]
        public void Submitting_without_the_video_is_a_non_terminating_error_with_the_service_message()
        {
            using var ps = new PsSession(_emu);
            var r = ps.Run("New-MsModelTrainingJob -Name 'empty' | Invoke-MsModelTrainingCommand SUBMITVERIFYING; 'after'");
            Assert.Null(r.Terminating);
            var result = r.Output.Select(o => o.BaseObject).OfType<MsModelTrainingCommandResult>().Single();
            Assert.False(result.Succeeded);
            Assert.Equal("EXCUTE_FAILED", result.CommandResult);
            Assert.Equal("SUBMITVERIFYING", result.Command);
            Assert.Contains("not been uploaded", result.FailedMessage);
            var error = Assert.Single(r.Errors);
            Assert.Equal("MetaStudio.TrainingCommandFailed", Code(error));
            Assert.Equal(result.JobId, error.TargetObject);
            Assert.Equal("after", r.Output.Last().BaseObject);
            Assert.NotNull(result.JobId);
            Assert.Equal("WAIT_FILE_UPLOAD", _emu.State.TrainingJobs[result.JobId].StateAt(_emu.Now));

            // Once the video is there the same command succeeds.
            r = ps.Run($"$j = New-MsModelTrainingJob -Name 'later'; $null = $j | Send-MsModelTrainingFile -VideoPath $video; $j | Invoke-MsModelTrainingCommand -Command SUBMITVERIFYING", Files).AssertNoErrors();
            var ok = r.Single<MsModelTrainingCommandResult>();
            Assert.True(ok.Succeeded);
            Assert.NotNull(ok.JobId);
            Assert.NotEqual("WAIT_FILE_UPLOAD", _emu.State.TrainingJobs[ok.JobId].StateAt(_emu.Now));
        }

        [Fact]
        public void Upload_urls_are_single_use_and_Set_gives_new_ones_keeping_unchanged_fields()
        {
            using var ps = new PsSession(_emu);
            var vars = new Dictionary<string, object>(Files);
            ps.Run("$j = New-MsModelTrainingJob -Name 'redo' -Tag 'keep' -Contact 'old'; $null = $j | Send-MsModelTrainingFile -VideoPath $video", vars).AssertNoErrors();
            var again = ps.Run("$j | Send-MsModelTrainingFile -VideoPath $video");
            var error = Assert.Single(again.Errors);
            Assert.Equal("OBS.AccessDenied", Code(error));

            var updated = ps.Run("$j | Set-MsModelTrainingJob -Contact 'new'").AssertNoErrors().Single<MsModelTrainingJob>();
            Assert.Equal("new", updated.Contact);
            Assert.Equal("redo", updated.Name);
            Assert.Equal(new[] { "keep" }, updated.Tags);
            Assert.NotNull(updated.TrainingVideoUploadUrl);
            Assert.NotEqual(ps.Run("$j.TrainingVideoUploadUrl[0]").Output.Single().ToString(), updated.TrainingVideoUploadUrl[0]);
            var sent = ps.Run("$updated | Send-MsModelTrainingFile -VideoPath $video -Submit", new Dictionary<string, object> { ["updated"] = updated })
                .AssertNoErrors().Single<MsModelTrainingJob>();
            Assert.Equal("AUTO_VERIFYING", sent.State);

            // A submitted job can no longer be updated: the service's error, not a crash.
            var late = ps.Run($"Set-MsModelTrainingJob -JobId {updated.JobId} -Contact 'late'");
            Assert.Equal("MSS.00000003", Code(Assert.Single(late.Errors)));
        }

        [Fact]
        public void A_multipart_video_goes_up_in_as_many_parts_as_urls()
        {
            using var ps = new PsSession(_emu);
            var job = ps.Run("New-MsModelTrainingJob -Name 'parts' -VideoMultipartCount 3 | Send-MsModelTrainingFile -VideoPath $video -Submit", Files)
                .AssertNoErrors().Single<MsModelTrainingJob>();
            Assert.NotNull(job.JobId);
            var record = _emu.State.TrainingJobs[job.JobId];
            Assert.Equal(3, Enumerable.Range(0, 3).Count(i => record.Uploads.ContainsKey("training_video/" + i)));
            Assert.Equal(File.ReadAllBytes(_video), Enumerable.Range(0, 3).SelectMany(i => record.Uploads["training_video/" + i]).ToArray());
            Assert.Equal("AUTO_VERIFYING", job.State);
        }

        [Fact]
        public void List_filters_and_pages()
        {
            using var ps = new PsSession(_emu);
            var batch = "batch-" + Guid.NewGuid().ToString("N").Substring(0, 8);
            ps.Run($"1..3 | ForEach-Object {{ New-MsModelTrainingJob -Name \"list-$_\" -BatchName {batch} -Tag \"t$_\" -IsFlexus:($_ -eq 2) }} | Out-Null").AssertNoErrors();
            var all = ps.Run($"Get-MsModelTrainingJob -BatchName {batch}").AssertNoErrors().All<MsModelTrainingJob>().ToList();
            Assert.Equal(new[] { "list-1", "list-2", "list-3" }, all.Select(j => j.Name));
            Assert.Equal(new[] { "list-3", "list-2", "list-1" },
                ps.Run($"Get-MsModelTrainingJob -BatchName {batch} -SortDirection desc").AssertNoErrors().All<MsModelTrainingJob>().Select(j => j.Name));
            Assert.Equal(new[] { "list-2" }, ps.Run($"Get-MsModelTrainingJob -BatchName {batch} -Tag t2").AssertNoErrors().All<MsModelTrainingJob>().Select(j => j.Name));
            Assert.Equal(new[] { "list-2" }, ps.Run($"Get-MsModelTrainingJob -BatchName {batch} -IsFlexus").AssertNoErrors().All<MsModelTrainingJob>().Select(j => j.Name));
            Assert.Equal(3, ps.Run($"Get-MsModelTrainingJob -BatchName {batch} -State WAIT_FILE_UPLOAD,TRAINING").AssertNoErrors().Output.Count);
            Assert.Empty(ps.Run($"Get-MsModelTrainingJob -BatchName {batch} -State JOB_SUCCESS").AssertNoErrors().Output);
            Assert.Empty(ps.Run($"Get-MsModelTrainingJob -BatchName {batch} -StartTime ([datetime]::UtcNow.AddHours(1))").AssertNoErrors().Output);
            var page = ps.Run($"Get-MsModelTrainingJob -BatchName {batch} -Skip 1 -First 1").AssertNoErrors().Single<MsModelTrainingJob>();
            Assert.Equal("list-2", page.Name);
            Assert.Contains(_emu.Log.All, e => e.Operation == "List2dModelTrainingJob" && e.Query?.Contains("offset=1") == true);
        }

        [Fact]
        public void Remove_deletes_piped_jobs_with_Force_and_WhatIf_keeps_them()
        {
            using var ps = new PsSession(_emu);
            var batch = "rm-" + Guid.NewGuid().ToString("N").Substring(0, 8);
            var ids = ps.Run($"'r1','r2' | ForEach-Object {{ New-MsModelTrainingJob -Name $_ -BatchName {batch} }}").AssertNoErrors().All<MsModelTrainingJob>().Select(j => j.JobId).ToList();
            var before = _emu.Log.Count("Delete2dModelTrainingJob");
            var whatIf = ps.Run($"Get-MsModelTrainingJob -BatchName {batch} | Remove-MsModelTrainingJob -WhatIf").AssertNoErrors();
            Assert.Contains("What if:", whatIf.HostText);
            Assert.Equal(before, _emu.Log.Count("Delete2dModelTrainingJob"));
            Assert.All(ids, id => Assert.True(_emu.State.TrainingJobs.ContainsKey(Assert.IsType<string>(id))));

            ps.Run($"Get-MsModelTrainingJob -BatchName {batch} | Remove-MsModelTrainingJob -Force").AssertNoErrors();
            Assert.All(ids, id => Assert.False(_emu.State.TrainingJobs.ContainsKey(Assert.IsType<string>(id))));
            var gone = ps.Run($"Get-MsModelTrainingJob -JobId {ids[0]}");
            Assert.Equal("MSS.00000003", Code(Assert.Single(gone.Errors)));
        }

        [Fact]
        public void Another_tenant_neither_sees_nor_changes_a_job()
        {
            using var ps = new PsSession(_emu);
            var job = ps.Run("New-MsModelTrainingJob -Name 'mine'").AssertNoErrors().Single<MsModelTrainingJob>();
            using var other = new PsSession(_emu, connect: false);
            other.Run($"$null = Connect-MsService -Region cn-north-4 -Endpoint '{_emu.BaseUri}' -AccessKey {EmulatorOptions.OtherAccessKey} -SecretKey '{EmulatorOptions.OtherSecretKey}'").AssertNoErrors();
            Assert.DoesNotContain(other.Run("Get-MsModelTrainingJob").AssertNoErrors().All<MsModelTrainingJob>(), j => j.JobId == job.JobId);
            var r = other.Run($"Get-MsModelTrainingJob -JobId {job.JobId}; Remove-MsModelTrainingJob -JobId {job.JobId} -Force");
            Assert.Equal(2, r.Errors.Count);
            Assert.NotNull(job.JobId);
            Assert.True(_emu.State.TrainingJobs.ContainsKey(job.JobId));
        }

        [Fact]
        public void Bad_input_is_refused_before_any_request()
        {
            using var ps = new PsSession(_emu);
            var job = ps.Run("New-MsModelTrainingJob -Name 'bad-input'").AssertNoErrors().Single<MsModelTrainingJob>();
            var vars = new Dictionary<string, object>(Files) { ["job"] = job, ["missing"] = Path.Combine(_dir, "nope.mp4") };
            var count = _emu.Log.All.Count;
            var cases = new[]
            {
                "New-MsModelTrainingJob -Name 'x' -ModelVersion V9",
                "New-MsModelTrainingJob -Name ''",
                "New-MsModelTrainingJob -Name 'x' -AudioSourceType TEXT",
                "Get-MsModelTrainingJob -JobId '../etc'",
                "Get-MsModelTrainingJob -ModelResolution 720P",
                "Get-MsModelTrainingJob -StartTime ([datetime]::UtcNow) -EndTime ([datetime]::UtcNow.AddDays(-1))",
                "Invoke-MsModelTrainingCommand -JobId $job.JobId -Command DANCE",
                "$job | Send-MsModelTrainingFile -VideoPath $missing",
                // Upload URLs come only from New/Set: a job without them is refused with that advice.
                $"Send-MsModelTrainingFile -JobId {job.JobId} -VideoPath $video",
                "$job | Send-MsModelTrainingFile -VideoPath $video -CoverPath $cover -CoverUploadUrl ''",
                "Remove-MsModelTrainingJob -JobId 'a/b' -Force",
                "Wait-MsModelTrainingJob -JobId $job.JobId -PollIntervalSec 0",
            };
            foreach (var script in cases)
            {
                var r = ps.Run(script, vars);
                Assert.True(r.AllErrors.Any(), $"no error for: {script}");
            }
            Assert.Equal(count, _emu.Log.All.Count);
            var advice = ps.Run($"Send-MsModelTrainingFile -JobId {job.JobId} -VideoPath $video", vars).Errors.Single();
            Assert.Contains("Set-MsModelTrainingJob", advice.Exception.Message);
            Assert.NotNull(job.JobId);
            Assert.Empty(_emu.State.TrainingJobs[job.JobId].Uploads);
        }

        [Fact]
        public void WhatIf_on_new_set_send_and_invoke_sends_no_change()
        {
            using var ps = new PsSession(_emu);
            var job = ps.Run("New-MsModelTrainingJob -Name 'whatif'").AssertNoErrors().Single<MsModelTrainingJob>();
            var before = _emu.Log.All.Count;
            var r = ps.Run("New-MsModelTrainingJob -Name 'never' -WhatIf; $job | Set-MsModelTrainingJob -Contact x -WhatIf; " +
                           "$job | Send-MsModelTrainingFile -VideoPath $video -Submit -WhatIf; $job | Invoke-MsModelTrainingCommand SUBMITVERIFYING -WhatIf",
                new Dictionary<string, object>(Files) { ["job"] = job }).AssertNoErrors();
            Assert.Equal(4, r.HostText.Split("What if:").Length - 1);
            // Only reads: the job's name for the three messages about it.
            Assert.All(_emu.Log.All.Skip(before), e => Assert.Equal("Show2dModelTrainingJob", e.Operation));
            Assert.Equal(3, r.HostText.Split($"model training job 'whatif' ({job.JobId})").Length - 1);
            Assert.NotNull(job.JobId);
            Assert.Empty(_emu.State.TrainingJobs[job.JobId].Uploads);
        }
    }
}
