#if !NETCOREAPP
using System;
using System.Reflection;

namespace MetaStudio.PowerShell.Loader
{
    public static partial class ModuleLoader
    {
        private static Assembly? HostCopy()
        {
            foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
                if (ModuleLayout.IsModuleAssembly(assembly.GetName().Name)) return assembly;
            return null;
        }

        /// <summary>
        /// .NET Framework has one load context, so there is nothing to make private; what matters is that
        /// a failed bind of one of our dependencies (System.Text.Json 8 asks for exact versions of
        /// System.Memory, System.Buffers, ... that no binding redirect maps) finds our copy, and nobody
        /// else's request finds anything of ours. The handler stays for the life of the process, like the
        /// assemblies it serves (.NET Framework cannot unload them).
        /// </summary>
        private static Assembly LoadOwnCopy(string moduleBase)
        {
            AppDomain.CurrentDomain.AssemblyResolve += new DependencyResolver(moduleBase).Resolve;
            return Assembly.LoadFrom(ModuleLayout.ModuleAssemblyPath(moduleBase));
        }
    }
}
#endif
