// Nullable: annotated, flow warnings still off in this file (issue 12 item 5 follow-up: finish its null checks).
#nullable disable warnings
using System.Threading.Tasks;
using MetaStudio.Emulator.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace MetaStudio.Emulator.Handlers
{
    /// <summary>
    /// GET /obs-download/{file_id}: the bytes of an uploaded (or produced) file, standing in for the
    /// signed OBS download URLs the real service hands out.
    /// </summary>
    internal sealed class DownloadEndpoint : IHandlerGroup
    {
        public const string Prefix = "/obs-download/";

        public static string UrlFor(EmulatorHost? host, string fileId) => host.BaseUri + Prefix.TrimStart('/') + fileId;

        public void Register(EmulatorHost host)
        {
            host.Dispatcher.ExtraRoutes.Add(("GET", Prefix, http => ServeAsync(host, http)));
        }

        private static async Task ServeAsync(EmulatorHost host, HttpContext http)
        {
            var fileId = http.Request.Path.Value!.Substring(Prefix.Length);
            if (!host.State.Files.TryGetValue(fileId, out var file) || file.Content == null)
            {
                http.Response.StatusCode = 404;
                await http.Response.WriteAsync("<Error><Code>NoSuchKey</Code></Error>");
                return;
            }
            var content = file.Content;
            http.Response.ContentType = "application/octet-stream";
            http.Response.ContentLength = content.Length;
            await http.Response.Body.WriteAsync(content);
        }
    }
}
