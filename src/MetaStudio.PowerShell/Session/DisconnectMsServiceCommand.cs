using System.Management.Automation;
using MetaStudio.PowerShell.Core.Cmdlets;

namespace MetaStudio.PowerShell.Session
{
    /// <summary>Forgets the runspace's default session. Sessions held in variables keep working.</summary>
    [MsApi()]
    [Cmdlet(VerbsCommunications.Disconnect, "MsService", SupportsShouldProcess = true)]
    [OutputType(typeof(void))]
    public sealed class DisconnectMsServiceCommand : PSCmdlet
    {
        protected override void ProcessRecord()
        {
            var session = SessionStore.GetDefault();
            if (session == null) return;
            if (ShouldProcess(session.ToString(), "Disconnect"))
                SessionStore.SetDefault(null);
        }
    }
}
