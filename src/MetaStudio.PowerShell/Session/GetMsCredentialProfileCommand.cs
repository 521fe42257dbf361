using System;
using System.Linq;
using System.Management.Automation;
using MetaStudio.PowerShell.Core.Auth;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Errors;

namespace MetaStudio.PowerShell.Session
{
    /// <summary>Lists the profiles of the credentials file: kind, access key ID, project, region, endpoints; never a secret key or token.</summary>
    [MsApi()]
    [Cmdlet(VerbsCommon.Get, "MsCredentialProfile")]
    [OutputType(typeof(MsCredentialProfile))]
    public sealed class GetMsCredentialProfileCommand : MsAsyncCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProfileNameCompleter))]
        public string[]? ProfileName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? CredentialsFile { get; set; }

        protected override void ProcessRecord()
        {
            var path = CredentialsFilePath(CredentialsFile);
            if (path == null) return;
            Core.Auth.CredentialsFile file;
            try
            {
                file = Core.Auth.CredentialsFile.Load(path);
            }
            catch (CredentialException ex)
            {
                WriteError(ErrorRecords.From(ex, path));
                return;
            }
            var warning = OwnerOnlyFiles.OthersCanReadWarning(path);
            if (warning != null) WriteWarning(warning);

            var names = file.ProfileNames;
            foreach (var pattern in ProfileName ?? new[] { "*" })
            {
                // Profile names are case-sensitive in the SDKs, so matching is too.
                var wildcard = new WildcardPattern(pattern, WildcardOptions.None);
                var matches = names.Where(n => wildcard.IsMatch(n)).ToList();
                if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(pattern))
                    WriteError(new ErrorRecord(new CredentialException($"The credentials file '{path}' has no profile [{pattern}].", CredentialException.ProfileNotFound),
                        CredentialException.ProfileNotFound, ErrorCategory.ObjectNotFound, pattern));
                foreach (var name in matches) WriteObject(MsCredentialProfile.From(file, name));
            }
        }
    }
}
