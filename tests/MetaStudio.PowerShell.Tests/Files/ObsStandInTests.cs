using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.Emulator;
using MetaStudio.Emulator.Obs;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Transfers;
using MetaStudio.PowerShell.Tests.Core;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Files
{
    /// <summary>The emulator's one OBS stand-in, as a client of signed URLs sees it.</summary>
    public class ObsStandInTests : IClassFixture<EmulatorFixture>
    {
        private static readonly HttpClient Http = new();
        private readonly EmulatorHost _emu;

        public ObsStandInTests(EmulatorFixture f)
        {
            _emu = f.Emulator;
            _emu.Reset();
        }

        private static async Task<(HttpStatusCode Status, string? Code)> Put(string url, byte[] bytes, string contentType = "application/octet-stream", bool md5 = true)
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            if (md5) content.Headers.ContentMD5 = MD5.HashData(bytes);
            using var response = await Http.PutAsync(url, content);
            var body = await response.Content.ReadAsStringAsync();
            var code = body.Length > 0 ? JsonDocument.Parse(body).RootElement.GetProperty("error_code").GetString() : null;
            return (response.StatusCode, code);
        }

        private string SingleUse(string? contentType = null)
            => _emu.Obs.SingleUseUrl(new UploadRules { Owner = "job-1", SingleUse = true, ContentType = contentType, Store = _ => { } });

        [Fact]
        public async Task A_single_use_url_takes_one_put()
        {
            byte[]? stored = null;
            var url = _emu.Obs.SingleUseUrl(new UploadRules { Owner = "job-1", SingleUse = true, Store = b => stored = b });
            Assert.Equal((HttpStatusCode.OK, null), await Put(url, Encoding.ASCII.GetBytes("first")));
            Assert.Equal((HttpStatusCode.Forbidden, "OBS.AccessDenied"), await Put(url, Encoding.ASCII.GetBytes("second")));
            Assert.NotNull(stored);
            Assert.Equal("first", Encoding.ASCII.GetString(stored));
        }

        [Fact]
        public async Task A_url_signed_for_a_content_type_refuses_another()
        {
            var url = SingleUse("audio/wav");
            Assert.Equal((HttpStatusCode.Forbidden, "OBS.SignatureDoesNotMatch"), await Put(url, new byte[] { 1 }, "text/plain"));
            Assert.Equal((HttpStatusCode.OK, null), await Put(url, new byte[] { 1 }, "audio/wav"));
        }

        [Fact]
        public async Task A_wrong_digest_is_refused_and_nothing_is_stored()
        {
            var stored = false;
            var url = _emu.Obs.UploadUrl("k/0", new UploadRules { Owner = "o", RequireMd5 = true, Store = _ => stored = true });
            var content = new ByteArrayContent(new byte[] { 1, 2, 3 });
            content.Headers.ContentMD5 = MD5.HashData(new byte[] { 9 });
            using (var response = await Http.PutAsync(url, content)) Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal((HttpStatusCode.BadRequest, "OBS.MissingContentMD5"), await Put(url, new byte[] { 1 }, md5: false));
            Assert.False(stored);
        }

        [Fact]
        public async Task Revoked_and_unknown_urls_name_no_object()
        {
            var url = SingleUse();
            _emu.Obs.Revoke("job-1");
            Assert.Equal((HttpStatusCode.NotFound, "OBS.NoSuchKey"), await Put(url, new byte[] { 1 }));
            Assert.Equal((HttpStatusCode.NotFound, "OBS.NoSuchKey"), await Put(_emu.BaseUri + "obs-upload/nothing-here", new byte[] { 1 }));
        }

        [Fact]
        public async Task Downloads_serve_ranges_as_OBS_does()
        {
            var content = Encoding.ASCII.GetBytes("0123456789abcdefghij");
            var asset = _emu.State.AddReadyAsset(Direct.ProjectId, "ranged", "IMAGE", "ranged.png", content);
            var url = MetaStudio.Emulator.Handlers.FileHandlers.DownloadUrl(_emu, asset.Files[0].FileId);

            using var whole = await Http.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
            Assert.Contains("bytes", whole.Headers.AcceptRanges);
            var etag = whole.Headers.ETag;
            Assert.NotNull(etag);

            using var rest = new HttpRequestMessage(HttpMethod.Get, url);
            rest.Headers.Range = new RangeHeaderValue(12, null);
            rest.Headers.IfRange = new RangeConditionHeaderValue(etag);
            using var partial = await Http.SendAsync(rest);
            Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
            Assert.NotNull(partial.Content.Headers.ContentRange);
            Assert.Equal("bytes 12-19/20", partial.Content.Headers.ContentRange.ToString());
            Assert.Equal("cdefghij", await partial.Content.ReadAsStringAsync());

            // Another version of the object than the client has: the whole object again.
            using var stale = new HttpRequestMessage(HttpMethod.Get, url);
            stale.Headers.Range = new RangeHeaderValue(12, null);
            stale.Headers.IfRange = new RangeConditionHeaderValue(new EntityTagHeaderValue("\"older\""));
            using var again = await Http.SendAsync(stale);
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Equal(content, await again.Content.ReadAsByteArrayAsync());
        }

        [Fact]
        public async Task The_module_downloads_from_the_stand_in_through_its_transfer_component()
        {
            var content = new byte[300_000];
            new Random(3).NextBytes(content);
            var asset = _emu.State.AddReadyAsset(Direct.ProjectId, "whole", "VIDEO", "whole.mp4", content);
            var url = new Uri(MetaStudio.Emulator.Handlers.FileHandlers.DownloadUrl(_emu, asset.Files[0].FileId));
            var path = Path.Combine(Path.GetTempPath(), "ms-obs-" + Guid.NewGuid().ToString("N") + ".mp4");
            try
            {
                using var session = Direct.Session(_emu);
                var file = await SignedUrlTransfer.DownloadAsync(session, url, path, CallContext.None(), "dl");
                Assert.Equal(content, File.ReadAllBytes(file.FullName));
                // The emulator logs a request once its answer is written, which may be just after the client has read it all.
                Assert.True(SpinWait.SpinUntil(() => _emu.Log.All.Any(e => e.Path.StartsWith("/obs-download/files/", StringComparison.Ordinal) && e.Status == 200),
                    TimeSpan.FromSeconds(30)), "the download is not in the emulator's log");
            }
            finally
            {
                File.Delete(path);
            }
        }
    }
}
