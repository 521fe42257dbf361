using System;
using System.IO;

namespace MetaStudio.PowerShell.Loader
{
    /// <summary>
    /// Where things are in an installed module folder:
    /// <c>MetaStudio.psd1</c>, <c>MetaStudio.psm1</c>, <c>MetaStudio.PowerShell.dll</c> (the module's code),
    /// <c>dependencies/</c> (every third-party assembly it ships), <c>loader/core|desktop/</c> (this assembly).
    /// A dependency is shipped by being in <c>dependencies/</c>: nothing here lists them, so adding one
    /// to the module project is the whole change.
    /// </summary>
    internal static class ModuleLayout
    {
        public const string ModuleAssemblyName = "MetaStudio.PowerShell";
        public const string DependencyFolderName = "dependencies";

        public static string ModuleAssemblyPath(string moduleBase) => Path.Combine(moduleBase, ModuleAssemblyName + ".dll");

        public static string DependencyFolder(string moduleBase) => Path.Combine(moduleBase, DependencyFolderName);

        public static bool IsModuleAssembly(string? simpleName) => string.Equals(simpleName, ModuleAssemblyName, StringComparison.OrdinalIgnoreCase);

        /// <summary>The file of the dependency shipped under this simple name, or null when the module ships none.</summary>
        public static string? ShippedDependency(string dependencyFolder, string? simpleName)
        {
            if (string.IsNullOrEmpty(simpleName) || simpleName!.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0
                || simpleName.Contains(".."))   // string.Contains(string) is ordinal
                return null;
            var path = Path.Combine(dependencyFolder, simpleName + ".dll");
            return File.Exists(path) ? path : null;
        }

        /// <summary>True when <paramref name="path"/> is inside <paramref name="folder"/>.</summary>
        public static bool IsUnder(string? path, string folder)
        {
            if (string.IsNullOrEmpty(path)) return false;
            var full = Path.GetFullPath(path);
            var root = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) + Path.DirectorySeparatorChar;
            // Windows paths are case-insensitive; elsewhere case matters.
            var comparison = Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            return full.StartsWith(root, comparison);
        }
    }
}
