using System;
using System.Reflection;

namespace MetaStudio.PowerShell.Loader
{
    /// <summary>
    /// The decisions of both loaders, as pure functions so they are unit-tested on any runtime.
    /// </summary>
    internal static class BindingRules
    {
        /// <summary>
        /// Windows PowerShell 5.1 (AssemblyResolve, after .NET Framework found no match): may the module's
        /// shipped copy <paramref name="shipped"/> answer the request for <paramref name="requested"/>?
        /// Only for the same name, only at the requested version or newer (never an older one, which
        /// could miss members the caller needs), only with the same public key when one is asked for, and
        /// only for requests from the module's own assemblies. .NET Framework leaves the requester unknown
        /// (null) in some binds; those are judged by the name alone, as PSResourceGet and Microsoft Graph do.
        /// A requester without a file (in-memory, dynamic) is not ours.
        /// </summary>
        public static bool MayAnswer(AssemblyName requested, AssemblyName? shipped, string? requestingLocation, bool requesterKnown, string moduleBase)
        {
            if (requested == null || shipped == null) return false;
            if (!string.Equals(requested.Name, shipped.Name, StringComparison.OrdinalIgnoreCase)) return false;
            if (requested.Version != null && (shipped.Version == null || shipped.Version < requested.Version)) return false;
            if (!SamePublicKey(requested, shipped)) return false;
            return !requesterKnown || ModuleLayout.IsUnder(requestingLocation, moduleBase);
        }

        /// <summary>
        /// PowerShell 7 (the private load context's Load): use the runtime's or PowerShell's own copy of a
        /// dependency (its trusted platform assemblies, which no module can replace) when it is at least as
        /// new as the shipped one; otherwise load the shipped one privately. So System.Text.Json and
        /// Microsoft.Bcl.AsyncInterfaces come from the platform on .NET 8+, and Polly.Core always from the module.
        /// </summary>
        public static bool PreferPlatform(Version? shipped, Version? platform)
            => platform != null && (shipped == null || platform >= shipped);

        private static bool SamePublicKey(AssemblyName requested, AssemblyName shipped)
        {
            var wanted = requested.GetPublicKeyToken();
            if (wanted == null || wanted.Length == 0) return true;
            var have = shipped.GetPublicKeyToken();
            if (have == null || have.Length != wanted.Length) return false;
            for (var i = 0; i < wanted.Length; i++)
                if (wanted[i] != have[i]) return false;
            return true;
        }
    }
}
