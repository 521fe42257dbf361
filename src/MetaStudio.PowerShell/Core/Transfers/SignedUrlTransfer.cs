#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Http.Pipeline;

namespace MetaStudio.PowerShell.Core.Transfers
{
    /// <summary>How a set of parts goes up.</summary>
    internal sealed class UploadOptions
    {
        public UploadOptions(TransferProgress progress) => Progress = progress;

        public TransferProgress Progress { get; }

        /// <summary>Parts in flight at once.</summary>
        public int Parallelism { get; set; } = 1;

        /// <summary>
        /// The URLs accept one PUT each (training material): a part whose PUT may have arrived is not sent again,
        /// since the repeat would be refused and hide the first answer; the caller asks for new URLs instead.
        /// </summary>
        public bool SingleUseUrls { get; set; }
    }

    /// <summary>
    /// The module's one way to move bytes to and from the signed URLs the service hands out (OBS): uploads of
    /// files in parts with Content-MD5, several parts at once, one progress bar, a failed part sent again alone
    /// from its own offset; downloads streamed to a temporary file and resumed where they broke off when the server
    /// allows ranges. Every request goes through the session's pipeline (retries with jitter and Retry-After,
    /// per-attempt timeouts that bytes in motion keep alive, the network guard), with nothing signed or
    /// rate-limited, since the URL carries its own signature. Messages show a URL's path only, never its query.
    /// </summary>
    internal static class SignedUrlTransfer
    {
        private const int BlockSize = 81920;

        /// <summary>
        /// PUTs the parts, at most <see cref="UploadOptions.Parallelism"/> at once, each streamed from disk. The first
        /// failure cancels the parts still waiting or running, and that failure, not the cancellations it caused, is
        /// what is thrown; Ctrl+C is a cancellation. The caller completes the progress bar once it has cleaned up:
        /// after Ctrl+C the first record the cmdlet writes stops it, so clean-up (marking a file CANCELLED) comes first.
        /// </summary>
        public static async Task UploadAsync(MsSession session, IReadOnlyList<UploadPart> parts, UploadOptions options, CallContext ctx)
        {
            // Each file as it is now, unless the caller took it earlier: a file that changes while its parts go up stops the upload.
            var states = new Dictionary<string, LocalFileState>(StringComparer.Ordinal);
            foreach (var part in parts.Where(p => p.Expected == null))
            {
                if (!states.TryGetValue(part.File.FullName, out var state)) states[part.File.FullName] = state = LocalFileState.Of(part.File);
                part.Expected = state;
            }
            options.Progress.Begin(parts.Count, parts.Sum(p => p.Length));
            Exception? first = null;
            using (var stopParts = CancellationTokenSource.CreateLinkedTokenSource(ctx.Token))
            using (var gate = new SemaphoreSlim(Math.Max(1, options.Parallelism)))
            {
                var partCtx = ctx.WithToken(stopParts.Token);
                var puts = parts.Select(async (part, i) =>
                {
                    try
                    {
                        await gate.WaitAsync(stopParts.Token).ConfigureAwait(false);
                        try
                        {
                            await PutAsync(session, part, i, options, partCtx).ConfigureAwait(false);
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
                catch when (first != null && !ctx.Token.IsCancellationRequested)
                {
                }
            }
            if (first != null && !ctx.Token.IsCancellationRequested) ExceptionDispatchInfo.Capture(first).Throw();
            ctx.Token.ThrowIfCancellationRequested();
        }

        private static async Task PutAsync(MsSession session, UploadPart part, int index, UploadOptions options, CallContext ctx)
        {
            var expected = part.Expected ?? LocalFileState.Of(part.File);
            var md5 = part.Md5 ?? FileSliceStream.Md5Base64(part.File.FullName, part.Offset, part.Length, ctx.Token);
            var progress = options.Progress;
            HttpRequestMessage Factory(AttemptTimer timer)
            {
                // A file that changed since the upload began is not sent (again): its parts would no longer fit together.
                expected.Check(part.File);
                // A retry re-reads the part from its start, so its progress starts over too.
                progress.Restart(index);
                // Every block sent restarts the attempt's timeout: -TimeoutSec limits a stall, not the size of the file.
                var content = new StreamContent(new FileSliceStream(part.File.FullName, part.Offset, part.Length, n =>
                {
                    timer.Touch();
                    progress.Advance(index, part.What, n);
                }), BlockSize);
                content.Headers.ContentLength = part.Length;
                content.Headers.ContentMD5 = Convert.FromBase64String(md5);
                content.Headers.ContentType = new MediaTypeHeaderValue(part.ContentType);
                return new HttpRequestMessage(HttpMethod.Put, part.Url) { Content = content };
            }
            try
            {
                await session.Client.SendAsync(new MsMessage(RequestOptions.SignedUrl, ctx, "PUT " + part.What, part.File.FullName, idempotent: !options.SingleUseUrls)
                {
                    Factory = Factory,
                }).ConfigureAwait(false);
            }
            catch (Exception ex) when (!(ex is LocalFileChangedException) && !(ex is OperationCanceledException))
            {
                // A part refused (its MD5 no longer matches) or cut short is the file's doing when it changed meanwhile: say that.
                expected.Check(part.File, ex);
                throw;
            }
            expected.Check(part.File);
            ctx.Verbose($"Uploaded {part.What} ({part.Length:N0} bytes of {part.File.Name}).");
        }

        /// <summary>
        /// Streams a URL the service handed out (a file's download_url) to <paramref name="path"/> with progress. The
        /// bytes go to a temporary file first, so a failed or cancelled download never leaves a half file under the
        /// real name (nor the temporary one).
        /// </summary>
        public static async Task<FileInfo> DownloadAsync(MsSession session, Uri url, string path, CallContext ctx, string activity, int activityId = 7)
        {
            var target = new FileInfo(path);
            if (target.Directory != null && !target.Directory.Exists) target.Directory.Create();
            var download = new Download(target.FullName + ".part", new TransferProgress(ctx, activityId, activity));
            var shown = url.GetLeftPart(UriPartial.Path);
            try
            {
                await session.Client.SendAsync(new MsMessage(RequestOptions.SignedUrl, ctx, "GET " + shown, shown, idempotent: true)
                {
                    Factory = timer => download.CreateRequest(url),
                    ReadBody = download.ReadAsync,
                }).ConfigureAwait(false);
                if (target.Exists) target.Delete();
                File.Move(download.Temp, target.FullName);
                download.Completed = true;
                target.Refresh();
                return target;
            }
            finally
            {
                // Also on Ctrl+C during a read or the backoff: no .part is left behind.
                if (!download.Completed) TryDelete(download.Temp);
                download.Progress.Complete();
            }
        }

        /// <summary>
        /// What a download keeps between its attempts: the bytes already on disk, and whether the server said it serves
        /// ranges (Accept-Ranges: bytes). An attempt after a break asks only for the rest (Range, and If-Range with
        /// the ETag so a file that changed meanwhile comes whole); a server that answers 200 instead sends it all again.
        /// </summary>
        private sealed class Download
        {
            public Download(string temp, TransferProgress progress)
            {
                Temp = temp;
                Progress = progress;
            }

            public string Temp { get; }
            public TransferProgress Progress { get; }
            public bool Completed { get; set; }
            private long _have;
            private bool _ranges;
            private EntityTagHeaderValue? _etag;

            public HttpRequestMessage CreateRequest(Uri url)
            {
                var request = new HttpRequestMessage(HttpMethod.Get, url);
                if (_have > 0 && _ranges)
                {
                    request.Headers.Range = new RangeHeaderValue(_have, null);
                    if (_etag != null && !_etag.IsWeak) request.Headers.IfRange = new RangeConditionHeaderValue(_etag);
                }
                return request;
            }

            public async Task ReadAsync(HttpResponseMessage response, AttemptTimer timer, CancellationToken token)
            {
                var range = response.Content.Headers.ContentRange;
                var resumed = (int)response.StatusCode == 206 && range != null && range.From == _have;
                if ((int)response.StatusCode == 206 && !resumed)
                {
                    // Not the rest we asked for: forget what we have and take the file whole next time.
                    _ranges = false;
                    throw new IOException($"The server answered a range from byte {range?.From} when {_have} were asked for.");
                }
                if (!resumed) _have = 0;
                _ranges = response.Headers.AcceptRanges.Contains("bytes");
                _etag = response.Headers.ETag;
                var length = response.Content.Headers.ContentLength;
                long? total = resumed ? range!.Length ?? (length.HasValue ? _have + length : null) : length;
                Progress.Begin(1, total);
                Progress.Restart(0, _have);
                using (var source = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
                using (var sink = new FileStream(Temp, resumed ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, BlockSize, useAsync: true))
                {
                    var buffer = new byte[BlockSize];
                    int read;
                    timer.Touch();
                    while ((read = await source.ReadAsync(buffer, 0, buffer.Length, token).ConfigureAwait(false)) > 0)
                    {
                        await sink.WriteAsync(buffer, 0, read, token).ConfigureAwait(false);
                        _have += read;
                        timer.Touch();
                        Progress.Advance(0, "", read);
                    }
                }
                if (total.HasValue && _have != total.Value)
                    throw new IOException($"The download ended after {_have:N0} of {total.Value:N0} bytes.");
            }
        }

        private static void TryDelete(string path)
        {
            try { if (File.Exists(path)) File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
