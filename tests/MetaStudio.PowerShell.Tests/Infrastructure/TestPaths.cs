using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace MetaStudio.PowerShell.Tests.Infrastructure
{
    /// <summary>Where the staged module and the repository are (written into the test assembly at build time).</summary>
    public static class TestPaths
    {
        private static string Meta(string key) => typeof(TestPaths).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == key).Value
            ?? throw new InvalidOperationException($"The test assembly's metadata {key} has no value (see the csproj).");

        public static string ModuleManifest => Path.GetFullPath(Meta("ModuleManifest"));
        public static string ModuleDirectory => Path.GetDirectoryName(ModuleManifest)!;   // a full file path has a directory
        public static string RepoRoot => Path.GetFullPath(Meta("RepoRoot"));
        public static string Repo(params string[] parts) => Path.Combine(new[] { RepoRoot }.Concat(parts).ToArray());
    }
}
