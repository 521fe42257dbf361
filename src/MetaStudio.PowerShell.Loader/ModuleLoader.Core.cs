#if NETCOREAPP
using System.Reflection;
using System.Runtime.Loader;

namespace MetaStudio.PowerShell.Loader
{
    public static partial class ModuleLoader
    {
        /// <summary>The name of the private load context, as Pester and diagnostics see it.</summary>
        internal const string ContextName = ModuleLoadContext.ContextName;

        private static Assembly? HostCopy()
        {
            foreach (var assembly in AssemblyLoadContext.Default.Assemblies)
                if (ModuleLayout.IsModuleAssembly(assembly.GetName().Name)) return assembly;
            // Not loaded yet, but the host application ships it (its deps.json): the default context will
            // bind it there the moment the host touches one of its types, so that is the copy to use.
            return PlatformAssemblies.PathOf(ModuleLayout.ModuleAssemblyName) != null
                ? AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName(ModuleLayout.ModuleAssemblyName))
                : null;
        }

        private static Assembly LoadOwnCopy(string moduleBase)
            => new ModuleLoadContext(moduleBase).LoadFromAssemblyPath(ModuleLayout.ModuleAssemblyPath(moduleBase));
    }
}
#endif
