using System;
using System.IO;
using System.Management.Automation;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Errors;

namespace MetaStudio.PowerShell.Core.Http
{
    /// <summary>
    /// Streams a URL the service handed out (a file's download_url) to disk with progress. Writes to a
    /// temporary file first so a failed or cancelled download never leaves a half file under the real name.
    /// </summary>
    public static class Downloads
    {
        public static async Task<FileInfo> ToFileAsync(MsSession session, Uri url, string path, CallContext ctx, string activity, int activityId = 7)
        {
            var target = new FileInfo(path);
            if (target.Directory != null && !target.Directory.Exists) target.Directory.Create();
            var temp = target.FullName + ".part";
            Exception last = null;
            for (var attempt = 0; attempt <= session.MaxRetries; attempt++)
            {
                try
                {
                    await CopyOnceAsync(session, url, temp, ctx, activity, activityId).ConfigureAwait(false);
                    if (target.Exists) target.Delete();
                    File.Move(temp, target.FullName);
                    target.Refresh();
                    return target;
                }
                catch (Exception ex) when ((ex is HttpRequestException || ex is IOException) && !ctx.Token.IsCancellationRequested)
                {
                    // GET is safe to repeat; start over (the service's URLs do not promise range support).
                    last = ex;
                    ctx.Verbose($"Download of {target.Name} failed ({ex.Message}); attempt {attempt + 2} of {session.MaxRetries + 1}.");
                    await Task.Delay(TimeSpan.FromMilliseconds(300 * (attempt + 1)), ctx.Token).ConfigureAwait(false);
                }
                catch
                {
                    TryDelete(temp);
                    throw;
                }
            }
            TryDelete(temp);
            throw new MsServiceException($"Download of {url.GetLeftPart(UriPartial.Path)} failed: {last?.Message}", ErrorCodes.Network, 0, null, "Download", path, last);
        }

        private static async Task CopyOnceAsync(MsSession session, Uri url, string temp, CallContext ctx, string activity, int activityId)
        {
            using (var response = await session.Http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ctx.Token).ConfigureAwait(false))
            {
                if (!response.IsSuccessStatusCode)
                    throw new MsServiceException($"Download of {url.GetLeftPart(UriPartial.Path)} failed: HTTP {(int)response.StatusCode}.",
                        $"HTTP.{(int)response.StatusCode}", (int)response.StatusCode, null, "Download", url.ToString());
                var total = response.Content.Headers.ContentLength;
                using (var source = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
                using (var sink = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true))
                {
                    var buffer = new byte[81920];
                    long done = 0;
                    var lastPercent = -1;
                    int read;
                    while ((read = await source.ReadAsync(buffer, 0, buffer.Length, ctx.Token).ConfigureAwait(false)) > 0)
                    {
                        await sink.WriteAsync(buffer, 0, read, ctx.Token).ConfigureAwait(false);
                        done += read;
                        var percent = total > 0 ? (int)(done * 100 / total.Value) : -1;
                        if (percent != lastPercent)
                        {
                            lastPercent = percent;
                            ctx.Progress(new ProgressRecord(activityId, activity, $"{done:N0} of {(total.HasValue ? total.Value.ToString("N0") : "?")} bytes") { PercentComplete = percent });
                        }
                    }
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
