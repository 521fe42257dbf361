using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;

namespace MetaStudio.PowerShell.Loader
{
    /// <summary>
    /// Gives MetaStudio.psm1 the module's code to import (<c>Import-Module -Assembly</c>):
    /// <list type="bullet">
    /// <item>PowerShell 7: <c>MetaStudio.PowerShell.dll</c> in a private load context named "MetaStudio",
    /// whose Load override binds every dependency from the module's <c>dependencies/</c> folder (or from the
    /// platform when the runtime's own copy is as new). Another module's Polly.Core, System.Text.Json or
    /// Microsoft.Bcl.* in the default context never meets ours, whichever was imported first.</item>
    /// <item>Windows PowerShell 5.1: <c>Assembly.LoadFrom</c>, plus an AssemblyResolve handler that answers only
    /// for the module's own dependencies, from its own folder, at the requested version or newer.</item>
    /// <item>A host that already has MetaStudio.PowerShell in its default context, or will bind it there because
    /// it ships it as one of its own assemblies (the xunit suite, tools/MetaStudio.Try, tools/MetaStudio.Bench),
    /// gets that copy. Such a host was compiled against the module's types and casts output objects to them
    /// (<c>(MsAsset)o.BaseObject</c>); a second copy in a private context would be a different type with the
    /// same name, and every cast would fail. A host that references the module also brings its dependencies
    /// with it, so there is nothing to isolate.</item>
    /// </list>
    /// One copy per module folder per process: every runspace (ForEach-Object -Parallel, thread jobs) and
    /// every re-import gets the same assembly, so the rate limiter state stays shared by all of them.
    /// </summary>
    public static partial class ModuleLoader
    {
        private static readonly object Gate = new object();
        private static readonly Dictionary<string, Assembly> Loaded = new Dictionary<string, Assembly>(StringComparer.Ordinal);

        /// <summary>The assembly of the module's cmdlets, for the module folder <paramref name="moduleBase"/>.</summary>
        public static Assembly Load(string moduleBase)
        {
            if (string.IsNullOrEmpty(moduleBase)) throw new ArgumentException("The module folder is required.", nameof(moduleBase));
            var folder = Path.GetFullPath(moduleBase);
            lock (Gate)
            {
                if (!Loaded.TryGetValue(folder, out var assembly))
                {
                    assembly = HostCopy() ?? LoadOwnCopy(folder);
                    Loaded[folder] = assembly;
                }
                return assembly;
            }
        }
    }
}
