#nullable enable
using System;
using System.Buffers;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace MetaStudio.PowerShell.Core.Http
{
    /// <summary>
    /// Reads an answer's body whole, for a request sent with <see cref="HttpCompletionOption.ResponseHeadersRead"/>:
    /// when the answer says its length, straight into one array of that length (HttpClient's own buffering grows a
    /// buffer, then copies it into the array it returns); otherwise through pooled buffers, copied once at the end.
    /// </summary>
    internal static class ResponseBody
    {
        private const int FirstChunk = 16 * 1024;

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
                return await ReadUnknownLengthAsync(stream, token).ConfigureAwait(false);
            }
        }

        /// <summary>A chunked answer: read into pooled buffers that double as needed, then copied once into an exact array.</summary>
        private static async Task<byte[]> ReadUnknownLengthAsync(Stream stream, CancellationToken token)
        {
            var pool = ArrayPool<byte>.Shared;
            var buffer = pool.Rent(FirstChunk);
            var count = 0;
            try
            {
                while (true)
                {
                    if (count == buffer.Length)
                    {
                        var larger = pool.Rent(buffer.Length * 2);
                        Buffer.BlockCopy(buffer, 0, larger, 0, count);
                        // Answers can carry secrets (temporary keys): pooled arrays go back cleared.
                        pool.Return(buffer, clearArray: true);
                        buffer = larger;
                    }
                    var n = await stream.ReadAsync(buffer, count, buffer.Length - count, token).ConfigureAwait(false);
                    if (n == 0) break;
                    count += n;
                }
                if (count == 0) return Array.Empty<byte>();
                var body = new byte[count];
                Buffer.BlockCopy(buffer, 0, body, 0, count);
                return body;
            }
            finally
            {
                pool.Return(buffer, clearArray: true);
            }
        }
    }
}
