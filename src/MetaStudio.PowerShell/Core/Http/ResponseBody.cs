#nullable enable
using System;
using System.Buffers;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Http.Pipeline;

namespace MetaStudio.PowerShell.Core.Http
{
    /// <summary>
    /// Reads an answer's body whole, for a request sent with <see cref="HttpCompletionOption.ResponseHeadersRead"/>:
    /// when the answer says its length, straight into one array of that length (HttpClient's own buffering grows a
    /// buffer, then copies it into the array it returns); otherwise through pooled buffers, copied once at the end.
    /// Never more than the session's cap (<see cref="MsSession.MaxResponseBytes"/>): a declared length over it is refused
    /// before a byte is read, an undeclared one as soon as the cap is passed (MetaStudio.ResponseTooLarge). Downloads
    /// stream to disk (<see cref="MsMessage.ReadBody"/>) and never come here.
    /// </summary>
    internal static class ResponseBody
    {
        private const int FirstChunk = 16 * 1024;

        // Beyond this an announced length is not trusted with one allocation up front.
        private const long MaxExact = 64L * 1024 * 1024;

        /// <summary>The whole body, with no cap.</summary>
        public static Task<byte[]> ReadAsync(HttpContent? content, CancellationToken token) => ReadAsync(content, long.MaxValue, null, token);

        /// <summary>The whole body of a message's answer, within <paramref name="cap"/> bytes.</summary>
        public static Task<byte[]> ReadAsync(HttpResponseMessage response, long cap, MsMessage message, CancellationToken token)
            => ReadAsync(response.Content, cap, why => TooLarge(response, cap, message, why), token);

        private static async Task<byte[]> ReadAsync(HttpContent? content, long cap, Func<string, Exception>? tooLarge, CancellationToken token)
        {
            // An attempt whose time ran out while the answer was on its way ends here, whatever the content stream does with the token.
            token.ThrowIfCancellationRequested();
            if (content == null) return Array.Empty<byte>();
            var length = content.Headers.ContentLength;
            if (length == 0) return Array.Empty<byte>();
            if (length > cap) throw tooLarge!($"it declares {length:N0} bytes");
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
                var body = await ReadUnknownLengthAsync(stream, cap, token).ConfigureAwait(false);
                if (body == null) throw tooLarge!($"more than {cap:N0} bytes arrived");
                return body;
            }
        }

        /// <summary>A chunked answer: read into pooled buffers that double as needed, then copied once into an exact array; null past the cap.</summary>
        private static async Task<byte[]?> ReadUnknownLengthAsync(Stream stream, long cap, CancellationToken token)
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
                    if (count > cap) return null;
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

        private static MsServiceException TooLarge(HttpResponseMessage response, long cap, MsMessage message, string why)
        {
            var requestId = response.Headers.TryGetValues("X-Request-Id", out var ids) ? string.Join(",", ids) : null;
            return new MsServiceException(
                $"The answer to {message.Name} is larger than this session reads into memory ({cap:N0} bytes): {why}, so it was not read " +
                $"(HTTP {(int)response.StatusCode}, request id {requestId ?? "n/a"}).",
                ErrorCodes.ResponseTooLarge, (int)response.StatusCode, requestId, message.Name, message.Target)
            {
                RecommendedAction = "Ask for less (a smaller -PageSize or a narrower filter), or connect with a larger Connect-MsService -MaxResponseBytes.",
            };
        }
    }
}
