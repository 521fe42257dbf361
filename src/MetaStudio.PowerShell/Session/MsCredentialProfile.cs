using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using MetaStudio.PowerShell.Core.Auth;

namespace MetaStudio.PowerShell.Session
{
    /// <summary>A profile of the credentials file, as Get-MsCredentialProfile shows it: what kind of credentials, never a secret.</summary>
    public sealed class MsCredentialProfile
    {
        public string? ProfileName { get; set; }
        /// <summary>AccessKey, TemporaryAccessKey, Federation, EcsAgency, or Incomplete when the SDKs could not use it.</summary>
        public string? Kind { get; set; }
        /// <summary>The access key ID (an identifier, not a secret); the secret key is never read into this object.</summary>
        public string? AccessKey { get; set; }
        public string? ProjectId { get; set; }
        public string? Region { get; set; }
        public string? Endpoint { get; set; }
        public string? IamEndpoint { get; set; }
        public string? IdpId { get; set; }
        public string? IdTokenFile { get; set; }
        public string? MetadataEndpoint { get; set; }
        /// <summary>The file the profile is in; binds to -CredentialsFile down a pipeline.</summary>
        public string? CredentialsFile { get; set; }

        public override string? ToString() => ProfileName;

        internal static MsCredentialProfile? From(Core.Auth.CredentialsFile file, string name)
        {
            var values = file.Profile(name);
            if (values == null) return null;   // no such profile
            string? Value(string key) => values.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v : null;
            string kind;
            if (Value(Core.Auth.CredentialsFile.IdpIdKey) != null && Value(Core.Auth.CredentialsFile.IdTokenFileKey) != null) kind = "Federation";
            else if (Value(Core.Auth.CredentialsFile.AkKey) != null && Value(Core.Auth.CredentialsFile.SkKey) != null)
                kind = Value(Core.Auth.CredentialsFile.SecurityTokenKey) != null ? "TemporaryAccessKey" : "AccessKey";
            else if (string.Equals(Value(Core.Auth.CredentialsFile.CredentialSourceKey), Core.Auth.CredentialsFile.EcsAgencySource, System.StringComparison.OrdinalIgnoreCase)) kind = "EcsAgency";
            else kind = "Incomplete";
            return new MsCredentialProfile
            {
                ProfileName = name,
                Kind = kind,
                AccessKey = Value(Core.Auth.CredentialsFile.AkKey),
                ProjectId = Value(Core.Auth.CredentialsFile.ProjectIdKey),
                Region = Value(Core.Auth.CredentialsFile.RegionKey),
                Endpoint = Value(Core.Auth.CredentialsFile.EndpointKey),
                IamEndpoint = Value(Core.Auth.CredentialsFile.IamEndpointKey),
                IdpId = Value(Core.Auth.CredentialsFile.IdpIdKey),
                IdTokenFile = Value(Core.Auth.CredentialsFile.IdTokenFileKey),
                MetadataEndpoint = Value(Core.Auth.CredentialsFile.MetadataEndpointKey),
                CredentialsFile = file.FilePath,
            };
        }
    }

    /// <summary>Tab completion of the profiles in the credentials file (the -CredentialsFile typed so far, or the default one).</summary>
    internal sealed class ProfileNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                var path = fakeBoundParameters?["CredentialsFile"] as string ?? Core.Auth.CredentialsFile.DefaultPath();
                var file = Core.Auth.CredentialsFile.Load(path, mustExist: false);
                return file.ProfileNames.Where(n => n.StartsWith(wordToComplete ?? "", System.StringComparison.OrdinalIgnoreCase))
                    .Select(n => new CompletionResult(n)).ToList();
            }
            catch (CredentialException)
            {
                return Enumerable.Empty<CompletionResult>();
            }
        }
    }
}
