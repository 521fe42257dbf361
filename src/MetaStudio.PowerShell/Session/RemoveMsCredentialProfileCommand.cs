using System;
using System.Management.Automation;
using MetaStudio.PowerShell.Core.Auth;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Errors;

namespace MetaStudio.PowerShell.Session
{
    /// <summary>Deletes a profile from the credentials file: the keys are gone for good (High impact), other profiles stay.</summary>
    [MsApi()]
    [Cmdlet(VerbsCommon.Remove, "MsCredentialProfile", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveMsCredentialProfileCommand : MsAsyncCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProfileNameCompleter))]
        public required string[] ProfileName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? CredentialsFile { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            var path = CredentialsFilePath(CredentialsFile);
            if (path == null) return;
            foreach (var name in ProfileName)
            {
                if (!ShouldProcessUnlessForced(Force, $"[{name}] in {path}", "Remove the credentials profile")) continue;
                try
                {
                    var file = Core.Auth.CredentialsFile.Load(path);
                    if (!file.RemoveProfile(name))
                        throw new CredentialException($"The credentials file '{path}' has no profile [{name}].", CredentialException.ProfileNotFound);
                    file.Save();
                    WriteVerbose($"Removed [{name}] from {path}.");
                }
                catch (CredentialException ex)
                {
                    WriteError(ErrorRecords.From(ex, name));
                }
                catch (Exception ex) when (ex is System.IO.IOException || ex is UnauthorizedAccessException)
                {
                    WriteError(new ErrorRecord(ex, "MetaStudio.CredentialsFileWriteFailed", ErrorCategory.WriteError, path));
                }
            }
        }
    }
}
