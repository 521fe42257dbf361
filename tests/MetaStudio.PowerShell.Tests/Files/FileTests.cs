using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Files;
using MetaStudio.PowerShell.Tests.Assets;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Files
{
    public class FileTests : IClassFixture<EmulatorFixture>, IDisposable
    {
        private readonly EmulatorHost _emu;
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "ms-files-" + Guid.NewGuid().ToString("N"));

        public FileTests(EmulatorFixture f)
        {
            _emu = f.Emulator;
            Directory.CreateDirectory(_dir);
        }

        public void Dispose()
        {
            try { Directory.Delete(_dir, true); } catch (IOException) { }
        }

        private string WriteFile(string name, int size, int seed = 1)
        {
            var bytes = new byte[size];
            new Random(seed).NextBytes(bytes);
            var path = Path.Combine(_dir, name);
            File.WriteAllBytes(path, bytes);
            return path;
        }

        [Fact]
        public void New_asset_piped_to_Send_uploads_confirms_and_activates()
        {
            using var ps = new PsSession(_emu);
            var path = WriteFile("photo.png", 20000);
            var r = ps.Run($"New-MsAsset -Name {Seeds.Unique("up")} -Type IMAGE | Send-MsAssetFile -Path '{path}'").AssertNoErrors();
            var uploaded = r.Single<MsAssetFile>();
            Assert.Equal("CREATED", uploaded.State);
            Assert.Equal(Convert.ToBase64String(MD5.HashData(File.ReadAllBytes(path))), uploaded.FileMd5);
            Assert.NotNull(uploaded.FileId);
            var stored = _emu.State.Files[uploaded.FileId];
            Assert.Equal(File.ReadAllBytes(path), stored.Content);
            Assert.Equal("CREATED", stored.State);
            Assert.NotNull(uploaded.AssetId);
            Assert.Equal("ACTIVED", _emu.State.Assets[uploaded.AssetId].AssetState);
            var put = _emu.Log.All.Single(e => e.Path.StartsWith("/obs-upload/" + uploaded.FileId, StringComparison.Ordinal));
            Assert.Equal(uploaded.FileMd5, put.Headers["Content-MD5"]);
            Assert.NotEmpty(r.Progress);
        }

        [Fact]
        public void Large_file_goes_up_in_parallel_parts_with_the_right_bytes()
        {
            using var ps = new PsSession(_emu);
            var path = WriteFile("movie.mp4", 3 * 1048576 + 12345, seed: 7);
            _emu.Log.Clear();
            var r = ps.Run($"$a = New-MsAsset -Name {Seeds.Unique("large")} -Type VIDEO; $a | Send-MsAssetFile -Path '{path}' -LargeFileThresholdMB 1 -PartSizeMB 1 -ThrottleLimit 3").AssertNoErrors();
            var uploaded = r.Output.Select(o => o.BaseObject).OfType<MsAssetFile>().Single();
            Assert.Equal(4, uploaded.PartCount);
            Assert.Equal(1, _emu.Log.All.Count(e => e.Operation == "CreateLargeFile" && e.Status == 200));
            Assert.Equal(0, _emu.Log.Count("CreateFile"));
            Assert.Equal(4, _emu.Log.All.Count(e => e.Path.StartsWith("/obs-upload/" + uploaded.FileId, StringComparison.Ordinal) && e.Status == 200));
            Assert.NotNull(uploaded.FileId);
            Assert.Equal(File.ReadAllBytes(path), _emu.State.Files[uploaded.FileId].Content);
            Assert.Equal("CREATED", _emu.State.Files[uploaded.FileId].State);
        }

        [Fact]
        public void Corrupted_transfer_surfaces_an_error_and_the_file_is_confirmed_failed()
        {
            using var ps = new PsSession(_emu);
            var path = WriteFile("broken.png", 5000);
            _emu.Obs.CorruptNextUploads = 1;
            var r = ps.Run($"New-MsAsset -Name {Seeds.Unique("bad")} -Type IMAGE | Send-MsAssetFile -Path '{path}'");
            var e = Assert.Single(r.Errors);
            Assert.Equal("OBS.BadDigest", e.FullyQualifiedErrorId.Split(',')[0]);
            var file = _emu.State.Files.Values.Single(f => f.FileName == "broken.png");
            Assert.Equal("FAILED", file.State);
            Assert.DoesNotContain(_emu.State.Files.Values, f => f.State == "CREATING" && f.FileName == "broken.png");

            // The asset accepts a new main file afterwards.
            ps.Run($"Send-MsAssetFile -AssetId {file.AssetId} -Path '{path}'").AssertNoErrors();
        }

        [Fact]
        public void Stopping_an_upload_in_flight_confirms_the_file_cancelled()
        {
            using var ps = new PsSession(_emu);
            var path = WriteFile("slow.png", 4000);
            var asset = ps.Run($"New-MsAsset -Name {Seeds.Unique("stop")} -Type IMAGE").AssertNoErrors().Single<MetaStudio.PowerShell.Assets.MsAsset>();
            _emu.Obs.UploadDelay = TimeSpan.FromSeconds(60);
            try
            {
                using var pipe = System.Management.Automation.PowerShell.Create();
                pipe.Runspace = ps.Runspace;
                pipe.AddScript($"Send-MsAssetFile -AssetId {asset.AssetId} -Path '{path}'");
                var running = pipe.BeginInvoke();
                // Stop once the PUT's bytes are at the upload target, which holds them (a hang guard, not a timing assertion).
                var deadline = DateTime.UtcNow.AddSeconds(30);
                while (_emu.Obs.Held == 0 && DateTime.UtcNow < deadline) System.Threading.Thread.Sleep(5);
                Assert.Equal(1, _emu.Obs.Held);
                pipe.Stop();
                Assert.True(running.IsCompleted);
            }
            finally
            {
                _emu.Obs.UploadDelay = TimeSpan.Zero;
            }
            var file = _emu.State.Files.Values.Single(f => f.AssetId == asset.AssetId);
            Assert.Equal("CANCELLED", file.State);
            Assert.Null(file.Content);
        }

        [Fact]
        public void A_corrupted_part_fails_the_large_upload_and_the_file_is_confirmed_failed()
        {
            using var ps = new PsSession(_emu);
            var path = WriteFile("parts.mp4", 2 * 1048576 + 10, seed: 5);
            _emu.Obs.CorruptNextUploads = 1;
            var r = ps.Run($"New-MsAsset -Name {Seeds.Unique("badpart")} -Type VIDEO | Send-MsAssetFile -Path '{path}' -LargeFileThresholdMB 1 -PartSizeMB 1 -ThrottleLimit 1");
            Assert.Equal("OBS.BadDigest", Assert.Single(r.Errors).FullyQualifiedErrorId.Split(',')[0]);
            Assert.Empty(r.Output);
            Assert.Equal("FAILED", _emu.State.Files.Values.Single(f => f.FileName == "parts.mp4").State);
        }

        [Fact]
        public void A_failed_part_stops_the_parts_not_yet_sent()
        {
            using var ps = new PsSession(_emu);
            var path = WriteFile("nine.mp4", 9 * 1048576, seed: 9);
            _emu.Obs.CorruptNextUploads = 1;
            var r = ps.Run($"New-MsAsset -Name {Seeds.Unique("stopparts")} -Type VIDEO | Send-MsAssetFile -Path '{path}' -LargeFileThresholdMB 1 -PartSizeMB 1 -ThrottleLimit 1");
            Assert.Equal("OBS.BadDigest", Assert.Single(r.Errors).FullyQualifiedErrorId.Split(',')[0]);
            var file = _emu.State.Files.Values.Single(f => f.FileName == "nine.mp4");
            Assert.Equal("FAILED", file.State);
            var puts = _emu.Log.All.Count(e => e.Path.StartsWith("/obs-upload/" + file.FileId, StringComparison.Ordinal));
            Assert.InRange(puts, 1, 8);
        }

        [Fact]
        public void Large_upload_skips_the_whole_file_md5()
        {
            using var ps = new PsSession(_emu);
            var path = WriteFile("twoparts.mp4", 2 * 1048576 + 10, seed: 11);
            var r = ps.Run($"New-MsAsset -Name {Seeds.Unique("nomd5pass")} -Type VIDEO | Send-MsAssetFile -Path '{path}' -LargeFileThresholdMB 1 -PartSizeMB 1").AssertNoErrors();
            var uploaded = r.Output.Select(o => o.BaseObject).OfType<MsAssetFile>().Single();
            Assert.Null(uploaded.FileMd5);
            Assert.DoesNotContain(r.Progress, p => p.StatusDescription.StartsWith("Computing MD5", StringComparison.Ordinal));
            Assert.NotNull(uploaded.FileId);
            Assert.Equal(File.ReadAllBytes(path), _emu.State.Files[uploaded.FileId].Content);
        }

        [Fact]
        public void Send_with_WhatIf_changes_nothing()
        {
            using var ps = new PsSession(_emu);
            var asset = Seeds.Ready(_emu, Seeds.Unique("wi"));
            var path = WriteFile("whatif.png", 10);
            _emu.Log.Clear();
            var r = ps.Run($"Send-MsAssetFile -AssetId {asset.AssetId} -Path '{path}' -WhatIf; Remove-MsAssetFile -FileId {asset.Files[0].FileId} -Force -WhatIf").AssertNoErrors();
            Assert.All(_emu.Log.All, e => Assert.Equal("ShowAsset", e.Operation));   // the asset's name for the message
            Assert.Contains($"asset '{asset.AssetName}' ({asset.AssetId})", r.HostText);
            Assert.Single(asset.Files);
        }

        [Fact]
        public void Missing_file_is_rejected_before_any_request()
        {
            using var ps = new PsSession(_emu);
            var asset = Seeds.Ready(_emu, Seeds.Unique("missing"));
            _emu.Log.Clear();
            var r = ps.Run($"Send-MsAssetFile -AssetId {asset.AssetId} -Path '{Path.Combine(_dir, "nope.png")}'");
            Assert.Contains("does not exist", Assert.Single(r.Errors).ToString());
            Assert.Empty(_emu.Log.All);
        }

        [Fact]
        public void Uploaded_files_download_through_the_pipeline()
        {
            using var ps = new PsSession(_emu);
            var a = WriteFile("main.png", 3000, 3);
            var b = WriteFile("cover.jpg", 2000, 4);
            var dest = Path.Combine(_dir, "out");
            var r = ps.Run($"$asset = New-MsAsset -Name {Seeds.Unique("save")} -Type IMAGE; $asset | Send-MsAssetFile -Path '{a}' | Out-Null; " +
                           $"$asset | Send-MsAssetFile -Path '{b}' -Category COVER | Out-Null; $asset | Save-MsAssetFile -Destination '{dest}'").AssertNoErrors();
            var saved = r.All<MsSavedFile>().ToList();
            Assert.Equal(2, saved.Count);
            Assert.All(saved, s => Assert.Equal("Saved", s.Action));
            Assert.Equal(new[] { "COVER", "MAIN" }, saved.Select(s => s.Category).OrderBy(c => c));
            Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(Path.Combine(dest, "main.png")));
            Assert.Equal(File.ReadAllBytes(b), File.ReadAllBytes(Path.Combine(dest, "cover.jpg")));
            var onlyCover = ps.Run($"$asset | Save-MsAssetFile -Destination '{dest}' -Category COVER -Force").AssertNoErrors().Single<MsSavedFile>();
            Assert.Equal("cover.jpg", onlyCover.Name);
            Assert.Equal("Overwritten", onlyCover.Action);
        }

        [Fact]
        public void Save_does_not_overwrite_an_existing_file_without_Force()
        {
            using var ps = new PsSession(_emu);
            var a = WriteFile("keep.png", 3000, 21);
            var dest = Path.Combine(_dir, "keep-out");
            Directory.CreateDirectory(dest);
            var existing = Path.Combine(dest, "keep.png");
            File.WriteAllText(existing, "mine");
            var asset = ps.Run($"$asset = New-MsAsset -Name {Seeds.Unique("keep")} -Type IMAGE; $asset | Send-MsAssetFile -Path '{a}' | Out-Null; $asset").AssertNoErrors()
                .Single<MetaStudio.PowerShell.Assets.MsAsset>();
            var before = _emu.Log.All.Count;
            var r = ps.Run($"Save-MsAssetFile -AssetId {asset.AssetId} -Destination '{dest}'; 'after'");
            var error = Assert.Single(r.Errors);
            Assert.Equal("MetaStudio.FileExists", error.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Contains(existing, error.ToString());
            Assert.Equal("after", r.Output.Single().BaseObject);
            Assert.Equal("mine", File.ReadAllText(existing));
            Assert.DoesNotContain(_emu.Log.All.Skip(before), e => e.Path.StartsWith("/obs-download/", StringComparison.Ordinal));

            before = _emu.Log.All.Count;
            var forced = ps.Run($"Save-MsAssetFile -AssetId {asset.AssetId} -Destination '{dest}' -Force").AssertNoErrors();
            Assert.Contains(_emu.Log.All.Skip(before), e => e.Path.StartsWith("/obs-download/", StringComparison.Ordinal));
            Assert.Equal(existing, forced.Single<MsSavedFile>().Path);
            Assert.Equal(asset.AssetId, forced.Single<MsSavedFile>().AssetId);
            Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(existing));
        }

        [Fact]
        public void Save_can_skip_existing_files_and_name_files_from_the_asset_or_a_given_name()
        {
            using var ps = new PsSession(_emu);
            var a = WriteFile("clip.png", 3000, 41);
            var dest = Path.Combine(_dir, "named-out");
            var name = Seeds.Unique("named");
            var asset = ps.Run($"$asset = New-MsAsset -Name {name} -Type IMAGE; $asset | Send-MsAssetFile -Path '{a}' | Out-Null; $asset").AssertNoErrors()
                .Single<MetaStudio.PowerShell.Assets.MsAsset>();

            // From the asset: its name with the file's extension.
            var fromAsset = ps.Run($"Save-MsAssetFile -AssetId {asset.AssetId} -Destination '{dest}' -NameFrom Asset").AssertNoErrors().Single<MsSavedFile>();
            Assert.Equal(Path.Combine(dest, name + ".png"), fromAsset.Path);
            Assert.Equal(name, fromAsset.AssetName);
            // A given name gets the extension too, unless it has it; nothing can leave the folder.
            Assert.Equal(Path.Combine(dest, "row-1.png"), ps.Run($"Save-MsAssetFile -AssetId {asset.AssetId} -Destination '{dest}' -Name row-1").AssertNoErrors().Single<MsSavedFile>().Path);
            Assert.Equal(Path.Combine(dest, "x.png"), ps.Run($"Save-MsAssetFile -AssetId {asset.AssetId} -Destination '{dest}' -Name ../x.png").AssertNoErrors().Single<MsSavedFile>().Path);

            // A rerun keeps what is there and reports it, without downloading or failing.
            Assert.NotNull(fromAsset.Path);
            File.WriteAllText(fromAsset.Path, "kept");
            var before = _emu.Log.All.Count;
            var skipped = ps.Run($"Save-MsAssetFile -AssetId {asset.AssetId} -Destination '{dest}' -NameFrom Asset -SkipExisting").AssertNoErrors().Single<MsSavedFile>();
            Assert.Equal("Skipped", skipped.Action);
            Assert.Equal(fromAsset.Path, skipped.Path);
            Assert.Equal("kept", File.ReadAllText(fromAsset.Path));
            Assert.DoesNotContain(_emu.Log.All.Skip(before), e => e.Path.StartsWith("/obs-download/", StringComparison.Ordinal));

            // -Force and -SkipExisting contradict each other: rejected before any request.
            before = _emu.Log.All.Count;
            var both = ps.Run($"Save-MsAssetFile -AssetId {asset.AssetId} -Destination '{dest}' -Force -SkipExisting");
            Assert.Equal("MetaStudio.InvalidInput", Assert.Single(both.AllErrors).FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal(before, _emu.Log.All.Count);
        }

        [Fact]
        public void Files_with_one_name_are_saved_under_distinct_names()
        {
            using var ps = new PsSession(_emu);
            var main = WriteFile("same.png", 3000, 31);
            var other = Path.Combine(_dir, "other");
            Directory.CreateDirectory(other);
            var second = Path.Combine(other, "same.png");
            File.WriteAllBytes(second, File.ReadAllBytes(WriteFile("tmp.png", 2000, 32)));
            var dest = Path.Combine(_dir, "same-out");
            var r = ps.Run($"$asset = New-MsAsset -Name {Seeds.Unique("same")} -Type IMAGE; $main = $asset | Send-MsAssetFile -Path '{main}'; " +
                           $"$cover = $asset | Send-MsAssetFile -Path '{second}' -Category COVER; $asset | Save-MsAssetFile -Destination '{dest}'; $main; $cover").AssertNoErrors();
            var ids = r.Output.Select(o => o.BaseObject).OfType<MsAssetFile>().Select(f => f.FileId).ToList();
            Assert.Equal(2, ids.Count);
            var saved = r.All<object>().OfType<MsSavedFile>().ToList();
            Assert.Equal(2, saved.Count);
            Assert.Equal(2, saved.Select(f => f.Path).Distinct().Count());
            var contents = saved.Select(f => File.ReadAllBytes(Assert.IsType<string>(f.Path))).ToList();
            Assert.Contains(contents, c => c.SequenceEqual(File.ReadAllBytes(main)));
            Assert.Contains(contents, c => c.SequenceEqual(File.ReadAllBytes(second)));
            Assert.Contains(saved, f => f.Name == "same.png");
            Assert.Contains(saved, f => ids.Any(id => f.Name == "same-" + id + ".png"));
        }

        [Fact]
        public void Low_level_create_put_confirm_and_delete()
        {
            using var ps = new PsSession(_emu);
            var asset = ps.Run($"New-MsAsset -Name {Seeds.Unique("low")} -Type IMAGE").AssertNoErrors().Single<MetaStudio.PowerShell.Assets.MsAsset>();
            var bytes = new byte[] { 1, 2, 3, 4 };
            var md5 = Convert.ToBase64String(MD5.HashData(bytes));
            var upload = ps.Run($"New-MsAssetFile -AssetId {asset.AssetId} -FileName x.png -FileSize 4 -FileMd5 '{md5}'").AssertNoErrors().Single<MsFileUpload>();
            Assert.EndsWith("/0", upload.UploadUrl);

            // Confirming before the bytes arrived is refused.
            var early = ps.Run($"Complete-MsAssetFile -FileId {upload.FileId}");
            Assert.Equal("MSS.45000001", Assert.Single(early.Errors).FullyQualifiedErrorId.Split(',')[0]);

            Assert.NotNull(upload.FileId);
            _emu.State.Files[upload.FileId].Parts[0] = bytes;
            ps.Run($"Complete-MsAssetFile -FileId {upload.FileId}").AssertNoErrors();
            Assert.Equal("CREATED", _emu.State.Files[upload.FileId].State);

            var large = ps.Run($"New-MsAssetFile -AssetId {asset.AssetId} -FileName big.png -PartCount 3 -Category OTHER").AssertNoErrors().Single<MsFileUpload>();
            Assert.NotNull(large.UploadUrls);
            Assert.Equal(3, large.UploadUrls.Length);
            ps.Run("$large | Remove-MsAssetFile -Confirm:$false", new System.Collections.Generic.Dictionary<string, object> { ["large"] = large }).AssertNoErrors();
            Assert.NotNull(large.FileId);
            Assert.False(_emu.State.Files.ContainsKey(large.FileId));
            var gone = ps.Run($"Remove-MsAssetFile -FileId {large.FileId} -Force");
            Assert.Equal("MSS.10001004", Assert.Single(gone.Errors).FullyQualifiedErrorId.Split(',')[0]);
        }

        [Fact]
        public async System.Threading.Tasks.Task Upload_target_refuses_a_part_without_Content_MD5()
        {
            using var ps = new PsSession(_emu);
            var asset = ps.Run($"New-MsAsset -Name {Seeds.Unique("nomd5")} -Type VIDEO").AssertNoErrors().Single<MetaStudio.PowerShell.Assets.MsAsset>();
            var large = ps.Run($"New-MsAssetFile -AssetId {asset.AssetId} -FileName big.mp4 -PartCount 2 -Category OTHER").AssertNoErrors().Single<MsFileUpload>();
            using var http = new System.Net.Http.HttpClient();
            var bytes = new byte[] { 1, 2, 3, 4 };
            Assert.NotNull(large.UploadUrls);
            var bare = await http.PutAsync(large.UploadUrls[0], new System.Net.Http.ByteArrayContent(bytes));
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, bare.StatusCode);
            Assert.Contains("OBS.MissingContentMD5", await bare.Content.ReadAsStringAsync());
            Assert.NotNull(large.FileId);
            Assert.False(_emu.State.Files[large.FileId].Parts.ContainsKey(1));

            var signed = new System.Net.Http.ByteArrayContent(bytes);
            signed.Headers.ContentMD5 = MD5.HashData(bytes);
            Assert.Equal(System.Net.HttpStatusCode.OK, (await http.PutAsync(large.UploadUrls[0], signed)).StatusCode);
            Assert.Equal(bytes, _emu.State.Files[large.FileId].Parts[1]);
        }

        [Fact]
        public void Bad_md5_is_rejected_locally()
        {
            using var ps = new PsSession(_emu);
            _emu.Log.Clear();
            var r = ps.Run("New-MsAssetFile -AssetId abc -FileName x.png -FileSize 4 -FileMd5 'not-an-md5'");
            Assert.Single(r.AllErrors);
            Assert.Empty(_emu.Log.All);
        }

        [Fact]
        public void Format_view_shows_file_columns()
        {
            using var ps = new PsSession(_emu);
            var path = WriteFile("fmt.png", 100);
            var r = ps.Run($"New-MsAsset -Name {Seeds.Unique("ffmt")} -Type IMAGE | Send-MsAssetFile -Path '{path}' | Out-Host").AssertNoErrors();
            foreach (var h in new[] { "FileId", "FileName", "FileSize", "Category", "State" }) Assert.Contains(h, r.HostText);
        }
    }
}
