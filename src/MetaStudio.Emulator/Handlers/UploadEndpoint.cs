using System;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Tasks;
using MetaStudio.Emulator.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace MetaStudio.Emulator.Handlers
{
    /// <summary>
    /// PUT /obs-upload/{file_id}/{part}: the OBS stand-in that upload_url(s) point at. Like OBS it
    /// checks Content-MD5 (required on every part) against the bytes received, so a damaged transfer is refused, not stored.
    /// Part 0 is an ordinary file; large files upload parts 1..n.
    /// </summary>
    internal sealed class UploadEndpoint : IHandlerGroup
    {
        public const string Prefix = "/obs-upload/";

        public static string UrlFor(EmulatorHost host, string fileId, int part) => host.BaseUri + Prefix.TrimStart('/') + fileId + "/" + part;

        public void Register(EmulatorHost host)
        {
            host.Dispatcher.ExtraRoutes.Add(("PUT", Prefix, http => AcceptAsync(host, http)));
        }

        private static async Task AcceptAsync(EmulatorHost host, HttpContext http)
        {
            var rest = http.Request.Path.Value!.Substring(Prefix.Length).Split('/');
            if (rest.Length != 2 || !int.TryParse(rest[1], out var part) || !host.State.Files.TryGetValue(rest[0], out var file))
            {
                await FailAsync(http, 404, "NoSuchKey", "The upload URL does not name a file that is waiting for bytes.");
                return;
            }
            var bytes = await Dispatcher.ReadBodyAsync(http);
            if (host.State.UploadDelay > TimeSpan.Zero) await Task.Delay(host.State.UploadDelay, http.RequestAborted);
            if (bytes.Length > 0 && host.State.TakeCorruptUpload()) bytes[bytes.Length / 2] ^= 0xFF;

            if (file.State != "CREATING" || part < 0 || (file.IsMultipart ? part < 1 || part > file.PartCount : part != 0))
            {
                await FailAsync(http, 400, "InvalidArgument", $"Part {part} is not expected for file {file.FileId} ({file.State}).");
                return;
            }
            var declared = http.Request.Headers["Content-MD5"].ToString();
            // Required on every part (OBS makes it optional) so the suite catches a client that drops it.
            if (declared.Length == 0)
            {
                await FailAsync(http, 400, "MissingContentMD5", $"Part {part} of file {file.FileId} has no Content-MD5 header.");
                return;
            }
            if (!file.IsMultipart && declared != file.FileMd5)
            {
                await FailAsync(http, 400, "InvalidDigest", "Content-MD5 must equal the file_md5 given to CreateFile.");
                return;
            }
            if (declared.Length > 0 && declared != Convert.ToBase64String(MD5.HashData(bytes)))
            {
                await FailAsync(http, 400, "BadDigest", "The Content-MD5 you specified did not match what was received.");
                return;
            }
            if (!file.IsMultipart ? bytes.Length != file.FileSize : (file.FileSize > 0 && bytes.Length > file.FileSize))
            {
                await FailAsync(http, 400, "IncompleteBody", $"Received {bytes.Length} bytes; CreateFile declared {file.FileSize}.");
                return;
            }
            file.Parts[part] = bytes;
            http.Response.StatusCode = 200;
            http.Response.Headers.ETag = "\"" + Convert.ToHexString(MD5.HashData(bytes)).ToLowerInvariant() + "\"";
        }

        internal static async Task FailAsync(HttpContext http, int status, string code, string message)
        {
            http.Response.StatusCode = status;
            http.Response.ContentType = "application/json";
            // OBS answers XML; the emulator uses the service's JSON error shape so clients report one code field.
            await http.Response.WriteAsync(JsonSerializer.Serialize(new { error_code = "OBS." + code, error_msg = message }));
        }
    }
}
