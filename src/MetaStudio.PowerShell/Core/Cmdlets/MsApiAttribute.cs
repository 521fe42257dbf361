using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using MetaStudio.PowerShell.Core.Catalog;

namespace MetaStudio.PowerShell.Core.Cmdlets
{
    /// <summary>
    /// The operations a cmdlet calls, as code (Octokit's route attributes do this for its API calls).
    /// The README's API table and the APIs named in each cmdlet's help are checked against it, and a
    /// cmdlet sending an operation its attribute does not name is caught by the strict emulator.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    internal sealed class MsApiAttribute : Attribute
    {
        public MsApiAttribute(params OperationId[] operations) => Operations = operations ?? Array.Empty<OperationId>();

        public IReadOnlyList<OperationId> Operations { get; }

        /// <summary>Any operation of the official client (Invoke-MsRequest): no list to keep.</summary>
        public bool AnyOperation { get; set; }

        // Read once per class: the strict emulator asks on every request a cmdlet sends, and GetCustomAttribute builds a new instance each time.
        private static readonly ConcurrentDictionary<Type, MsApiAttribute> ByType = new ConcurrentDictionary<Type, MsApiAttribute>();

        // The operations' names, as the emulator and the catalog spell them, made once per attribute.
        private HashSet<string>? _names;

        /// <summary>The attribute of a cmdlet class, or null when it calls no MetaStudio operation.</summary>
        public static MsApiAttribute Of(Type cmdletType)
            => ByType.GetOrAdd(cmdletType, t => (MsApiAttribute)GetCustomAttribute(t, typeof(MsApiAttribute)));

        /// <summary>True when the cmdlet class may send this operation.</summary>
        public static bool Declares(Type cmdletType, string operationName)
        {
            var api = Of(cmdletType);
            if (api == null) return false;
            if (api.AnyOperation) return true;
            var names = api._names ??= new HashSet<string>(api.Operations.Select(o => o.ToString()), StringComparer.Ordinal);
            return names.Contains(operationName);
        }
    }
}
