using System;
using System.Management.Automation;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Errors;

namespace MetaStudio.PowerShell.Session
{
    /// <summary>Returns the runspace's default session: where its credentials came from, when temporary ones expire; never a secret.</summary>
    [MsApi()]
    [Cmdlet(VerbsCommon.Get, "MsSession")]
    [OutputType(typeof(MsSession))]
    public sealed class GetMsSessionCommand : PSCmdlet
    {
        protected override void ProcessRecord()
        {
            var session = SessionStore.GetDefault();
            if (session == null)
            {
                var disconnectedAt = SessionStore.DisconnectedAt;
                WriteError(disconnectedAt != null
                    ? ErrorRecords.NotConnected(disconnectedAt.Value)
                    : new ErrorRecord(new InvalidOperationException("No default MetaStudio session in this runspace. Run Connect-MsService " +
                            "(cmdlets without one look for HUAWEICLOUD_SDK_* variables, then the credentials file's [basic] profile)."),
                        ErrorCodes.NoSession, ErrorCategory.ObjectNotFound, null));
                return;
            }
            WriteVerbose($"Credentials from {session.CredentialSource} ({session.AuthMode} {session.Identity})" +
                         (session.CredentialExpiresAt is DateTimeOffset expires ? $", expiring at {expires.ToLocalTime():u} and renewed before then." : "."));
            if (session.RateLimitStore != null)
                WriteVerbose($"Rate limits shared through {session.RateLimitStore}: {session.RateLimitStoreState}; while it does not answer, this process takes {session.RateLimitShare:0.##} of each rate.");
            WriteObject(session);
        }
    }
}
