using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Security;
using MetaStudio.PowerShell.Core.Auth;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Catalog;

namespace MetaStudio.PowerShell.Session
{
    /// <summary>
    /// Writes a profile to the credentials file the official SDKs read, creating the file (and its folder) for the
    /// owner alone. The profile's credentials replace the old ones as a whole; other profiles, comments and keys
    /// this module does not manage stay as they were.
    /// </summary>
    [MsApi()]
    [Cmdlet(VerbsCommon.Set, "MsCredentialProfile", SupportsShouldProcess = true, DefaultParameterSetName = AkSkSet)]
    [OutputType(typeof(MsCredentialProfile))]
    public sealed class SetMsCredentialProfileCommand : MsAsyncCmdlet
    {
        private const string AkSkSet = "AccessKey";
        private const string FederationSet = "Federation";
        private const string EcsSet = "EcsAgency";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProfileNameCompleter))]
        public required string ProfileName { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = AkSkSet)]
        [ValidateNotNullOrEmpty]
        public string? AccessKey { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = AkSkSet)]
        [SecureStringTransformation]
        [ValidateNotNull]
        public SecureString? SecretKey { get; set; }

        [Parameter(ParameterSetName = AkSkSet)]
        [SecureStringTransformation]
        public SecureString? SecurityToken { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = FederationSet)]
        [ValidateNotNullOrEmpty]
        [ValidateMsId]
        public string? IdpId { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = FederationSet)]
        [ValidateNotNullOrEmpty]
        public string? IdTokenFile { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = EcsSet)]
        public SwitchParameter EcsAgency { get; set; }

        [Parameter(ParameterSetName = EcsSet)]
        public Uri? MetadataEndpoint { get; set; }

        [Parameter]
        [ValidateMsId]
        public string? ProjectId { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string? Region { get; set; }

        [Parameter]
        public Uri? Endpoint { get; set; }

        [Parameter]
        public Uri? IamEndpoint { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? CredentialsFile { get; set; }

        protected override void ProcessRecord()
        {
            var path = CredentialsFilePath(CredentialsFile);
            if (path == null) return;
            try
            {
                Core.Auth.CredentialsFile.CheckName(ProfileName);
                if (Region != null && !Regions.IsKnown(Region))
                    throw new ArgumentException($"Unknown region '{Region}'. MetaStudio serves: {string.Join(", ", Regions.Known)}.");
                foreach (var (uri, name) in new[] { (Endpoint, "-Endpoint"), (IamEndpoint, "-IamEndpoint"), (MetadataEndpoint, "-MetadataEndpoint") })
                    if (uri != null && (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
                        throw new ArgumentException($"{name} '{uri}' must be an absolute http(s) URI.");
                var file = Core.Auth.CredentialsFile.Load(path, mustExist: false);
                var action = file.HasProfile(ProfileName) ? "Replace the credentials of the profile" : "Create the profile";
                if (!ShouldProcess($"[{ProfileName}] in {path}", action)) return;
                file.SetProfile(ProfileName, Values());
                file.Save();
                WriteVerbose($"{action} [{ProfileName}] in {path}; the file is readable by its owner only.");
                WriteObject(MsCredentialProfile.From(file, ProfileName));
            }
            catch (Exception ex) when (ex is ArgumentException || ex is CredentialException || ex is System.IO.IOException || ex is UnauthorizedAccessException)
            {
                WriteError(ex is ArgumentException
                    ? ErrorRecords.InvalidInput(ex.Message, ProfileName)
                    : ex is CredentialException ce ? ErrorRecords.From(ce, path)
                    : new ErrorRecord(ex, "MetaStudio.CredentialsFileWriteFailed", ErrorCategory.WriteError, path));
            }
        }

        /// <summary>The managed keys in the order they are written; unset ones are left out.</summary>
        private IEnumerable<KeyValuePair<string, string>> Values()
        {
            // An unset value is empty, which the file leaves out.
            KeyValuePair<string, string> Pair(string key, string? value) => new KeyValuePair<string, string>(key, value ?? "");
            switch (ParameterSetName)
            {
                case AkSkSet:
                    // Each set's keys are mandatory in it.
                    yield return Pair(Core.Auth.CredentialsFile.AkKey, AccessKey!.Trim());
                    // The file is plain text by design (the SDKs read it so); the secret is revealed only to be written.
                    yield return Pair(Core.Auth.CredentialsFile.SkKey, SecretText.Reveal(SecretKey));
                    if (!SecretText.IsNullOrEmpty(SecurityToken)) yield return Pair(Core.Auth.CredentialsFile.SecurityTokenKey, SecretText.Reveal(SecurityToken));
                    break;
                case FederationSet:
                    yield return Pair(Core.Auth.CredentialsFile.IdpIdKey, IdpId!.Trim());
                    yield return Pair(Core.Auth.CredentialsFile.IdTokenFileKey, IdTokenFile!.Trim());
                    break;
                case EcsSet:
                    yield return Pair(Core.Auth.CredentialsFile.CredentialSourceKey, Core.Auth.CredentialsFile.EcsAgencySource);
                    if (MetadataEndpoint != null) yield return Pair(Core.Auth.CredentialsFile.MetadataEndpointKey, MetadataEndpoint.ToString());
                    break;
            }
            yield return Pair(Core.Auth.CredentialsFile.ProjectIdKey, ProjectId);
            yield return Pair(Core.Auth.CredentialsFile.RegionKey, Region == null ? null : Regions.Normalize(Region));
            yield return Pair(Core.Auth.CredentialsFile.EndpointKey, Endpoint?.ToString());
            yield return Pair(Core.Auth.CredentialsFile.IamEndpointKey, IamEndpoint?.ToString());
        }
    }
}
