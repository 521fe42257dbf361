using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace MetaStudio.Emulator.State
{
    /// <summary>A live product as stored. Lists are replaced whole by UpdateProduct and edited item by item by SetProductAsset.</summary>
    public sealed class ProductRecord
    {
        public string ProductId { get; init; } = EmulatorState.NewId();
        public string? ProjectId { get; init; }
        public string? Name { get; set; }
        public string? Description { get; set; }
        public List<string> Tags { get; set; } = new();
        /// <summary>The cover chosen explicitly; when null the first image of the asset list is the cover.</summary>
        public string? CoverAssetId { get; set; }
        public List<ProductText> Texts { get; set; } = new();
        public List<ProductMedia> Media { get; set; } = new();
        /// <summary>ACTIVED, UNACTIVED or BLOCK.</summary>
        public string State { get; set; } = "UNACTIVED";
        public DateTimeOffset CreateTime { get; init; } = DateTimeOffset.UtcNow;
        public DateTimeOffset UpdateTime { get; set; } = DateTimeOffset.UtcNow;
    }

    public sealed record ProductText(string? Title, string Text);

    /// <summary>An asset of a product; Order 0 means "in the order added" (Added breaks ties).</summary>
    public sealed record ProductMedia(string AssetId, string AssetType, int Order, long Added);

    public sealed partial class EmulatorState
    {
        public ConcurrentDictionary<string, ProductRecord> Products { get; } = new();

        private long _productMediaSequence;

        internal long NextProductMediaSequence() => System.Threading.Interlocked.Increment(ref _productMediaSequence);
    }
}
