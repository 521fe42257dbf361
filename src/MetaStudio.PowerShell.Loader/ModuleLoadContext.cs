#if NETCOREAPP
using System;
using System.Reflection;
using System.Runtime.Loader;

namespace MetaStudio.PowerShell.Loader
{
    /// <summary>
    /// The private load context of the module's code. Every assembly MetaStudio.PowerShell (or one of
    /// its dependencies) asks for comes through <see cref="Load"/> first:
    /// shipped in <c>dependencies/</c> → our copy, in this context (unless the platform's is as new);
    /// anything else (System.Management.Automation, the base library) → null, so the default context
    /// binds it. Assemblies other modules put in the default context are never consulted for a name we ship.
    /// </summary>
    internal sealed class ModuleLoadContext : AssemblyLoadContext
    {
        public const string ContextName = "MetaStudio";
        private readonly string _dependencies;
        private readonly Func<string, Version?> _platformVersion;

        /// <param name="platformVersion">The version of the platform's own copy of an assembly, or null (tests replace it).</param>
        public ModuleLoadContext(string moduleBase, Func<string, Version?>? platformVersion = null) : base(ContextName, isCollectible: false)
        {
            _dependencies = ModuleLayout.DependencyFolder(moduleBase);
            _platformVersion = platformVersion ?? PlatformAssemblies.VersionOf;
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var path = ModuleLayout.ShippedDependency(_dependencies, assemblyName.Name);
            if (path == null) return null;
            var platform = _platformVersion(assemblyName.Name!);
            return BindingRules.PreferPlatform(AssemblyName.GetAssemblyName(path).Version, platform) ? null : LoadFromAssemblyPath(path);
        }
    }
}
#endif
