using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.Emulator.Infrastructure;
using MetaStudio.Emulator.Obs;
using MetaStudio.Emulator.State;

namespace MetaStudio.Emulator.Handlers
{
    /// <summary>
    /// File Management: CreateFile / CreateLargeFile hand out upload URLs on the OBS stand-in (Content-MD5 required on
    /// every part and, for an ordinary file, equal to file_md5; part 0 is an ordinary file, large files upload parts
    /// 1..n), ConfirmFileUpload, DeleteFile. Uploaded files are served for download under /obs-download/files/{file_id}.
    /// </summary>
    internal sealed class FileHandlers : IHandlerGroup
    {
        private const long MaxFileSize = 5368709120;
        private const int MaxParts = 10000;

        private static readonly Dictionary<string, string[]> CategoriesByType = new()
        {
            ["PPT"] = new[] { "MAIN", "COVER", "PAGE", "OTHER" },
            ["VOICE_MODEL"] = new[] { "MAIN", "SAMPLE", "OTHER" },
            ["HUMAN_MODEL_2D"] = new[] { "MAIN", "COVER", "SAMPLE", "OTHER" },
            ["BUSINESS_CARD_TEMPLET"] = new[] { "MAIN", "COVER" },
            ["VIDEO"] = new[] { "MAIN", "COVER", "OTHER" },
            ["IMAGE"] = new[] { "MAIN", "COVER", "OTHER" },
            ["MUSIC"] = new[] { "MAIN", "COVER", "OTHER" },
            ["AUDIO"] = new[] { "MAIN", "COVER", "OTHER" },
        };

        private static readonly string[] AllCategories = { "MAIN", "COVER", "PAGE", "SAMPLE", "OTHER", "WHOLE_MODEL", "USER_MODIFIED_MODEL" };

        private EmulatorHost? _host;
        // Register sets it, and only Register makes these handlers reachable.
        private EmulatorHost Host => _host ?? throw new InvalidOperationException("The handler group is not registered.");

        public void Register(EmulatorHost host)
        {
            _host = host;
            host.Obs.Publish(DownloadKey, id => host.State.Files.TryGetValue(id, out var f) && f.Content is byte[] bytes ? new ObsObject(bytes) : null);
            host.Handlers.Add(OperationId.CreateFile, r => Create(r, large: false));
            host.Handlers.Add(OperationId.CreateLargeFile, r => Create(r, large: true));
            host.Handlers.Add(OperationId.ConfirmFileUpload, Confirm);
            host.Handlers.Add(OperationId.DeleteFile, Delete);
        }

        private EmuResponse Create(EmuRequest r, bool large)
        {
            var body = r.Json() ?? throw EmuError.Invalid("The request body is required.");
            var name = Wire.Text(body, "file_name");
            var type = Wire.Text(body, "file_type");
            var category = Wire.Text(body, "asset_file_category");
            var md5 = large ? null : Wire.Text(body, "file_md5");
            var size = Long(body, "file_size");
            var parts = large ? (int)(Long(body, "file_multipart_count") ?? 1) : 1;
            if (string.IsNullOrEmpty(name) || name.Length > 256) throw EmuError.Invalid("file_name must be 1 to 256 characters.");
            if (string.IsNullOrEmpty(type)) throw EmuError.BadRequest("MSS.10001003", "file_type is empty.");
            if (!large && !IsMd5Base64(md5)) throw EmuError.Invalid("file_md5 must be the Base64 of an MD5 digest (24 characters).");
            if ((!large || size != null) && (size is null || size < 1 || size > MaxFileSize)) throw EmuError.Invalid($"file_size must be 1 to {MaxFileSize}.");
            if (parts < 1 || parts > MaxParts) throw EmuError.Invalid($"file_multipart_count must be 1 to {MaxParts}.");
            var asset = Host.State.FindAsset(r.ProjectId, Wire.Text(body, "asset_id"))
                ?? throw EmuError.BadRequest("MSS.10001001", $"Asset '{Wire.Text(body, "asset_id")}' does not exist.");
            var allowed = large ? new[] { "MAIN", "OTHER" } : asset.AssetType != null && CategoriesByType.TryGetValue(asset.AssetType, out var c) ? c : AllCategories;
            if (!allowed.Contains(category)) throw EmuError.Invalid($"asset_file_category '{category}' is not allowed here; use one of {string.Join(", ", allowed)}.");

            var file = new FileRecord
            {
                AssetId = asset.AssetId, FileName = name, FileMd5 = md5, FileSize = size ?? 0, FileType = type,
                Category = category, PartCount = parts, IsMultipart = large,
            };
            lock (asset)
            {
                if (category == "MAIN" && asset.Files.Any(f => f.Category == "MAIN" && (f.State == "CREATED" || f.State == "CREATING")))
                    throw EmuError.BadRequest("MSS.10001008", "The asset already has a main file.");
                if (category == "COVER" && asset.Files.Any(f => f.Category == "COVER" && (f.State == "CREATED" || f.State == "CREATING")))
                    throw EmuError.BadRequest("MSS.10001009", "The asset already has a cover file.");
                asset.Files.Add(file);
                Host.State.Files[file.FileId] = file;
            }
            if (!large) return EmuResponse.Ok(new { file_id = file.FileId, upload_url = UploadUrl(file, 0) });
            return EmuResponse.Ok(new { file_id = file.FileId, upload_urls = Enumerable.Range(1, parts).Select(p => UploadUrl(file, p)).ToList() });
        }

        /// <summary>The URL a file's download_url points at.</summary>
        internal static string DownloadUrl(EmulatorHost host, string fileId) => host.Obs.DownloadUrl(DownloadKey, fileId);

        private const string DownloadKey = "files";

        /// <summary>Where one part goes: the bytes must match the digest given, and the file must still wait for them.</summary>
        private string UploadUrl(FileRecord file, int part)
            => Host.Obs.UploadUrl(file.FileId + "/" + part, new UploadRules
            {
                Owner = file.FileId,
                RequireMd5 = true,
                ExpectedMd5 = file.IsMultipart ? null : file.FileMd5,
                Check = bytes => Accepts(file, part, bytes),
                Store = bytes => file.Parts[part] = bytes,
            });

        private ObsRefusal? Accepts(FileRecord file, int part, byte[] bytes)
        {
            if (!Host.State.Files.ContainsKey(file.FileId)) return ObsRefusal.NoSuchKey($"File {file.FileId} no longer exists.");
            if (file.State != "CREATING") return ObsRefusal.Invalid($"Part {part} is not expected for file {file.FileId} ({file.State}).");
            if (!file.IsMultipart ? bytes.Length != file.FileSize : (file.FileSize > 0 && bytes.Length > file.FileSize))
                return new ObsRefusal(400, "IncompleteBody", $"Received {bytes.Length} bytes; CreateFile declared {file.FileSize}.");
            return null;
        }

        private EmuResponse Confirm(EmuRequest r)
        {
            var file = Require(r);
            var body = r.Json() ?? throw EmuError.Invalid("The request body is required.");
            var state = Wire.Text(body, "state");
            if (state != "CREATED" && state != "FAILED" && state != "CANCELLED") throw EmuError.Invalid("state must be CREATED, FAILED or CANCELLED.");
            lock (file)
            {
                if (file.State != "CREATING")
                {
                    if (file.State == state) return EmuResponse.NoContent(); // a repeated confirm changes nothing
                    throw EmuError.Invalid($"File '{file.FileId}' is already {file.State}.");
                }
                if (state == "CREATED")
                {
                    var expected = file.IsMultipart ? Enumerable.Range(1, file.PartCount) : new[] { 0 };
                    var content = expected.All(file.Parts.ContainsKey) ? file.Content : null;
                    if (content == null || (file.FileSize > 0 && content.Length != file.FileSize) || (file.FileMd5 != null && FileRecord.Md5Base64(content) != file.FileMd5))
                        throw EmuError.BadRequest("MSS.45000001", $"The bytes of file '{file.FileId}' have not (all) been uploaded.");
                }
                else
                {
                    file.Parts.Clear();
                }
                file.State = state;
            }
            var asset = Host.State.Assets.TryGetValue(file.AssetId, out var a) ? a : null;
            if (asset != null && state == "CREATED" && file.Category == "MAIN")
                lock (asset)
                    if (asset.AssetState == "CREATING") asset.AssetState = "ACTIVED";
            return EmuResponse.NoContent();
        }

        private EmuResponse Delete(EmuRequest r)
        {
            var file = Require(r);
            if (Host.State.Assets.TryGetValue(file.AssetId, out var asset))
                lock (asset) asset.Files.Remove(file);
            Host.State.Files.TryRemove(file.FileId, out _);
            Host.Obs.Revoke(file.FileId);
            return EmuResponse.NoContent();
        }

        private FileRecord Require(EmuRequest r)
        {
            var id = r.Path("file_id");
            if (Host.State.Files.TryGetValue(id, out var file) && Host.State.FindAsset(r.ProjectId, file.AssetId) != null) return file;
            throw EmuError.BadRequest("MSS.10001004", $"File '{id}' does not exist.");
        }

        private static long? Long(JsonObject body, string name)
        {
            var node = body[name];
            if (node == null) return null;
            if (node is JsonValue v && v.TryGetValue<long>(out var l)) return l;
            throw EmuError.Invalid($"{name} must be an integer.");
        }

        internal static bool IsMd5Base64(string? text)
        {
            if (text == null || text.Length != 24) return false;
            var buffer = new byte[18];
            return Convert.TryFromBase64String(text, buffer, out var written) && written == 16;
        }
    }
}
