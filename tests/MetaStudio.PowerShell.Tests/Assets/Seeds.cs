using System;
using MetaStudio.Emulator;
using MetaStudio.Emulator.State;

namespace MetaStudio.PowerShell.Tests.Assets
{
    /// <summary>Test data for the asset and file tests: unique names (classes share an emulator) and ready assets.</summary>
    internal static class Seeds
    {
        public static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N").Substring(0, 8);

        /// <summary>An ACTIVED asset with a one-byte MAIN file, put straight into the emulator's state.</summary>
        public static AssetRecord Ready(EmulatorHost emu, string name, string type = "IMAGE", string region = "cn-north-4")
            => emu.State.AddReadyAsset(EmulatorOptions.ProjectIdFor(region), name, type, "a.png", new byte[] { 1 });
    }
}
