// Nullable: annotated, flow warnings still off in this file (issue 12 item 5 follow-up: finish its null checks).
#nullable disable warnings
using System;
using System.IO;
using System.Management.Automation;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Model;

namespace MetaStudio.PowerShell.Core.Http
{
    /// <summary>
    /// Streams a URL the service handed out (a file's download_url) to disk with progress. Writes to a
    /// temporary file first so a failed or cancelled download never leaves a half file under the real name.
    /// The URL's query is a signature (access key id, token), so messages and errors show only its path.
    /// </summary>
    public static class Downloads
    {
        public static async Task<FileInfo> ToFileAsync(MsSession? session, Uri url, string path, CallContext ctx, string activity, int activityId = 7)
        {
            var target = new FileInfo(path);
            if (target.Directory != null && !target.Directory.Exists) target.Directory.Create();
            var temp = target.FullName + ".part";
            var shown = url.GetLeftPart(UriPartial.Path);
            var completed = false;
            Exception? last = null;
            try
            {
                for (var attempt = 0; attempt <= session.MaxRetries; attempt++)
                {
                    try
                    {
                        await CopyOnceAsync(session, url, shown, temp, ctx, activity, activityId).ConfigureAwait(false);
                        if (target.Exists) target.Delete();
                        File.Move(temp, target.FullName);
                        completed = true;
                        target.Refresh();
                        return target;
                    }
                    catch (Exception ex) when (IsRetryable(ex) && !ctx.Token.IsCancellationRequested)
                    {
                        // GET is safe to repeat; start over (the service's URLs do not promise range support).
                        last = ex;
                        if (attempt == session.MaxRetries) break;
                        ctx.Verbose($"Download of {target.Name} failed ({ex.Message}); attempt {attempt + 2} of {session.MaxRetries + 1}.");
                        await Task.Delay(TimeSpan.FromMilliseconds(300 * (attempt + 1)), ctx.Token).ConfigureAwait(false);
                    }
                }
                if (last is MsServiceException) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(last).Throw();
                var code = last is TimeoutException ? ErrorCodes.Timeout : ErrorCodes.Network;
                throw new MsServiceException($"Download of {shown} failed: {last?.Message}", code, 0, null, "Download", shown, last);
            }
            finally
            {
                // Also on Ctrl+C during a read or the backoff: no .part is left behind.
                if (!completed) TryDelete(temp);
            }
        }

        /// <summary>Network failures, idle timeouts, and the answers a GET may retry (5xx, 408, 429).</summary>
        private static bool IsRetryable(Exception ex)
        {
            if (ex is HttpRequestException || ex is IOException || ex is TimeoutException) return true;
            return ex is MsServiceException ms && IsRetryableStatus(ms.StatusCode);
        }

        internal static bool IsRetryableStatus(int status) => status >= 500 || status == 408 || status == 429;

        private static async Task CopyOnceAsync(MsSession session, Uri url, string shown, string temp, CallContext ctx, string activity, int activityId)
        {
            // Idle timeout: re-armed after every read, so a slow but moving download is fine and a stalled one is not.
            using (var idle = CancellationTokenSource.CreateLinkedTokenSource(ctx.Token))
            {
                void Rearm()
                {
                    if (session.Timeout > TimeSpan.Zero) idle.CancelAfter(session.Timeout);
                }
                NetworkGuard.Check(session, url);
                try
                {
                    Rearm();
                    using (var response = await session.Http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, idle.Token).ConfigureAwait(false))
                    // Streams that ignore the token (older frameworks) are unblocked by disposing the response.
                    using (idle.Token.Register(response.Dispose))
                    {
                        var status = (int)response.StatusCode;
                        if (!response.IsSuccessStatusCode)
                            throw new MsServiceException($"Download of {shown} failed: HTTP {status}.", $"HTTP.{status}", status, null, "Download", shown);
                        var total = response.Content.Headers.ContentLength;
                        using (var source = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
                        using (var sink = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true))
                        {
                            var buffer = new byte[81920];
                            long done = 0;
                            var lastPercent = -1;
                            int read;
                            Rearm();
                            while ((read = await source.ReadAsync(buffer, 0, buffer.Length, idle.Token).ConfigureAwait(false)) > 0)
                            {
                                await sink.WriteAsync(buffer, 0, read, ctx.Token).ConfigureAwait(false);
                                done += read;
                                var percent = total > 0 ? (int)(done * 100 / total.Value) : -1;
                                if (percent != lastPercent)
                                {
                                    lastPercent = percent;
                                    ctx.Progress(new ProgressRecord(activityId, activity, ByteSize.Progress(done, total)) { PercentComplete = percent });
                                }
                                Rearm();
                            }
                            if (total.HasValue && done != total.Value)
                                throw new IOException($"The download of {shown} ended after {done:N0} of {total.Value:N0} bytes.");
                        }
                    }
                }
                catch (Exception ex) when (idle.IsCancellationRequested && !ctx.Token.IsCancellationRequested && !(ex is MsServiceException))
                {
                    throw new TimeoutException($"No data from {shown} for {session.Timeout.TotalSeconds:0.#} s.", ex);
                }
                ctx.Progress(new ProgressRecord(activityId, activity, "Done") { RecordType = ProgressRecordType.Completed });
            }
        }

        private static void TryDelete(string path)
        {
            try { if (File.Exists(path)) File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
