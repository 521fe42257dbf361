#nullable enable
using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace MetaStudio.PowerShell.Core.Http
{
    /// <summary>
    /// Reads an answer's body whole, for a request sent with <see cref="HttpCompletionOption.ResponseHeadersRead"/>:
    /// when the answer says its length, straight into one array of that length (HttpClient's own buffering grows a
    /// buffer, then copies it into the array it returns); otherwise through a growing buffer as before.
    /// </summary>
    internal static class ResponseBody
    {
        // Beyond this an announced length is not trusted with one allocation up front.
        private const long MaxExact = 64L * 1024 * 1024;

        public static async Task<byte[]> ReadAsync(HttpContent? content, CancellationToken token)
        {
            if (content == null) return Array.Empty<byte>();
            var length = content.Headers.ContentLength;
            if (length == 0) return Array.Empty<byte>();
            using (var stream = await content.ReadAsStreamAsync().ConfigureAwait(false))
            {
                if (length.HasValue && length.Value <= MaxExact)
                {
                    var buffer = new byte[length.Value];
                    var read = 0;
                    while (read < buffer.Length)
                    {
                        var n = await stream.ReadAsync(buffer, read, buffer.Length - read, token).ConfigureAwait(false);
                        if (n == 0) throw new IOException($"The response ended after {read} of its {buffer.Length} bytes.");
                        read += n;
                    }
                    return buffer;
                }
                using (var copy = new MemoryStream())
                {
                    await stream.CopyToAsync(copy, 81920, token).ConfigureAwait(false);
                    return copy.ToArray();
                }
            }
        }
    }
}
