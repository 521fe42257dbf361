// Nullable: annotated, flow warnings still off in this file (issue 12 item 5 follow-up: finish its null checks).
#nullable disable warnings
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Transfers;

namespace MetaStudio.PowerShell.Files
{
    /// <summary>
    /// The upload workflow of one file: CreateFile (or CreateLargeFile), PUT the bytes to the URL(s) through the
    /// transfer component (parts in parallel, Content-MD5, one progress bar, a failed part sent again alone),
    /// ConfirmFileUpload. A failure after CreateFile confirms the file FAILED (CANCELLED on Ctrl+C) so no file
    /// stays half-created.
    /// </summary>
    internal sealed class FileUploader
    {
        private readonly MsSession _session;
        private readonly CallContext _ctx;
        private readonly FileInfo _file;
        private readonly TransferProgress _progress;

        public FileUploader(MsSession session, CallContext ctx, FileInfo file, int activityId)
        {
            _session = session;
            _ctx = ctx;
            _file = file;
            _progress = new TransferProgress(ctx, activityId, "Uploading " + file.Name);
        }

        public async Task<MsAssetFile> UploadAsync(string assetId, string category, long largeThreshold, long partSize, int throttle)
        {
            var type = _file.Extension.TrimStart('.').ToLowerInvariant();
            var large = _file.Length >= largeThreshold && _file.Length > partSize;
            var partCount = large ? (int)((_file.Length + partSize - 1) / partSize) : 1;
            // Large files send only their parts' MD5s, so the whole-file pass (a full extra read) is skipped.
            string md5 = null;
            if (!large)
            {
                _progress.Say($"Computing MD5 of {_file.Name}");
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
                var parts = large
                    ? UploadPart.Split(_file.Name, _file, urls, partSize).ToList()
                    : new List<UploadPart> { new UploadPart(_file.Name, _file, 0, _file.Length, urls[0]) { Md5 = md5 } };
                await SignedUrlTransfer.UploadAsync(_session, parts, new UploadOptions(_progress) { Parallelism = throttle }, _ctx).ConfigureAwait(false);
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
                _progress.Complete();
            }
            return new MsAssetFile
            {
                FileId = created.FileId, AssetId = assetId, FileName = _file.Name, FileSize = _file.Length, FileMd5 = md5,
                Category = category, State = "CREATED", PartCount = partCount,
            };
        }

        private Task<MsResponse> ConfirmAsync(string fileId, string state, CallContext ctx)
            => _session.Client.SendAsync(new MsRequest(OperationId.ConfirmFileUpload).WithPath("file_id", fileId)
                .WithBody(new Dictionary<string, object> { ["state"] = state }), ctx);

        /// <summary>Marks the file FAILED or CANCELLED even when the pipeline is being stopped.</summary>
        private async Task AbandonAsync(string fileId, string state)
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
    }
}
