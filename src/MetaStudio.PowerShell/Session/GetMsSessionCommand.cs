using System;
using System.Management.Automation;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Errors;

namespace MetaStudio.PowerShell.Session
{
    /// <summary>Returns the runspace's default session.</summary>
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
                WriteError(new ErrorRecord(new InvalidOperationException("No default MetaStudio session in this runspace. Run Connect-MsService."),
                    ErrorCodes.NoSession, ErrorCategory.ObjectNotFound, null));
                return;
            }
            WriteObject(session);
        }
    }
}
