using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Assets;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Errors;
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
            // What the file is when the upload starts: every part is checked against it before and after it goes up.
            var before = LocalFileState.Of(_file);
            var type = _file.Extension.TrimStart('.').ToLowerInvariant();
            var large = _file.Length >= largeThreshold && _file.Length > partSize;
            var partCount = large ? (int)((_file.Length + partSize - 1) / partSize) : 1;
            // Large files send only their parts' MD5s, so the whole-file pass (a full extra read) is skipped.
            string? md5 = null;
            if (!large)
            {
                _progress.Say($"Computing MD5 of {_file.Name}");
                md5 = FileSliceStream.Md5Base64(_file.FullName, 0, _file.Length, _ctx.Token);
            }

            var body = new Dictionary<string, object?>
            {
                ["file_name"] = _file.Name, ["file_size"] = _file.Length, ["file_type"] = type,
                ["asset_id"] = assetId, ["asset_file_category"] = category,
            };
            if (large) body["file_multipart_count"] = partCount;
            else body["file_md5"] = md5;
            before.Check(_file);
            var created = await CreateAsync(large ? OperationId.CreateLargeFile : OperationId.CreateFile, body, assetId, category, md5).ConfigureAwait(false);
            try
            {
                var urls = large ? created.UploadUrls : created.UploadUrl == null ? null : new[] { created.UploadUrl };
                if (urls == null || urls.Length != partCount || urls.Any(string.IsNullOrEmpty))
                    throw new InvalidOperationException($"The service returned {urls?.Length ?? 0} upload URL(s) for {partCount} part(s).");
                var parts = large
                    ? UploadPart.Split(_file.Name, _file, urls, partSize).ToList()
                    : new List<UploadPart> { new UploadPart(_file.Name, _file, 0, _file.Length, urls[0]) { Md5 = md5 } };
                foreach (var part in parts) part.Expected = before;
                await SignedUrlTransfer.UploadAsync(_session, parts, new UploadOptions(_progress) { Parallelism = throttle }, _ctx).ConfigureAwait(false);
                before.Check(_file);
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

        /// <summary>
        /// CreateFile or CreateLargeFile. When its outcome is unknown (no answer, or a 5xx) the file record may exist without
        /// the module knowing its id or upload URL: the asset is read and a record of this file (name, category, size, MD5) still
        /// CREATING is marked FAILED, so it blocks nothing (an asset holds one MAIN and one COVER file being created), and the
        /// create is sent once more. When that cannot be settled the error names the file id to remove, or says where to look.
        /// </summary>
        private async Task<MsFileUpload> CreateAsync(OperationId operation, Dictionary<string, object?> body, string assetId, string category, string? md5)
        {
            MsRequest Request() => new MsRequest(operation) { Target = _file.FullName }.WithBody(body);
            try
            {
                return (await _session.Client.SendAsync(Request(), _ctx).ConfigureAwait(false)).AsRequired<MsFileUpload>();
            }
            catch (MsServiceException ex) when (OutcomeUnknown(ex))
            {
                _ctx.Verbose($"{operation} for {_file.Name} got no usable answer ({ex.ErrorCode}); checking whether the file record was created.");
                List<MsAssetFileInfo> orphans;
                try
                {
                    var asset = await AssetApi.ShowAsync(_session.Client, assetId, _ctx).ConfigureAwait(false);
                    orphans = (asset?.Files ?? Array.Empty<MsAssetFileInfo>())
                        .Where(f => f.FileName == _file.Name && f.AssetFileCategory == category && f.State == "CREATING"
                                    && (f.FileSize == null || f.FileSize == _file.Length) && (md5 == null || f.FileMd5 == null || f.FileMd5 == md5))
                        .ToList();
                }
                catch (Exception lookup) when (!(lookup is OperationCanceledException))
                {
                    throw new MsServiceException(
                        $"{ex.Message} The file record may have been created (state CREATING) and reading asset {assetId} to check failed ({lookup.Message}): " +
                        $"look for '{_file.Name}' in (Get-MsAsset -AssetId {assetId}).Files and remove it with Remove-MsAssetFile -FileId <id> before uploading again.",
                        ex.ErrorCode, ex.StatusCode, ex.RequestId, ex.Operation, _file.FullName, ex);
                }
                foreach (var orphan in orphans)
                {
                    try
                    {
                        await ConfirmAsync(orphan.FileId, "FAILED", _ctx).ConfigureAwait(false);
                    }
                    catch (Exception mark) when (!(mark is OperationCanceledException))
                    {
                        throw new MsServiceException(
                            $"{operation} for {_file.Name} lost its answer, but the service created file {orphan.FileId}, which could not be marked FAILED ({mark.Message}). " +
                            $"Remove it with Remove-MsAssetFile -FileId {orphan.FileId}, then upload again.",
                            ErrorCodes.UploadFailed, 0, null, operation.ToString(), orphan.FileId, mark);
                    }
                    _ctx.Warning($"{operation} for {_file.Name} lost its answer after the service created file {orphan.FileId}; it was marked FAILED and the file is registered again.");
                }
                if (orphans.Count == 0) _ctx.Verbose($"No file record of {_file.Name} was created; sending {operation} again.");
                return (await _session.Client.SendAsync(Request(), _ctx).ConfigureAwait(false)).AsRequired<MsFileUpload>();
            }
        }

        // No answer, or a server error that does not say nothing was done: the create may have happened.
        private static bool OutcomeUnknown(MsServiceException ex)
            => ex.ErrorCode == ErrorCodes.Timeout || ex.ErrorCode == ErrorCodes.Network || ex.StatusCode >= 500;

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
    }
}
