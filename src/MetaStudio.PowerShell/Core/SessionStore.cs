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
        private sealed class Holder { public MsSession Session; }

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

        public static MsSession GetDefault() => Current.Session;

        public static void SetDefault(MsSession session) => Current.Session = session;
    }
}
