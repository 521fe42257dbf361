// Nullable: annotated, flow warnings still off in this file (issue 12 item 5 follow-up: finish its null checks).
#nullable disable warnings
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Model;

namespace MetaStudio.PowerShell.Files
{
    /// <summary>
    /// The upload workflow of one file: CreateFile (or CreateLargeFile), PUT the bytes to the URL(s)
    /// from disk with Content-MD5, ConfirmFileUpload. A failure after CreateFile confirms the file
    /// FAILED (CANCELLED on Ctrl+C) so no file stays half-created.
    /// </summary>
    internal sealed class FileUploader
    {
        private readonly MsSession? _session;
        private readonly CallContext _ctx;
        private readonly FileInfo _file;
        private readonly int _activityId;
        private long[]? _partDone;
        private int _lastPercent = -1;

        public FileUploader(MsSession? session, CallContext ctx, FileInfo file, int activityId)
        {
            _session = session;
            _ctx = ctx;
            _file = file;
            _activityId = activityId;
        }

        public async Task<MsAssetFile> UploadAsync(string assetId, string category, long largeThreshold, long partSize, int throttle)
        {
            var type = _file.Extension.TrimStart('.').ToLowerInvariant();
            var large = _file.Length >= largeThreshold && _file.Length > partSize;
            var partCount = large ? (int)((_file.Length + partSize - 1) / partSize) : 1;
            // Large files send only their parts' MD5s, so the whole-file pass (a full extra read) is skipped.
            string? md5 = null;
            if (!large)
            {
                Report($"Computing MD5 of {_file.Name}");
                md5 = FileSliceStream.Md5Base64(_file.FullName, 0, _file.Length, _ctx.Token);
            }

            var body = new Dictionary<string, object>
            {
                ["file_name"] = _file.Name, ["file_size"] = _file.Length, ["file_type"] = type,
                ["asset_id"] = assetId, ["asset_file_category"] = category,
            };
            if (large) body["file_multipart_count"] = partCount;
            else body["file_md5"] = md5;
            var created = await _session.Client.SendAsync<MsFileUpload>(
                new MsRequest(large ? OperationId.CreateLargeFile : OperationId.CreateFile) { Target = _file.FullName }.WithBody(body), _ctx).ConfigureAwait(false);
            try
            {
                var urls = large ? created.UploadUrls : new[] { created.UploadUrl };
                if (urls == null || urls.Length != partCount || urls.Any(string.IsNullOrEmpty))
                    throw new InvalidOperationException($"The service returned {urls?.Length ?? 0} upload URL(s) for {partCount} part(s).");
                _partDone = new long[partCount];
                await PutPartsAsync(urls, large, partSize, throttle, md5).ConfigureAwait(false);
                await ConfirmAsync(created.FileId, "CREATED", _ctx).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                var cancelled = ex is OperationCanceledException && _ctx.Token.IsCancellationRequested;
                await AbandonAsync(created.FileId, cancelled ? "CANCELLED" : "FAILED").ConfigureAwait(false);
                throw;
            }
            finally
            {
                _ctx.Progress(new ProgressRecord(_activityId, "Uploading " + _file.Name, "Done") { RecordType = ProgressRecordType.Completed });
            }
            return new MsAssetFile
            {
                FileId = created.FileId, AssetId = assetId, FileName = _file.Name, FileSize = _file.Length, FileMd5 = md5,
                Category = category, State = "CREATED", PartCount = partCount,
            };
        }

        /// <summary>
        /// PUTs the parts, at most throttle at once. The first failure cancels the parts still waiting or
        /// running (a linked token), and that failure, not the cancellations it caused, is what is thrown.
        /// </summary>
        private async Task PutPartsAsync(string[] urls, bool large, long partSize, int throttle, string? md5)
        {
            Exception? first = null;
            using (var stopParts = CancellationTokenSource.CreateLinkedTokenSource(_ctx.Token))
            using (var gate = new SemaphoreSlim(Math.Max(1, throttle)))
            {
                var partCtx = _ctx.WithToken(stopParts.Token);
                var puts = Enumerable.Range(0, urls.Length).Select(async i =>
                {
                    try
                    {
                        await gate.WaitAsync(stopParts.Token).ConfigureAwait(false);
                        try
                        {
                            var offset = i * partSize;
                            var length = large ? Math.Min(partSize, _file.Length - offset) : _file.Length;
                            var partMd5 = large ? FileSliceStream.Md5Base64(_file.FullName, offset, length, stopParts.Token) : md5;
                            await PutAsync(new Uri(urls[i]), i, offset, length, partMd5, partCtx).ConfigureAwait(false);
                        }
                        finally
                        {
                            gate.Release();
                        }
                    }
                    catch (Exception ex) when (!stopParts.IsCancellationRequested)
                    {
                        Interlocked.CompareExchange(ref first, ex, null);
                        stopParts.Cancel();
                        throw;
                    }
                }).ToList();
                try
                {
                    await Task.WhenAll(puts).ConfigureAwait(false);
                }
                catch when (first != null && !_ctx.Token.IsCancellationRequested)
                {
                }
            }
            if (first != null && !_ctx.Token.IsCancellationRequested) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
            _ctx.Token.ThrowIfCancellationRequested();
        }

        private Task<MsResponse> PutAsync(Uri url, int part, long offset, long length, string? md5, CallContext ctx)
        {
            HttpRequestMessage Factory(AttemptTimer timer)
            {
                // A retry re-reads the part from the start, so its progress starts over too.
                Interlocked.Exchange(ref _partDone[part], 0);
                // Every block sent restarts the attempt's timeout: -TimeoutSec limits a stall, not the size of the file.
                var content = new StreamContent(new FileSliceStream(_file.FullName, offset, length, n =>
                {
                    timer.Touch();
                    Advance(part, n);
                }), 81920);
                content.Headers.ContentLength = length;
                content.Headers.ContentMD5 = Convert.FromBase64String(md5);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                return new HttpRequestMessage(HttpMethod.Put, url) { Content = content };
            }
            var label = _partDone.Length == 1 ? $"PUT {_file.Name}" : $"PUT {_file.Name} part {part + 1}/{_partDone.Length}";
            return _session.Client.SendExternalAsync(Factory, idempotent: true, label, ctx, _file.FullName);
        }

        private Task<MsResponse> ConfirmAsync(string? fileId, string state, CallContext ctx)
            => _session.Client.SendAsync(new MsRequest(OperationId.ConfirmFileUpload).WithPath("file_id", fileId)
                .WithBody(new Dictionary<string, object> { ["state"] = state }), ctx);

        /// <summary>Marks the file FAILED or CANCELLED even when the pipeline is being stopped.</summary>
        private async Task AbandonAsync(string? fileId, string state)
        {
            try
            {
                using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
                    await ConfirmAsync(fileId, state, _ctx.Detached(cts.Token)).ConfigureAwait(false);
                _ctx.Verbose($"Marked file {fileId} ({_file.Name}) {state}.");
            }
            catch (Exception ex)
            {
                _ctx.Warning($"The upload of {_file.Name} failed and file {fileId} could not be marked {state}: {ex.Message}. Remove it with Remove-MsAssetFile -FileId {fileId}.");
            }
        }

        private void Advance(int part, int bytes)
        {
            Interlocked.Add(ref _partDone[part], bytes);
            Report(null);
        }

        private void Report(string status)
        {
            var done = _partDone?.Sum(d => Interlocked.Read(ref d)) ?? 0;
            var percent = _file.Length == 0 ? 100 : (int)(Math.Min(done, _file.Length) * 100 / _file.Length);
            if (status == null && Interlocked.Exchange(ref _lastPercent, percent) == percent) return;
            _ctx.Progress(new ProgressRecord(_activityId, "Uploading " + _file.Name, status ?? ByteSize.Progress(done, _file.Length))
            {
                PercentComplete = percent,
            });
        }
    }
}
