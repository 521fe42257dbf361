// Nullable: annotated, flow warnings still off in this file (issue 12 item 5 follow-up: finish its null checks).
#nullable disable warnings
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net.Http.Headers;
using System.Net.Http;
using System.Threading.Tasks;
using System.Threading;
using System;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Model;
using MetaStudio.PowerShell.Files;

namespace MetaStudio.PowerShell.Imaging
{
    /// <summary>One local file (or one part of it) and the single-use URL it goes to.</summary>
    internal sealed class TrainingUpload
    {
        public string? What { get; set; }
        public FileInfo? File { get; set; }
        public long Offset { get; set; }
        public long Length { get; set; }
        public string? Url { get; set; }
        /// <summary>Some upload URLs are signed for one content type (voice training: application/zip, audio/wav, text/plain).</summary>
        public string ContentType { get; set; } = "application/octet-stream";
    }

    /// <summary>
    /// PUTs training material to the job's upload URLs, one after another, streamed from disk with
    /// Content-MD5 and one progress bar for all of it. Each block sent restarts the attempt's timeout, so
    /// -TimeoutSec limits a stall, not the size of a video.
    /// </summary>
    internal sealed class TrainingFileUploader
    {
        private const int ActivityId = 61;
        private readonly MsSession? _session;
        private readonly CallContext _ctx;
        private readonly long _total;
        private long _done;
        private int _lastPercent = -1;

        public TrainingFileUploader(MsSession? session, CallContext ctx, IReadOnlyCollection<TrainingUpload> uploads)
        {
            _session = session;
            _ctx = ctx;
            _total = uploads.Sum(u => u.Length);
        }

        /// <summary>The existing, non-empty file at <paramref name="path"/>, or null after writing why it cannot be uploaded.</summary>
        public static FileInfo? LocalFile(PSCmdlet cmdlet, string? path, string parameter)
        {
            var full = cmdlet.GetUnresolvedProviderPathFromPSPath(path);
            if (!File.Exists(full))
            {
                cmdlet.WriteError(new ErrorRecord(new FileNotFoundException($"Cannot upload -{parameter} '{path}': the file does not exist.", full),
                    ErrorCodes.InvalidInput, ErrorCategory.ObjectNotFound, path));
                return null;
            }
            var file = new FileInfo(full);
            if (file.Length > 0) return file;
            cmdlet.WriteError(ErrorRecords.InvalidInput($"Cannot upload -{parameter} '{path}': the file is empty.", path));
            return null;
        }

        /// <summary>Splits a file into as many nearly equal parts as there are URLs (a multipart training video).</summary>
        public static IEnumerable<TrainingUpload> Parts(string what, FileInfo file, IReadOnlyList<string> urls)
        {
            var size = (file.Length + urls.Count - 1) / urls.Count;
            for (var i = 0; i < urls.Count; i++)
            {
                var offset = i * size;
                yield return new TrainingUpload
                {
                    What = urls.Count == 1 ? what : $"{what} part {i + 1}/{urls.Count}",
                    File = file, Offset = offset, Length = Math.Min(size, file.Length - offset), Url = urls[i],
                };
            }
        }

        public async Task UploadAsync(IEnumerable<TrainingUpload> uploads)
        {
            try
            {
                foreach (var upload in uploads)
                {
                    _ctx.Token.ThrowIfCancellationRequested();
                    await PutAsync(upload).ConfigureAwait(false);
                    _ctx.Verbose($"Uploaded {upload.What} ({upload.Length:N0} bytes of {upload.File.Name}).");
                }
            }
            finally
            {
                _ctx.Progress(new ProgressRecord(ActivityId, "Uploading training material", "Done") { RecordType = ProgressRecordType.Completed });
            }
        }

        private Task<MsResponse> PutAsync(TrainingUpload upload)
        {
            var md5 = FileSliceStream.Md5Base64(upload.File.FullName, upload.Offset, upload.Length, _ctx.Token);
            var before = Interlocked.Read(ref _done);
            HttpRequestMessage Factory(AttemptTimer timer)
            {
                // A retry re-reads the file from the start, so its progress starts over too.
                Interlocked.Exchange(ref _done, before);
                var content = new StreamContent(new FileSliceStream(upload.File.FullName, upload.Offset, upload.Length, n =>
                {
                    timer.Touch();
                    Report(upload, Interlocked.Add(ref _done, n));
                }), 81920);
                content.Headers.ContentLength = upload.Length;
                content.Headers.ContentMD5 = Convert.FromBase64String(md5);
                content.Headers.ContentType = new MediaTypeHeaderValue(upload.ContentType);
                return new HttpRequestMessage(HttpMethod.Put, new Uri(upload.Url)) { Content = content };
            }
            // Not idempotent: the URL is single-use, so a retried PUT after one that arrived would be refused anyway
            // and would hide the first answer; a failure is reported instead and the caller asks for new URLs.
            return _session.Client.SendExternalAsync(Factory, idempotent: false, $"PUT {upload.What}", _ctx, upload.File.FullName);
        }

        private void Report(TrainingUpload upload, long done)
        {
            var percent = _total == 0 ? 100 : (int)(Math.Min(done, _total) * 100 / _total);
            if (Interlocked.Exchange(ref _lastPercent, percent) == percent) return;
            _ctx.Progress(new ProgressRecord(ActivityId, "Uploading training material", $"{upload.What}: {ByteSize.Progress(done, _total)}")
            {
                PercentComplete = percent,
            });
        }
    }
}
