using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Assets;
using MetaStudio.PowerShell.Tests.Infrastructure;
using MetaStudio.PowerShell.Voice;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Voice
{
    public class VoiceTrainingTests : IClassFixture<VirtualTimeEmulatorFixture>, IDisposable
    {
        private const string Wait = "Wait-MsVoiceTrainingJob -PollIntervalSec 0.2 -Timeout 60";
        private readonly EmulatorHost _emu;
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "ms-voice-" + Guid.NewGuid().ToString("N"));
        private readonly string _zip;
        private readonly string _wav0;
        private readonly string _wav1;
        private readonly string _txt0;
        private readonly string _txt1;
        private readonly string _letter;

        public VoiceTrainingTests(VirtualTimeEmulatorFixture f)
        {
            _emu = f.Emulator;
            Directory.CreateDirectory(_dir);
            string Write(string name, byte[] bytes)
            {
                var path = Path.Combine(_dir, name);
                File.WriteAllBytes(path, bytes);
                return path;
            }
            var random = new Random(11);
            var zip = new byte[200_003];
            random.NextBytes(zip);
            _zip = Write("voice.zip", zip);
            _wav0 = Write("0.wav", new byte[] { 0x52, 0x49, 0x46, 0x46, 0, 1 });
            _wav1 = Write("1.wav", new byte[] { 0x52, 0x49, 0x46, 0x46, 1, 2 });
            _txt0 = Write("0.txt", "Hello there."u8.ToArray());
            _txt1 = Write("1.txt", "Second sentence."u8.ToArray());
            _letter = Write("letter.pdf", "%PDF-1.4 letter"u8.ToArray());
        }

        public void Dispose() => Directory.Delete(_dir, true);

        private Dictionary<string, object> Files => new()
        {
            ["zip"] = _zip, ["wav0"] = _wav0, ["wav1"] = _wav1, ["txt0"] = _txt0, ["txt1"] = _txt1, ["letter"] = _letter,
        };

        private static string Code(ErrorRecord e) => e.FullyQualifiedErrorId.Split(',')[0];

        [Fact]
        public void New_send_commit_and_wait_trains_a_voice_asset_that_Get_MsAsset_finds()
        {
            using var ps = new PsSession(_emu);
            var created = ps.Run("New-MsVoiceTrainingJob -VoiceName 'nova' -CreateType PACKAGE -Tag NEWS -Sex FEMALE -Language EN -Phone '123' -Description 'calm'")
                .AssertNoErrors().Single<MsVoiceTrainingJob>();
            Assert.Equal("CREATING", created.State);
            Assert.Equal("BASIC", created.JobType);
            Assert.Equal("nova", created.VoiceName);
            Assert.Equal("NEWS", created.Tag);
            Assert.False(string.IsNullOrEmpty(created.TrainingDataUploadingUrl));
            Assert.False(string.IsNullOrEmpty(created.AuthorizationLetterUploadingUrl));
            Assert.Null(created.SegmentUploadingUrl);
            Assert.Equal(1, _emu.Log.Count("CreateTrainingBasicJob"));

            var r = ps.Run("$created | Send-MsVoiceTrainingData -Path $zip -AuthorizationLetterPath $letter -Commit | " + Wait,
                new Dictionary<string, object>(Files) { ["created"] = created });
            r.AssertNoErrors();
            var done = r.Single<MsVoiceTrainingJob>();
            Assert.Equal("SUCCEED", done.State);
            Assert.False(string.IsNullOrEmpty(done.AssetId));
            Assert.NotEmpty(r.Progress);
            // The piped URLs were used: no need to ask for new ones.
            Assert.Equal(0, _emu.Log.Count("ShowJobUploadingAddress"));
            Assert.Equal(1, _emu.Log.Count("CommitVoiceTrainingJob"));
            // Epoch-millisecond times read as dates.
            Assert.NotNull(done.CreateTime);
            Assert.InRange(done.CreateTime.Value, DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow.AddMinutes(1));
            Assert.True(done.LastUpdateTime >= done.CreateTime);

            Assert.NotNull(created.JobId);
            var record = _emu.State.VoiceJobs[created.JobId];
            Assert.Equal(File.ReadAllBytes(_zip), record.Uploads["package"]);
            Assert.Equal(File.ReadAllBytes(_letter), record.Uploads["authorization_letter"]);

            var asset = ps.Run($"Get-MsAsset -AssetId {done.AssetId}").AssertNoErrors().Single<MsAsset>();
            Assert.Equal("VOICE_MODEL", asset.AssetType);
            Assert.Equal("nova", asset.AssetName);

            var logs = ps.Run($"Get-MsVoiceTrainingLog -JobId {done.JobId}").AssertNoErrors().All<MsVoiceTrainingLog>().ToList();
            Assert.Equal(new[] { "USER_CREATE_JOB", "USER_UPLOAD", "USER_UPLOAD", "USER_COMMIT_JOB", "SYSTEM_AUDIT_SUCCESS", "SYSTEM_JOB_SUCCEED" },
                logs.Select(l => l.Action));
            Assert.All(logs, l => Assert.Equal(done.JobId, l.JobId));
            // The official OperationLogItem: time (epoch ms, read as a UTC time), action, operator.
            Assert.All(logs, l => Assert.True(l.Time > DateTime.UtcNow.AddMinutes(-10) && l.Time <= DateTime.UtcNow.AddMinutes(1), $"{l.Action} at {l.Time:o}"));
            Assert.Equal(new[] { "USER", "USER", "USER", "USER", "SYSTEM", "SYSTEM" }, logs.Select(l => l.Operator));
            Assert.Equal(2, ps.Run($"Get-MsVoiceTrainingLog -JobId {done.JobId} -Skip 1 -First 2").AssertNoErrors().Output.Count);

            var review = ps.Run($"Get-MsVoiceTrainingReview -JobId {done.JobId}").AssertNoErrors().Single<MsVoiceTrainingReview>();
            Assert.Empty(review.Errors);
            Assert.NotNull(review.AuditTime);

            var table = ps.Run($"Get-MsVoiceTrainingJob -JobId {done.JobId} | Out-Host").AssertNoErrors().HostText;
            Assert.Contains("VoiceName", table);
            Assert.Contains("SUCCEED", table);
            Assert.NotNull(done.JobId);
            Assert.Contains(done.JobId, table);
        }

        [Theory]
        [InlineData("Advanced", "CreateTrainingMiddleJob", "MIDDLE", 100)]
        [InlineData("Premium", "CreateTrainingAdvanceJob", "ADVANCE", 1)]
        [InlineData("Basic", "CreateTrainingBasicJob", "BASIC", 20)]
        public void Each_edition_calls_its_create_API(string edition, string operation, string jobType, int segments)
        {
            using var ps = new PsSession(_emu);
            var before = _emu.Log.Count(operation);
            var job = ps.Run($"New-MsVoiceTrainingJob -VoiceName 'ed-{edition}' -Edition {edition} -CreateType SEGMENT").AssertNoErrors().Single<MsVoiceTrainingJob>();
            Assert.Equal(before + 1, _emu.Log.Count(operation));
            Assert.Equal(jobType, job.JobType);
            Assert.NotNull(job.SegmentUploadingUrl);
            Assert.NotNull(job.SegmentUploadingUrl.AudioUploadingUrl);
            Assert.Equal(segments, job.SegmentUploadingUrl.AudioUploadingUrl.Length);
            Assert.NotNull(job.SegmentUploadingUrl.TxtUploadingUrl);
            Assert.Equal(segments, job.SegmentUploadingUrl.TxtUploadingUrl.Length);
            Assert.Null(job.TrainingDataUploadingUrl);
        }

        [Fact]
        public void Segments_upload_by_index_with_fetched_urls_and_confirmations_report_unmatched_indexes()
        {
            using var ps = new PsSession(_emu);
            var job = ps.Run("New-MsVoiceTrainingJob -VoiceName 'seg' -CreateType SEGMENT").AssertNoErrors().Single<MsVoiceTrainingJob>();

            // Without piped URLs the cmdlet asks for fresh ones.
            var urls = ps.Run($"Get-MsVoiceTrainingUploadUrl -JobId {job.JobId}").AssertNoErrors().Single<MsVoiceTrainingUploadUrl>();
            Assert.NotNull(urls.SegmentUploadingUrl);
            Assert.NotNull(urls.SegmentUploadingUrl.AudioUploadingUrl);
            Assert.Equal(20, urls.SegmentUploadingUrl.AudioUploadingUrl.Length);
            Assert.Equal(job.JobId, urls.JobId);
            var before = _emu.Log.Count("ShowJobUploadingAddress");
            var sent = ps.Run($"Send-MsVoiceTrainingData -JobId {job.JobId} -AudioPath $wav0,$wav1 -TextPath $txt0,$txt1", Files)
                .AssertNoErrors().Single<MsVoiceTrainingJob>();
            Assert.Equal("CREATING", sent.State);
            Assert.Equal(before + 1, _emu.Log.Count("ShowJobUploadingAddress"));
            Assert.NotNull(job.JobId);
            var record = _emu.State.VoiceJobs[job.JobId];
            Assert.Equal(File.ReadAllBytes(_wav1), record.Uploads["audio/1"]);
            Assert.Equal(File.ReadAllBytes(_txt1), record.Uploads["txt/1"]);

            var confirmed = ps.Run($"Confirm-MsVoiceTrainingSegment -JobId {job.JobId} -Index 0,1,5").AssertNoErrors().All<MsVoiceSegmentConfirmation>().ToList();
            Assert.Equal(3, confirmed.Count);
            Assert.True(confirmed[0].ConfirmResult);
            Assert.True(confirmed[1].ConfirmResult);
            Assert.False(confirmed[2].ConfirmResult);
            Assert.Equal(new[] { 5 }, confirmed[2].UnmatchedIndexHit);
            Assert.Equal(5, confirmed[2].Index);

            var info = ps.Run($"Get-MsVoiceTrainingSegment -JobId {job.JobId}").AssertNoErrors().Single<MsVoiceTrainingSegment>();
            Assert.Equal(new[] { 0, 1 }, info.ConfirmedIndex);

            var table = ps.Run($"Confirm-MsVoiceTrainingSegment -JobId {job.JobId} -Index 7 | Out-Host").AssertNoErrors().HostText;
            Assert.Contains("UnmatchedIndexHit", table);

            // The URLs fetched for the upload replaced the earlier ones: those no longer work.
            var stale = ps.Run("$u | Send-MsVoiceTrainingData -AudioPath $wav0 -TextPath $txt0",
                new Dictionary<string, object>(Files) { ["u"] = urls });
            Assert.Equal("OBS.NoSuchKey", Code(Assert.Single(stale.Errors)));
        }

        [Fact]
        public void Commit_without_data_is_refused_by_the_service_and_Submit_changes_fields()
        {
            using var ps = new PsSession(_emu);
            var job = ps.Run("New-MsVoiceTrainingJob -VoiceName 'empty' -Edition Advanced").AssertNoErrors().Single<MsVoiceTrainingJob>();
            var r = ps.Run($"Submit-MsVoiceTrainingJob -JobId {job.JobId}");
            Assert.Equal("MSS.00000003", Code(Assert.Single(r.Errors)));
            Assert.Contains("no training data", r.Errors[0].Exception.Message);

            ps.Run("$j | Send-MsVoiceTrainingData -Path $zip", new Dictionary<string, object>(Files) { ["j"] = job }).AssertNoErrors();
            var submitted = ps.Run($"Submit-MsVoiceTrainingJob -JobId {job.JobId} -VoiceName 'renamed' -Tag MARKETING -Sex MALE -Language CN -Phone '555' -Description 'd'")
                .AssertNoErrors().Single<MsVoiceTrainingJob>();
            Assert.Equal("renamed", submitted.VoiceName);
            Assert.Equal("MARKETING", submitted.Tag);
            Assert.Equal("MALE", submitted.Sex);
            Assert.NotEqual("CREATING", submitted.State);
        }

        [Fact]
        public void A_failing_job_ends_the_wait_with_an_error_carrying_the_reason_and_others_still_succeed()
        {
            using var ps = new PsSession(_emu);
            var r = ps.Run("'ok-v','FAIL-v' | ForEach-Object { New-MsVoiceTrainingJob -VoiceName $_ -CreateType PACKAGE } | Send-MsVoiceTrainingData -Path $zip -Commit | " + Wait, Files);
            Assert.Null(r.Terminating);
            // The good job is output; the failed one is only its error (no empty voice for the next cmdlet).
            var ok = Assert.Single(r.All<MsVoiceTrainingJob>());
            Assert.Equal("SUCCEED", ok.State);
            Assert.Equal("ok-v", ok.VoiceName);
            var error = Assert.Single(r.Errors);
            Assert.Equal("MSS.VOICE.0002", Code(error));   // the service's code (job_failed_code) is the error id
            Assert.NotEqual(ok.JobId, error.TargetObject);
            Assert.Contains("FAIL-v", error.Exception.Message);
            Assert.Contains("MSS.VOICE.0002", error.Exception.Message);
            Assert.Contains("emulated failure", error.Exception.Message);
        }

        [Fact]
        public void A_rejected_review_and_a_result_review_end_the_wait_with_warnings_that_say_what_to_do()
        {
            using var ps = new PsSession(_emu);
            var r = ps.Run("New-MsVoiceTrainingJob -VoiceName 'REJECT-me' -CreateType PACKAGE | Send-MsVoiceTrainingData -Path $zip -Commit | " + Wait, Files).AssertNoErrors();
            var rejected = r.Single<MsVoiceTrainingJob>();
            Assert.Equal("AUDIT_FAILED", rejected.State);
            Assert.Equal(1, rejected.RejectTimes);
            var warning = Assert.Single(r.Warnings);
            Assert.Contains("AUDIT_FAILED", warning);
            Assert.Contains("Get-MsVoiceTrainingReview", warning);

            var review = ps.Run($"Get-MsVoiceTrainingReview -JobId {rejected.JobId}").AssertNoErrors().Single<MsVoiceTrainingReview>();
            var reason = Assert.Single(review.Errors);
            Assert.Equal("0.wav", reason.AudioName);
            Assert.Equal("MSS.VOICE.0001", reason.ErrorCode);
            Assert.Contains("0.wav", ps.Run($"Get-MsVoiceTrainingReview -JobId {rejected.JobId} | Out-Host").HostText);

            // Re-upload (fresh URLs fetched) and commit again: the second review passes.
            r = ps.Run($"Send-MsVoiceTrainingData -JobId {rejected.JobId} -Path $zip -Commit | " + Wait, Files).AssertNoErrors();
            Assert.Equal("SUCCEED", r.Single<MsVoiceTrainingJob>().State);

            r = ps.Run("New-MsVoiceTrainingJob -VoiceName 'REVIEW-me' -CreateType PACKAGE | Send-MsVoiceTrainingData -Path $zip -Commit | " + Wait, Files).AssertNoErrors();
            Assert.Equal("USER_RESULT_REVIEW", r.Single<MsVoiceTrainingJob>().State);
            Assert.Contains("review", Assert.Single(r.Warnings));
        }

        [Fact]
        public void List_filters_send_epoch_milliseconds_and_batch_names_piped_jobs_in_one_call()
        {
            using var ps = new PsSession(_emu);
            var batch = "b" + Guid.NewGuid().ToString("N").Substring(0, 8);
            var jobs = ps.Run("1..3 | ForEach-Object { New-MsVoiceTrainingJob -VoiceName \"list-$_\" -Tag ECOMMERCE -Edition ($(if ($_ -eq 2) { 'Advanced' } else { 'Basic' })) }")
                .AssertNoErrors().All<MsVoiceTrainingJob>().ToList();
            var before = _emu.Log.Count("SetJobBatchName");
            var set = ps.Run($"$jobs | Set-MsVoiceTrainingBatch -BatchName {batch}", new Dictionary<string, object> { ["jobs"] = jobs })
                .AssertNoErrors().Single<MsVoiceTrainingBatch>();
            Assert.Equal(before + 1, _emu.Log.Count("SetJobBatchName"));
            Assert.Equal(batch, set.BatchName);
            Assert.Equal(jobs.Select(j => j.JobId), set.JobId);
            Assert.Contains(batch, ps.Run("$s | Out-Host", new Dictionary<string, object> { ["s"] = set }).AssertNoErrors().HostText);
            Assert.All(jobs, j => Assert.Equal(batch, _emu.State.VoiceJobs[Assert.IsType<string>(j.JobId)].BatchName));

            Assert.Equal(3, ps.Run($"Get-MsVoiceTrainingJob -BatchName {batch}").AssertNoErrors().Output.Count);
            Assert.Equal(new[] { "list-2" }, ps.Run($"Get-MsVoiceTrainingJob -BatchName {batch} -JobType MIDDLE").AssertNoErrors().All<MsVoiceTrainingJob>().Select(j => j.VoiceName));
            Assert.Equal(3, ps.Run($"Get-MsVoiceTrainingJob -BatchName {batch} -State CREATING,PROCESSING -Tag ECOMMERCE").AssertNoErrors().Output.Count);
            Assert.Empty(ps.Run($"Get-MsVoiceTrainingJob -BatchName {batch} -State SUCCEED").AssertNoErrors().Output);
            Assert.Single(ps.Run($"Get-MsVoiceTrainingJob -BatchName {batch} -VoiceName list-3").AssertNoErrors().Output);
            Assert.Equal(2, ps.Run($"Get-MsVoiceTrainingJob -BatchName {batch} -Skip 1 -First 5").AssertNoErrors().Output.Count);

            var since = DateTime.UtcNow.AddMinutes(-10);
            Assert.Equal(3, ps.Run($"Get-MsVoiceTrainingJob -BatchName {batch} -StartTime ([datetime]::UtcNow.AddMinutes(-10)) -EndTime ([datetime]::UtcNow.AddMinutes(1))").AssertNoErrors().Output.Count);
            Assert.Empty(ps.Run($"Get-MsVoiceTrainingJob -BatchName {batch} -StartTime ([datetime]::UtcNow.AddHours(1))").AssertNoErrors().Output);
            var query = _emu.Log.All.Last(e => e.Operation == "ListVoiceTrainingJob").Query;
            Assert.NotNull(query);
            var sentMs = long.Parse(Assert.IsType<string>(System.Web.HttpUtility.ParseQueryString(query)["create_since"]), CultureInfo.InvariantCulture);
            Assert.InRange(sentMs, new DateTimeOffset(since).AddMinutes(60).ToUnixTimeMilliseconds(), new DateTimeOffset(DateTime.UtcNow).AddHours(1).ToUnixTimeMilliseconds());
        }

        [Fact]
        public void Quota_lists_the_duration_limits_per_edition()
        {
            using var ps = new PsSession(_emu);
            var r = ps.Run("Get-MsVoiceTrainingQuota").AssertNoErrors();
            var quotas = r.All<MsVoiceTrainingQuota>().ToDictionary(q => Assert.IsType<string>(q.Edition));
            Assert.Equal(120, quotas["Basic"].AdviceSeconds);
            Assert.Equal(300, quotas["Advanced"].MinSeconds);
            Assert.Equal(7200, quotas["Premium"].MaxSeconds);
            Assert.Null(quotas["ShortAssess"].AdviceSeconds);
            Assert.False(quotas.ContainsKey("Cmww"));
            Assert.Contains("AdviceSeconds", ps.Run("Get-MsVoiceTrainingQuota | Out-Host").AssertNoErrors().HostText);
        }

        [Fact]
        public void Remove_deletes_the_job_and_its_upload_urls()
        {
            using var ps = new PsSession(_emu);
            var job = ps.Run("New-MsVoiceTrainingJob -VoiceName 'gone' -CreateType PACKAGE").AssertNoErrors().Single<MsVoiceTrainingJob>();
            ps.Run($"Remove-MsVoiceTrainingJob -JobId {job.JobId} -Confirm:$false").AssertNoErrors();
            Assert.NotNull(job.JobId);
            Assert.False(_emu.State.VoiceJobs.ContainsKey(job.JobId));
            var r = ps.Run($"Get-MsVoiceTrainingJob -JobId {job.JobId}");
            Assert.Equal("MSS.00000003", Code(Assert.Single(r.Errors)));
            var upload = ps.Run("$j | Send-MsVoiceTrainingData -Path $zip", new Dictionary<string, object>(Files) { ["j"] = job });
            Assert.Equal("OBS.NoSuchKey", Code(Assert.Single(upload.Errors)));
        }

        [Fact]
        public void An_uncommitted_job_times_out_naming_its_state_and_the_script_goes_on()
        {
            using var ps = new PsSession(_emu);
            var r = ps.Run("New-MsVoiceTrainingJob -VoiceName 'idle' | Wait-MsVoiceTrainingJob -PollIntervalSec 0.2 -Timeout 1; 'after'");
            Assert.Null(r.Terminating);
            var error = Assert.Single(r.Errors);
            Assert.Equal("MetaStudio.Timeout", Code(error));
            Assert.Contains("CREATING", error.Exception.Message);
            Assert.Equal("after", r.Output.Last().BaseObject);
        }

        [Fact]
        public void Another_tenant_neither_sees_nor_changes_a_job()
        {
            using var ps = new PsSession(_emu);
            var job = ps.Run("New-MsVoiceTrainingJob -VoiceName 'mine'").AssertNoErrors().Single<MsVoiceTrainingJob>();
            using var other = new PsSession(_emu, connect: false);
            other.Run($"$null = Connect-MsService -Region cn-north-4 -Endpoint '{_emu.BaseUri}' -AccessKey {EmulatorOptions.OtherAccessKey} -SecretKey '{EmulatorOptions.OtherSecretKey}'").AssertNoErrors();
            Assert.DoesNotContain(other.Run("Get-MsVoiceTrainingJob").AssertNoErrors().All<MsVoiceTrainingJob>(), j => j.JobId == job.JobId);
            var r = other.Run($"Get-MsVoiceTrainingJob -JobId {job.JobId}; Remove-MsVoiceTrainingJob -JobId {job.JobId} -Force; Set-MsVoiceTrainingBatch -JobId {job.JobId} -BatchName x; Get-MsVoiceTrainingSegment -JobId {job.JobId}");
            Assert.Equal(4, r.Errors.Count);
            Assert.NotNull(job.JobId);
            Assert.True(_emu.State.VoiceJobs.ContainsKey(job.JobId));
            Assert.Null(_emu.State.VoiceJobs[job.JobId].BatchName);
        }

        [Fact]
        public void Bad_input_is_refused_before_any_request()
        {
            using var ps = new PsSession(_emu);
            var job = ps.Run("New-MsVoiceTrainingJob -VoiceName 'bad' -CreateType SEGMENT").AssertNoErrors().Single<MsVoiceTrainingJob>();
            var before = _emu.Log.All.Count;
            var vars = new Dictionary<string, object>(Files) { ["j"] = job, ["missing"] = Path.Combine(_dir, "nope.wav") };
            Assert.Equal("MetaStudio.InvalidInput", Code(Assert.Single(ps.Run("$j | Send-MsVoiceTrainingData -AudioPath $wav0,$wav1 -TextPath $txt0", vars).Errors)));
            // A missing local file has its own id (ObjectNotFound): MetaStudio.FileNotFound.
            Assert.Equal("MetaStudio.FileNotFound", Code(Assert.Single(ps.Run("$j | Send-MsVoiceTrainingData -AudioPath $missing -TextPath $txt0", vars).Errors)));
            Assert.Equal("MetaStudio.FileNotFound", Code(Assert.Single(ps.Run($"Send-MsVoiceTrainingData -JobId {job.JobId} -Path $missing", vars).Errors)));
            Assert.NotEmpty(ps.Run("New-MsVoiceTrainingJob -VoiceName 'x' -Edition Gold").Errors);
            Assert.NotEmpty(ps.Run("New-MsVoiceTrainingJob -VoiceName 'x' -Tag SPORTS").Errors);
            Assert.NotEmpty(ps.Run("Get-MsVoiceTrainingJob -StartTime ([datetime]::UtcNow) -EndTime ([datetime]::UtcNow.AddDays(-1))").AllErrors);
            Assert.NotEmpty(ps.Run("Confirm-MsVoiceTrainingSegment -JobId abc123 -Index -1").Errors);
            Assert.Equal(before, _emu.Log.All.Count);
        }

        [Fact]
        public void WhatIf_sends_no_change()
        {
            using var ps = new PsSession(_emu);
            var job = ps.Run("New-MsVoiceTrainingJob -VoiceName 'whatif' -CreateType PACKAGE").AssertNoErrors().Single<MsVoiceTrainingJob>();
            var before = _emu.Log.All.Count;
            var vars = new Dictionary<string, object>(Files) { ["j"] = job };
            ps.Run("New-MsVoiceTrainingJob -VoiceName 'never' -WhatIf", vars).AssertNoErrors();
            ps.Run("$j | Send-MsVoiceTrainingData -Path $zip -Commit -WhatIf", vars).AssertNoErrors();
            ps.Run("$j | Submit-MsVoiceTrainingJob -WhatIf", vars).AssertNoErrors();
            ps.Run("$j | Set-MsVoiceTrainingBatch -BatchName b -WhatIf", vars).AssertNoErrors();
            ps.Run("$j | Confirm-MsVoiceTrainingSegment -Index 0 -WhatIf", vars).AssertNoErrors();
            var removed = ps.Run("$j | Remove-MsVoiceTrainingJob -WhatIf", vars).AssertNoErrors();
            // Only reads: the job's name for the messages.
            Assert.All(_emu.Log.All.Skip(before), e => Assert.Equal("ShowVoiceTrainingJob", e.Operation));
            Assert.Contains($"voice training job 'whatif' ({job.JobId})", removed.HostText);
            Assert.NotNull(job.JobId);
            Assert.Empty(_emu.State.VoiceJobs[job.JobId].Uploads);
        }
    }
}
