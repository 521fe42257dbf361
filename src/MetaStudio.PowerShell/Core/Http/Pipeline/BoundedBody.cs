#nullable enable
using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Errors;

namespace MetaStudio.PowerShell.Core.Http.Pipeline
{
    /// <summary>
    /// Reads an answer into memory up to the session's cap (<see cref="MsSession.MaxResponseBytes"/>): a declared
    /// length over it is refused before a byte is read, and an undeclared one as soon as the cap is passed, so a
    /// runaway answer costs at most the cap. Downloads stream to disk (<see cref="MsMessage.ReadBody"/>) and never come here.
    /// </summary>
    internal static class BoundedBody
    {
        public static async Task<byte[]> ReadAsync(HttpResponseMessage response, long cap, MsMessage message, CancellationToken token)
        {
            // An attempt whose time ran out while the answer was on its way ends here, whatever the content stream does with the token.
            token.ThrowIfCancellationRequested();
            var content = response.Content;
            if (content == null) return Array.Empty<byte>();
            var declared = content.Headers.ContentLength;
            if (declared > cap) throw TooLarge(response, cap, message, $"it declares {declared:N0} bytes");
            using (var stream = await content.ReadAsStreamAsync().ConfigureAwait(false))
            using (var buffer = new MemoryStream(declared.HasValue ? (int)declared.Value : 4096))
            {
                var chunk = new byte[16384];
                int read;
                while ((read = await stream.ReadAsync(chunk, 0, chunk.Length, token).ConfigureAwait(false)) > 0)
                {
                    if (buffer.Length + read > cap) throw TooLarge(response, cap, message, $"more than {cap:N0} bytes arrived");
                    buffer.Write(chunk, 0, read);
                }
                token.ThrowIfCancellationRequested();
                return buffer.ToArray();
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
