using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace MetaStudio.PowerShell
{
    /// <summary>
    /// Windows PowerShell 5.1 runs on .NET Framework, which has no binding redirects for the module's
    /// dependencies (System.Text.Json 8 asks for exact versions of System.Memory, System.Buffers, ...).
    /// When the framework cannot find such an exact version, this resolves the request to the copy
    /// shipped in the module folder. It answers only for assemblies the module ships, so it never
    /// changes what other modules load. PowerShell 7 resolves module dependencies itself; the handler
    /// is not installed there.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly string Folder = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location);

        internal static bool IsNetFramework => RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

        public void OnImport()
        {
            if (IsNetFramework) AppDomain.CurrentDomain.AssemblyResolve += Resolve;
        }

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            if (IsNetFramework) AppDomain.CurrentDomain.AssemblyResolve -= Resolve;
        }

        /// <summary>The path of a dependency the module ships, or null when the name is not one of ours.</summary>
        internal static string ShippedDependency(string simpleName, string folder = null)
        {
            folder = folder ?? Folder;
            if (string.IsNullOrEmpty(simpleName) || folder == null) return null;
            if (string.Equals(simpleName, typeof(ModuleInitializer).Assembly.GetName().Name, StringComparison.OrdinalIgnoreCase)) return null;
            if (simpleName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0) return null;
            var path = Path.Combine(folder, simpleName + ".dll");
            return File.Exists(path) ? path : null;
        }

        internal static Assembly Resolve(object sender, ResolveEventArgs args)
        {
            var simpleName = new AssemblyName(args.Name).Name;
            var path = ShippedDependency(simpleName);
            if (path == null) return null;
            // A copy already loaded (from our folder, at whatever version) is the one to use: loading a
            // second copy would make its types incompatible with the first.
            var loaded = AppDomain.CurrentDomain.GetAssemblies()
                .FirstOrDefault(a => string.Equals(a.GetName().Name, simpleName, StringComparison.OrdinalIgnoreCase));
            return loaded ?? Assembly.LoadFrom(path);
        }
    }
}
