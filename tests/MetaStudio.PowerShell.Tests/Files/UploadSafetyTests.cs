using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Core.Auth;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Files;
using MetaStudio.PowerShell.Core.Transfers;
using MetaStudio.PowerShell.Tests.Assets;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Files
{
    /// <summary>
    /// Uploads under faults of their own (issue 11 item 8): a CreateFile whose answer was lost, a local file that changes
    /// while it goes up, a session used after it was disposed.
    /// </summary>
    public class UploadSafetyTests : IClassFixture<EmulatorFixture>, IDisposable
    {
        private readonly EmulatorHost _emu;
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "ms-upsafe-" + Guid.NewGuid().ToString("N"));

        public UploadSafetyTests(EmulatorFixture f)
        {
            _emu = f.Emulator;
            Directory.CreateDirectory(_dir);
        }

        public void Dispose()
        {
            _emu.Faults.Reset();
            try { Directory.Delete(_dir, true); } catch (IOException) { }
        }

        private string WriteFile(string name, int size)
        {
            var bytes = new byte[size];
            new Random(size).NextBytes(bytes);
            var path = Path.Combine(_dir, name);
            File.WriteAllBytes(path, bytes);
            return path;
        }

        [Fact]
        public void A_lost_CreateFile_answer_is_reconciled_the_orphan_marked_FAILED_and_the_file_uploaded_once()
        {
            using var ps = new PsSession(_emu);
            var path = WriteFile("lost.png", 5000);
            var assetId = ps.Run($"(New-MsAsset -Name {Seeds.Unique("lost")} -Type IMAGE).AssetId").AssertNoErrors().Single<string>();
            _emu.Faults.Operation = "CreateFile";
            _emu.Faults.DropNext = 1;   // the service creates the record, then the connection drops before the answer
            var r = ps.Run($"Send-MsAssetFile -AssetId {assetId} -Path '{path}' -Verbose").AssertNoErrors();

            var uploaded = r.Single<MsAssetFile>();
            var files = _emu.State.Assets[assetId].Files;
            Assert.Equal(2, files.Count);
            var orphan = Assert.Single(files, f => f.FileId != uploaded.FileId);
            Assert.NotNull(uploaded.FileId);
            Assert.Equal("FAILED", orphan.State);                      // it blocks nothing (one MAIN file per asset)
            Assert.Equal("CREATED", _emu.State.Files[uploaded.FileId].State);
            Assert.Contains(r.Warnings, w => w.Contains(orphan.FileId) && w.Contains("lost its answer"));
            Assert.Equal(2, _emu.Log.All.Count(e => e.Operation == "CreateFile" && e.Body != null && e.Body.Contains(assetId)));
            Assert.Single(_emu.Log.All, e => e.Path.StartsWith("/obs-upload/", StringComparison.Ordinal) && e.Path.Contains(uploaded.FileId));
        }

        [Fact]
        public void A_CreateFile_that_failed_before_the_work_is_sent_again_and_leaves_one_file()
        {
            using var ps = new PsSession(_emu);
            var path = WriteFile("failed.png", 4000);
            var assetId = ps.Run($"(New-MsAsset -Name {Seeds.Unique("fail5xx")} -Type IMAGE).AssetId").AssertNoErrors().Single<string>();
            _emu.Faults.Operation = "CreateFile";
            _emu.Faults.FailNext = 1;   // 500 before the work: no record
            var r = ps.Run($"Send-MsAssetFile -AssetId {assetId} -Path '{path}' -Verbose").AssertNoErrors();

            var uploaded = r.Single<MsAssetFile>();
            Assert.Equal(uploaded.FileId, Assert.Single(_emu.State.Assets[assetId].Files).FileId);
            Assert.Contains(r.Verbose, v => v.Contains("No file record of failed.png was created"));
            Assert.Empty(r.Warnings);
        }

        /// <summary>Runs <paramref name="change"/> on the file just before the <paramref name="onPut"/>-th PUT leaves, then forwards it.</summary>
        private sealed class ChangeBeforePut : DelegatingHandler
        {
            private readonly int _onPut;
            private readonly Action _change;
            public int Puts;

            public ChangeBeforePut(int onPut, Action change) : base(new HttpClientHandler())
            {
                _onPut = onPut;
                _change = change;
            }

            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                if (request.Method == HttpMethod.Put && Interlocked.Increment(ref Puts) == _onPut) _change();
                return base.SendAsync(request, cancellationToken);
            }
        }

        private MsSession SessionThrough(HttpMessageHandler handler) => new MsSession("cn-north-4", _emu.BaseUri, _emu.BaseUri,
            new AkSkCredential(EmulatorOptions.DefaultAccessKey, SecretText.ToSecureString(EmulatorOptions.DefaultSecretKey)),
            EmulatorOptions.ProjectIdFor("cn-north-4"), null, "Parameter",
            new SessionSettings { RetryBaseDelay = TimeSpan.FromMilliseconds(10) }, handler);

        [Fact]
        public async Task A_file_truncated_while_it_goes_up_is_reported_as_changed_at_once_and_marked_FAILED()
        {
            var path = WriteFile("shrinks.mp4", 200_000);
            var asset = Seeds.Ready(_emu, Seeds.Unique("shrink"), "VIDEO");
            var handler = new ChangeBeforePut(1, () => { using var f = new FileStream(path, FileMode.Open); f.SetLength(1000); });
            using var session = SessionThrough(handler);
            var uploader = new FileUploader(session, CallContext.None(), new FileInfo(path), 1);

            var error = await Assert.ThrowsAsync<LocalFileChangedException>(() => uploader.UploadAsync(asset.AssetId, "OTHER", 100 << 20, 16 << 20, 1));
            Assert.Contains("shrinks.mp4", error.Message);
            Assert.True(handler.Puts <= 2, $"{handler.Puts} PUTs: a changed file is not retried over and over");
            var record = Assert.Single(_emu.State.Assets[asset.AssetId].Files, f => f.FileName == "shrinks.mp4");
            Assert.Equal("FAILED", record.State);
            Assert.Equal(ErrorCodes.FileChanged, ErrorRecords.From(error).FullyQualifiedErrorId);
        }

        [Fact]
        public async Task A_file_rewritten_between_parts_stops_the_upload_before_the_next_part()
        {
            var path = WriteFile("rewritten.mp4", 3 * 1048576);
            var asset = Seeds.Ready(_emu, Seeds.Unique("rewrite"), "VIDEO");
            // Same length, new bytes and a new modification time, while part 2 of 3 goes up.
            var handler = new ChangeBeforePut(2, () =>
            {
                File.WriteAllBytes(path, new byte[3 * 1048576]);
                File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));
            });
            using var session = SessionThrough(handler);
            var uploader = new FileUploader(session, CallContext.None(), new FileInfo(path), 1);

            var error = await Assert.ThrowsAsync<LocalFileChangedException>(() => uploader.UploadAsync(asset.AssetId, "OTHER", 1, 1048576, 1));
            Assert.Contains("written to", error.Message);
            Assert.Equal(2, handler.Puts);                     // part 3 never left
            var record = Assert.Single(_emu.State.Assets[asset.AssetId].Files, f => f.FileName == "rewritten.mp4");
            Assert.Equal("FAILED", record.State);
        }

        [Fact]
        public void A_disposed_session_says_it_was_disconnected_and_sends_nothing()
        {
            using var ps = new PsSession(_emu);
            var r = ps.Run($"$s = Connect-MsService -Region cn-north-4 -Endpoint '{_emu.BaseUri}' -AccessKey {EmulatorOptions.DefaultAccessKey} -SecretKey '{EmulatorOptions.DefaultSecretKey}' -ProjectId {EmulatorOptions.ProjectIdFor("cn-north-4")} -WarningAction SilentlyContinue; " +
                           "$s.Dispose(); Get-MsAsset -AssetId abc123 -Session $s");
            var error = Assert.Single(r.AllErrors);
            Assert.StartsWith(ErrorCodes.SessionDisconnected, error.FullyQualifiedErrorId);
            Assert.Contains("This session was disconnected", error.Exception.Message);
            Assert.Contains("Connect-MsService", error.ErrorDetails.RecommendedAction);
            Assert.DoesNotContain(_emu.Log.All, e => e.Path.EndsWith("/digital-assets/abc123", StringComparison.Ordinal));
        }
    }
}
