#if NETCOREAPP
using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;

namespace MetaStudio.PowerShell.Loader
{
    /// <summary>
    /// The host application's own assemblies (the runtime's shared framework plus what the host ships, e.g.
    /// pwsh's deps.json): the "trusted platform assemblies" the default context binds by name. No module can
    /// replace them, so deferring to them is safe.
    /// </summary>
    internal static class PlatformAssemblies
    {
        private static readonly Lazy<Dictionary<string, string>> Paths = new Lazy<Dictionary<string, string>>(() =>
        {
            var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string list)
                foreach (var path in list.Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries))
                    map[Path.GetFileNameWithoutExtension(path)] = path;
            return map;
        });

        public static string? PathOf(string simpleName) => Paths.Value.TryGetValue(simpleName, out var path) ? path : null;

        public static Version? VersionOf(string simpleName)
        {
            var path = PathOf(simpleName);
            return path == null ? null : AssemblyName.GetAssemblyName(path).Version;
        }
    }
}
#endif
