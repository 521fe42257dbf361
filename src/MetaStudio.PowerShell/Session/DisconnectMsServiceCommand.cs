using System.Management.Automation;
using MetaStudio.PowerShell.Core.Cmdlets;

namespace MetaStudio.PowerShell.Session
{
    /// <summary>
    /// Forgets the runspace's default session, and stops cmdlets from picking up credentials on their own
    /// (environment, credentials file) until the next Connect-MsService. Sessions held in variables keep working.
    /// </summary>
    [MsApi()]
    [Cmdlet(VerbsCommunications.Disconnect, "MsService", SupportsShouldProcess = true)]
    [OutputType(typeof(void))]
    public sealed class DisconnectMsServiceCommand : PSCmdlet
    {
        protected override void ProcessRecord()
        {
            var session = SessionStore.GetDefault();
            if (session == null && SessionStore.DisconnectedAt != null) return;
            var target = session?.ToString() ?? "MetaStudio (credentials from the environment or the credentials file)";
            if (ShouldProcess(target, "Disconnect"))
            {
                SessionStore.Disconnect();
                WriteVerbose("Disconnected. Cmdlets without -Session now fail with MetaStudio.NotConnected until Connect-MsService runs again" +
                             " (or $MsAllowImplicitCredentials = $true lets them use the environment and the credentials file).");
            }
        }
    }
}
