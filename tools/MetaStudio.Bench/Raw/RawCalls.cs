using MetaStudio.PowerShell.Core.Catalog;
using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Tasks;

namespace MetaStudio.Bench.Raw
{
    /// <summary>The hand-written calls the module's cmdlets are compared with.</summary>
    public static class RawCalls
    {
        /// <summary>ShowAsset: one signed GET, the answer parsed.</summary>
        public static async Task<string> ShowAssetAsync(RawClient client, string assetId)
            => AssetId(await client.SendAsync("GET", client.PathOf(OperationId.ShowAsset, ("asset_id", assetId))).ConfigureAwait(false));

        /// <summary>ShowAsset sent synchronously (<see cref="RawClient.Send"/>).</summary>
        public static string ShowAsset(RawClient client, string assetId) => ShowAssetAt(client, client.PathOf(OperationId.ShowAsset, ("asset_id", assetId)));

        /// <summary>
        /// ShowAsset sent synchronously to a path already filled in: for a pwsh that loads this assembly for its raw
        /// client alone (the catalog, the module's, is not reachable from there).
        /// </summary>
        public static string ShowAssetAt(RawClient client, string path) => AssetId(client.Send("GET", path));

        private static string AssetId(byte[] body)
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.GetProperty("asset_id").GetString() ?? throw new InvalidDataException("an asset without an id");
        }

        /// <summary>A pager over ListAssets: offset/limit 100 until the total (or <paramref name="max"/>), every item's id read. Returns the items seen.</summary>
        public static async Task<int> ListAllAssetsAsync(RawClient client, int max = int.MaxValue)
        {
            var path = client.PathOf(OperationId.ListAssets);
            var seen = 0;
            while (true)
            {
                var body = await client.SendAsync("GET", path, new[]
                {
                    new KeyValuePair<string, string>("offset", seen.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    new KeyValuePair<string, string>("limit", "100"),
                }).ConfigureAwait(false);
                using var doc = JsonDocument.Parse(body);
                var count = doc.RootElement.GetProperty("count").GetInt32();
                var items = 0;
                foreach (var asset in doc.RootElement.GetProperty("assets").EnumerateArray())
                {
                    if (asset.GetProperty("asset_id").GetString() == null) throw new InvalidDataException("an asset without an id");
                    items++;
                }
                seen += items;
                if (items < 100 || seen >= count || seen >= max) return seen;
            }
        }

        /// <summary>
        /// Uploads a file as a user would by hand: MD5 of the file, CreateFile, one streamed PUT of the bytes to the
        /// upload URL with Content-MD5, ConfirmFileUpload.
        /// </summary>
        public static async Task UploadAsync(RawClient client, string assetId, string path)
        {
            byte[] md5;
            using (var file = File.OpenRead(path)) md5 = await MD5.HashDataAsync(file).ConfigureAwait(false);
            var length = new FileInfo(path).Length;
            var create = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
            {
                ["file_name"] = Path.GetFileName(path), ["file_size"] = length, ["file_type"] = Path.GetExtension(path).TrimStart('.'),
                ["asset_id"] = assetId, ["asset_file_category"] = "MAIN", ["file_md5"] = Convert.ToBase64String(md5),
            });
            using var created = JsonDocument.Parse(await client.SendAsync("POST", client.PathOf(OperationId.CreateFile), body: create).ConfigureAwait(false));
            var fileId = created.RootElement.GetProperty("file_id").GetString() ?? throw new InvalidDataException("no file_id");
            var url = created.RootElement.GetProperty("upload_url").GetString() ?? throw new InvalidDataException("no upload_url");

            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true))
            using (var put = new HttpRequestMessage(HttpMethod.Put, url) { Content = new StreamContent(stream, 81920) })
            {
                put.Content.Headers.ContentLength = length;
                put.Content.Headers.ContentMD5 = md5;
                put.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                using var response = await client.Http.SendAsync(put).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                    throw new InvalidOperationException($"PUT {url}: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}");
            }
            await client.SendAsync("POST", client.PathOf(OperationId.ConfirmFileUpload, ("file_id", fileId)),
                body: JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["state"] = "CREATED" })).ConfigureAwait(false);
        }
    }
}
