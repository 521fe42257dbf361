using System;
using System.Collections.Concurrent;
using System.IO;
using System.Reflection;

namespace MetaStudio.PowerShell.Loader
{
    /// <summary>
    /// The Windows PowerShell 5.1 AssemblyResolve handler (compiled for every target so its decisions are
    /// tested here): answers a failed bind only with a dependency the module ships in its own
    /// <c>dependencies/</c> folder, under <see cref="BindingRules.MayAnswer"/>.
    /// </summary>
    internal sealed class DependencyResolver
    {
        private readonly string _moduleBase;
        private readonly string _dependencies;
        private readonly ConcurrentDictionary<string, AssemblyName?> _shipped = new ConcurrentDictionary<string, AssemblyName?>(StringComparer.OrdinalIgnoreCase);

        public DependencyResolver(string moduleBase)
        {
            _moduleBase = Path.GetFullPath(moduleBase);
            _dependencies = ModuleLayout.DependencyFolder(_moduleBase);
        }

        public Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            var requester = args.RequestingAssembly;
            var path = Choose(args.Name, LocationOf(requester), requester != null);
            // LoadFrom of a path already loaded returns that assembly: one copy, whoever asks.
            return path == null ? null : Assembly.LoadFrom(path);
        }

        /// <summary>The file that answers the request, or null to leave it to the framework and other handlers.</summary>
        /// <param name="requestingLocation">The requesting assembly's file; null when it has none (in memory).</param>
        /// <param name="requesterKnown">False when .NET Framework did not say who asked.</param>
        internal string? Choose(string requestedFullName, string? requestingLocation, bool requesterKnown)
        {
            AssemblyName requested;
            try
            {
                requested = new AssemblyName(requestedFullName);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is FileLoadException)
            {
                return null;
            }
            var path = ModuleLayout.ShippedDependency(_dependencies, requested.Name);
            if (path == null) return null;
            var shipped = _shipped.GetOrAdd(path, p =>
            {
                try
                {
                    return AssemblyName.GetAssemblyName(p);
                }
                catch (Exception ex) when (ex is IOException || ex is BadImageFormatException || ex is UnauthorizedAccessException)
                {
                    return null;
                }
            });
            return BindingRules.MayAnswer(requested, shipped, requestingLocation, requesterKnown, _moduleBase) ? path : null;
        }

        private static string? LocationOf(Assembly? assembly)
        {
            if (assembly == null || assembly.IsDynamic) return null;
            try
            {
                return assembly.Location;
            }
            catch (NotSupportedException)
            {
                return null;
            }
        }
    }
}
