using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;

namespace MetaStudio.Emulator.State
{
    /// <summary>A digital asset as the emulator stores it.</summary>
    public sealed class AssetRecord
    {
        public string AssetId { get; init; } = EmulatorState.NewId();
        public string? ProjectId { get; init; }
        public string ProduceId { get; init; } = EmulatorState.NewId();
        public string? AssetName { get; set; }
        public string? AssetDescription { get; set; }
        public string? AssetType { get; set; }
        /// <summary>CREATING, FAILED, UNACTIVED, ACTIVED, DELETING (recycle bin), DELETED, BLOCK, WAITING_DELETE.</summary>
        public string AssetState { get; set; } = "CREATING";
        public string? AppUserId { get; set; }
        public List<string> Tags { get; set; } = new();
        public DateTimeOffset CreateTime { get; init; } = DateTimeOffset.UtcNow;
        public DateTimeOffset UpdateTime { get; set; } = DateTimeOffset.UtcNow;
        /// <summary>Type-specific metadata as sent (asset_extra_meta), kept verbatim.</summary>
        public System.Text.Json.Nodes.JsonObject? ExtraMeta { get; set; }
        public List<FileRecord> Files { get; } = new();
        /// <summary>The state before the asset went to the recycle bin, which RestoreAsset brings back.</summary>
        public string? PreviousState { get; set; }
        public System.Text.Json.Nodes.JsonNode? SharedConfig { get; set; }
        public System.Text.Json.Nodes.JsonNode? ReviewConfig { get; set; }
    }

    /// <summary>A file of an asset; its bytes arrive through the OBS stand-in.</summary>
    public sealed class FileRecord
    {
        public string FileId { get; init; } = EmulatorState.NewId();
        public required string AssetId { get; init; }
        public string? FileName { get; init; }
        /// <summary>Base64 of the MD5 digest, as the client declared it.</summary>
        public string? FileMd5 { get; init; }
        public long FileSize { get; init; }
        public string? FileType { get; init; }
        /// <summary>MAIN, COVER, PAGE, SAMPLE, OTHER, ...</summary>
        public string? Category { get; init; }
        /// <summary>CREATING until confirmed; then CREATED, FAILED or CANCELLED.</summary>
        public string State { get; set; } = "CREATING";
        /// <summary>Parts for large files (1 for ordinary ones); bytes per part index once uploaded.</summary>
        public int PartCount { get; init; } = 1;
        public ConcurrentDictionary<int, byte[]> Parts { get; } = new();

        public byte[]? Content => Parts.IsEmpty ? null : Parts.OrderBy(p => p.Key).SelectMany(p => p.Value).ToArray();

        public static string Md5Base64(byte[] data) => Convert.ToBase64String(MD5.HashData(data));

        /// <summary>True for large files, whose parts are numbered from 1; ordinary files use part 0.</summary>
        public bool IsMultipart { get; init; }
    }

    public sealed partial class EmulatorState
    {
        public ConcurrentDictionary<string, AssetRecord> Assets { get; } = new();
        public ConcurrentDictionary<string, FileRecord> Files { get; } = new();
        /// <summary>Serialises name checks with creates and renames, as names are unique per project.</summary>
        internal object AssetLock { get; } = new();

        /// <summary>An asset of the project that has not been deleted for good, or null.</summary>
        public AssetRecord? FindAsset(string? projectId, string? assetId)
            => assetId != null && Assets.TryGetValue(assetId, out var a) && a.ProjectId == projectId && a.AssetState != "DELETED" ? a : null;

        partial void InitAssets();

        public EmulatorState()
        {
            OnClear(() => { Assets.Clear(); Files.Clear(); System.Threading.Interlocked.Increment(ref _assetGeneration); });
            InitAssets();
        }

        private sealed record ListOrder(int Count, int Generation, IReadOnlyList<AssetRecord> Assets);
        private ListOrder? _ascending, _descending;
        private int _assetGeneration;

        /// <summary>
        /// Every asset in ListAssets order (create time, then id), sorted once and reused while the table holds the same
        /// records, so a list of 100k assets is served page by page without a sort per page. Sound because assets are
        /// never removed one by one (DeleteAsset marks them DELETED) and only Clear empties the table; create time and id
        /// never change. Which assets a query matches is still decided per request, on the records as they are now.
        /// </summary>
        internal IReadOnlyList<AssetRecord> AssetsInListOrder(bool descending)
        {
            var cached = descending ? _descending : _ascending;
            var generation = System.Threading.Volatile.Read(ref _assetGeneration);
            var count = Assets.Count;
            if (cached != null && cached.Count == count && cached.Generation == generation) return cached.Assets;
            var all = Assets.Values;
            var sorted = (descending ? all.OrderByDescending(a => a.CreateTime) : all.OrderBy(a => a.CreateTime)).ThenBy(a => a.AssetId).ToList();
            var order = new ListOrder(sorted.Count, generation, sorted);
            if (descending) _descending = order; else _ascending = order;
            return sorted;
        }

        /// <summary>
        /// An ACTIVED asset with one uploaded, confirmed MAIN file: what a finished job (a produced
        /// video, a trained voice) leaves behind. Other groups call this; they never build assets by hand.
        /// </summary>
        public AssetRecord AddReadyAsset(string? projectId, string name, string type, string fileName, byte[] content, string? appUserId = null)
        {
            var asset = new AssetRecord { ProjectId = projectId, AssetName = name, AssetType = type, AssetState = "ACTIVED", AppUserId = appUserId };
            Complete(asset, fileName, content);
            Assets[asset.AssetId] = asset;
            return asset;
        }

        /// <summary>An asset a job will produce, CREATING until the job completes it (see <see cref="Complete"/>).</summary>
        public AssetRecord AddCreatingAsset(string projectId, string name, string type, string? appUserId = null)
        {
            var asset = new AssetRecord { ProjectId = projectId, AssetName = name, AssetType = type, AppUserId = appUserId };
            Assets[asset.AssetId] = asset;
            return asset;
        }

        /// <summary>Gives an asset its uploaded, confirmed MAIN file and makes it ACTIVED.</summary>
        public void Complete(AssetRecord asset, string fileName, byte[] content)
        {
            var ext = System.IO.Path.GetExtension(fileName).TrimStart('.');
            var file = new FileRecord
            {
                AssetId = asset.AssetId, FileName = fileName, FileMd5 = FileRecord.Md5Base64(content), FileSize = content.Length,
                FileType = ext, Category = "MAIN", State = "CREATED",
            };
            file.Parts[0] = content;
            lock (asset)
            {
                asset.Files.Add(file);
                asset.AssetState = "ACTIVED";
                asset.UpdateTime = DateTimeOffset.UtcNow;
            }
            Files[file.FileId] = file;
        }
    }
}
