using System;
using System.Collections.Generic;
using MetaStudio.Emulator;
using MetaStudio.Emulator.State;

namespace MetaStudio.Bench
{
    /// <summary>Puts assets straight into the emulator's tables: setting up 100k items through the API would take longer than measuring them.</summary>
    public static class Seed
    {
        public static List<string> Assets(EmulatorHost emulator, int count, string prefix, string type = "IMAGE", string region = "cn-north-4")
        {
            var project = EmulatorOptions.ProjectIdFor(region);
            var start = DateTimeOffset.UtcNow.AddDays(-1);
            var ids = new List<string>(count);
            for (var i = 0; i < count; i++)
            {
                var asset = new AssetRecord
                {
                    ProjectId = project, AssetName = $"{prefix}-{i:D6}", AssetType = type, AssetState = "ACTIVED",
                    Tags = new List<string> { "bench" }, CreateTime = start.AddMilliseconds(i), UpdateTime = start.AddMilliseconds(i),
                };
                emulator.State.Assets[asset.AssetId] = asset;
                ids.Add(asset.AssetId);
            }
            return ids;
        }
    }
}
