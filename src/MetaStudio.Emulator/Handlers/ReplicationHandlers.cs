using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.Emulator.Infrastructure;
using MetaStudio.Emulator.State;

namespace MetaStudio.Emulator.Handlers
{
    /// <summary>
    /// Asset copy between accounts: ShowAssetReplicationInfo seals an asset (and its files' bytes) into an
    /// AES blob that expires; CreateAssetByReplicationInfo opens it in another project.
    /// </summary>
    internal sealed class ReplicationHandlers : IHandlerGroup
    {
        private const string KeyId = "emulator-replication-key-1";
        private static readonly byte[] Key = SHA256.HashData(Encoding.UTF8.GetBytes("metastudio-emulator replication"));
        public static TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(1);

        private EmulatorHost? _host;
        // Register sets it, and only Register makes these handlers reachable.
        private EmulatorHost Host => _host ?? throw new InvalidOperationException("The handler group is not registered.");

        public void Register(EmulatorHost host)
        {
            _host = host;
            host.Handlers.Add(OperationId.ShowAssetReplicationInfo, Show);
            host.Handlers.Add(OperationId.CreateAssetByReplicationInfo, Create);
        }

        private EmuResponse Show(EmuRequest r)
        {
            var id = r.Path("asset_id");
            var a = Host.State.FindAsset(r.ProjectId, id) ?? throw EmuError.BadRequest("MSS.10001001", $"Asset '{id}' does not exist.");
            var expire = DateTimeOffset.UtcNow.Add(Lifetime).ToUnixTimeMilliseconds();
            var plain = JsonSerializer.SerializeToUtf8Bytes(new
            {
                asset_id = a.AssetId, asset_name = a.AssetName, asset_type = a.AssetType, asset_description = a.AssetDescription,
                tags = a.Tags, asset_extra_meta = a.ExtraMeta, expire_time = expire,
                files = a.Files.Where(f => f.State == "CREATED").Select(f => new
                {
                    f.FileName, f.FileType, f.Category, content = Convert.ToBase64String(f.Content ?? Array.Empty<byte>()),
                }).ToList(),
            });
            using var aes = Aes.Create();
            aes.Key = Key;
            aes.GenerateIV();
            var blob = aes.EncryptCbc(plain, aes.IV);
            return EmuResponse.Ok(new
            {
                asset_id = a.AssetId,
                asset_info = Convert.ToBase64String(blob),
                encryption_info = new { algorithm = "AES-256-CBC", key_id = KeyId, iv = Convert.ToBase64String(aes.IV) },
                expire_time = expire,
            });
        }

        private EmuResponse Create(EmuRequest r)
        {
            var body = r.Json() ?? throw EmuError.Invalid("The request body is required.");
            var expire = body["expire_time"] is JsonValue ev && ev.TryGetValue<long>(out var e) ? e : 0;
            if (expire < DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()) throw EmuError.Invalid("The replication info has expired; query it again.");
            var enc = body["encryption_info"] as JsonObject ?? throw EmuError.Invalid("encryption_info is required.");
            if (Wire.Text(enc, "key_id") != KeyId) throw EmuError.Invalid("encryption_info.key_id is unknown.");
            JsonObject sealedAsset;
            try
            {
                using var aes = Aes.Create();
                aes.Key = Key;
                var plain = aes.DecryptCbc(Convert.FromBase64String(Wire.Text(body, "asset_info") ?? ""), Convert.FromBase64String(Wire.Text(enc, "iv") ?? ""));
                sealedAsset = JsonNode.Parse(plain) as JsonObject ?? throw new FormatException();
            }
            catch (Exception ex) when (ex is FormatException || ex is CryptographicException || ex is JsonException || ex is ArgumentException)
            {
                throw EmuError.Invalid("asset_info cannot be read: it was changed or is not replication info.");
            }
            // The sealed expiry wins over the outer one, so editing expire_time cannot extend a blob's life.
            if (sealedAsset["expire_time"]!.GetValue<long>() != expire) throw EmuError.Invalid("expire_time does not match asset_info.");

            var asset = new AssetRecord
            {
                ProjectId = r.ProjectId,
                AssetName = Wire.Text(sealedAsset, "asset_name"),
                AssetType = Wire.Text(sealedAsset, "asset_type"),
                AssetDescription = Wire.Text(sealedAsset, "asset_description"),
                Tags = Wire.Strings(sealedAsset["tags"]),
                ExtraMeta = sealedAsset["asset_extra_meta"]?.DeepClone() as JsonObject,
                AppUserId = r.AppUserId,
                AssetState = "ACTIVED",
            };
            foreach (var f in (sealedAsset["files"] as JsonArray ?? new JsonArray()).OfType<JsonObject>())
            {
                var content = Convert.FromBase64String(f["content"]!.GetValue<string>());
                var file = new FileRecord
                {
                    AssetId = asset.AssetId, FileName = f["FileName"]!.GetValue<string>(), FileType = f["FileType"]?.GetValue<string>(),
                    Category = f["Category"]!.GetValue<string>(), FileSize = content.Length, FileMd5 = FileRecord.Md5Base64(content), State = "CREATED",
                };
                file.Parts[0] = content;
                asset.Files.Add(file);
            }
            AssetHandlers.AddUnique(Host.State, asset);
            foreach (var f in asset.Files) Host.State.Files[f.FileId] = f;
            return EmuResponse.NoContent();
        }
    }
}
