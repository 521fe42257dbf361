using System;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace MetaStudio.PowerShell
{
    /// <summary>
    /// The default session of each runspace. Kept per runspace, not per process, so parallel
    /// runspaces never see each other's logins (a common complaint about global contexts).
    /// </summary>
    internal static class SessionStore
    {
        private sealed class Holder
        {
            public MsSession? Session;
            public DateTimeOffset? DisconnectedAt;
        }

        private static readonly ConditionalWeakTable<Runspace, Holder> Defaults = new ConditionalWeakTable<Runspace, Holder>();
        private static readonly Holder NoRunspace = new Holder();

        private static Holder Current
        {
            get
            {
                var rs = Runspace.DefaultRunspace;
                return rs == null ? NoRunspace : Defaults.GetValue(rs, _ => new Holder());
            }
        }

        public static MsSession? GetDefault() => Current.Session;

        /// <summary>Connect-MsService: the new default; the runspace is connected again.</summary>
        public static void SetDefault(MsSession session)
        {
            var holder = Current;
            holder.Session = session;
            if (session != null) holder.DisconnectedAt = null;
        }

        /// <summary>
        /// Disconnect-MsService: no default, and from now on no credentials picked up on their own (environment,
        /// credentials file) until the next Connect-MsService, so a disconnected script cannot quietly go on as
        /// whichever account the environment names.
        /// </summary>
        public static void Disconnect()
        {
            var holder = Current;
            holder.Session = null;
            holder.DisconnectedAt = DateTimeOffset.Now;
        }

        /// <summary>When Disconnect-MsService ran in this runspace, if it did and no Connect-MsService followed.</summary>
        public static DateTimeOffset? DisconnectedAt => Current.DisconnectedAt;
    }
}
