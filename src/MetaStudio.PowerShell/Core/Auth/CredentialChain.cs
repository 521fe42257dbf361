using System;
using System.Collections.Generic;
using System.Linq;

namespace MetaStudio.PowerShell.Core.Auth
{
    /// <summary>What the chain chose: the credentials and the settings that came with them from the same place.</summary>
    internal sealed class CredentialChoice
    {
        /// <summary>Environment, File:&lt;profile&gt;, Federation or EcsAgency.</summary>
        public string? Source;
        public MsCredential? Credential;
        /// <summary>The region the source names (HUAWEICLOUD_SDK_REGION, or a profile's region); -Region wins.</summary>
        public string? Region;
        /// <summary>The project of the same account (HUAWEICLOUD_SDK_PROJECT_ID with environment keys, project_id with a profile's).</summary>
        public string? ProjectId;
        /// <summary>A profile's iam_endpoint.</summary>
        public Uri? IamEndpoint;
        /// <summary>A profile's metastudio_endpoint.</summary>
        public Uri? Endpoint;
        /// <summary>Tells apart implicit sessions of different credentials (a fingerprint, never a secret).</summary>
        public string? CacheKey;
    }

    /// <summary>The reasons behind a choice, for -Verbose, and the warnings the user should see.</summary>
    internal sealed class ChainLog
    {
        public List<string> Verbose { get; } = new List<string>();
        public List<string> Warnings { get; } = new List<string>();
        /// <summary>Why each source was skipped, for the error when none worked.</summary>
        public List<string> Skipped { get; } = new List<string>();

        public void Skip(string source, string why)
        {
            Skipped.Add($"{source}: {why}");
            Verbose.Add($"Credentials: {source} skipped: {why}.");
        }

        public void Chose(string source, string what) => Verbose.Add($"Credentials: {source} chosen: {what}.");

        /// <summary>Writes the reasons to the verbose stream and the warnings to the warning stream of the cmdlet.</summary>
        public void WriteTo(System.Management.Automation.Cmdlet cmdlet)
        {
            foreach (var line in Verbose) cmdlet.WriteVerbose(line);
            foreach (var line in Warnings) cmdlet.WriteWarning(line);
        }
    }

    /// <summary>
    /// The official SDKs' credential providers, in their order (huaweicloud-sdk-go-v3 core/auth/provider/provider_chain.go):
    /// the environment (env_provider.go), then the credentials file (profile_provider.go). In each, an identity
    /// provider id with an ID token file means OIDC federation and wins over AK/SK (credential_provider.go
    /// fillCommonAttrs). The SDKs' third provider, the ECS metadata service, is never tried on its own here: it
    /// is used only when Connect-MsService -EcsAgency or a profile's credential_source = EcsAgency asks for it.
    /// </summary>
    internal static class CredentialChain
    {
        public const string EnvAccessKey = "HUAWEICLOUD_SDK_AK";
        public const string EnvSecretKey = "HUAWEICLOUD_SDK_SK";
        public const string EnvSecurityToken = "HUAWEICLOUD_SDK_SECURITY_TOKEN";
        public const string EnvProjectId = "HUAWEICLOUD_SDK_PROJECT_ID";
        public const string EnvIdpId = "HUAWEICLOUD_SDK_IDP_ID";
        public const string EnvIdTokenFile = "HUAWEICLOUD_SDK_ID_TOKEN_FILE";
        public const string EnvRegion = "HUAWEICLOUD_SDK_REGION";
        /// <summary>
        /// This module's way for the environment to ask for the ECS agency (the SDKs have none: they try the metadata
        /// service on their own, which this module never does), like credential_source in a profile.
        /// </summary>
        public const string EnvCredentialSource = "METASTUDIO_CREDENTIAL_SOURCE";
        public const string EnvMetadataEndpoint = "METASTUDIO_METADATA_ENDPOINT";

        /// <summary>Environment, then the credentials file's [basic] profile; null (with the reasons logged) when neither has credentials.</summary>
        public static CredentialChoice? Resolve(ChainLog log)
            => FromEnvironment(log) ?? FromFile(CredentialsFile.DefaultPath(), CredentialsFile.DefaultProfile, explicitProfile: false, log);

        public static CredentialChoice? FromEnvironment(ChainLog log)
        {
            const string source = "environment";
            string? ak = Env(EnvAccessKey), sk = Env(EnvSecretKey), idp = Env(EnvIdpId), tokenFile = Env(EnvIdTokenFile);
            var region = Env(EnvRegion);
            var projectId = Env(EnvProjectId);
            if (idp != null && tokenFile != null)
            {
                log.Chose(source, $"OIDC federation ({EnvIdpId} {idp}, {EnvIdTokenFile} {tokenFile})");
                var credential = new FederatedCredential(idp, tokenFile);
                return new CredentialChoice { Source = "Federation", Credential = credential, Region = region, ProjectId = projectId, CacheKey = credential.CacheKey };
            }
            if (ak != null && sk != null)
            {
                if (idp != null || tokenFile != null)
                    log.Warnings.Add($"{(idp != null ? EnvIdpId : EnvIdTokenFile)} is set without {(idp != null ? EnvIdTokenFile : EnvIdpId)}; federation needs both, so the access key in {EnvAccessKey} is used.");
                var token = Env(EnvSecurityToken);
                var credential = new AkSkCredential(ak, SecretText.ToSecureString(sk), token == null ? null : SecretText.ToSecureString(token));
                log.Chose(source, $"{(token == null ? "AK/SK" : "temporary AK/SK")} {ak} from {EnvAccessKey} and {EnvSecretKey}");
                return new CredentialChoice { Source = "Environment", Credential = credential, Region = region, ProjectId = projectId, CacheKey = "env|" + credential.CacheKey };
            }
            var requested = Env(EnvCredentialSource);
            if (requested != null)
            {
                if (!string.Equals(requested, CredentialsFile.EcsAgencySource, StringComparison.OrdinalIgnoreCase))
                    throw new ArgumentException($"{EnvCredentialSource} may only be {CredentialsFile.EcsAgencySource}, not '{requested}'.");
                var endpoint = Env(EnvMetadataEndpoint);
                if (endpoint != null && !Uri.TryCreate(endpoint, UriKind.Absolute, out _))
                    throw new ArgumentException($"{EnvMetadataEndpoint} is not an absolute URI: '{endpoint}'.");
                var credential = new EcsAgencyCredential(endpoint == null ? null : new Uri(endpoint));
                log.Chose(source, $"ECS agency credentials from {credential.MetadataEndpoint.GetLeftPart(UriPartial.Authority)} ({EnvCredentialSource} = {CredentialsFile.EcsAgencySource})");
                return new CredentialChoice { Source = "EcsAgency", Credential = credential, Region = region, ProjectId = projectId, CacheKey = credential.CacheKey };
            }
            if (ak != null || sk != null || idp != null || tokenFile != null)
            {
                // Half a configuration is most likely a mistake: say so instead of quietly moving on to another account.
                var set = new[] { EnvAccessKey, EnvSecretKey, EnvIdpId, EnvIdTokenFile }.Where(n => Env(n) != null);
                log.Warnings.Add($"Only {string.Join(" and ", set)} of the HUAWEICLOUD_SDK_* credential variables is set; the environment needs {EnvAccessKey} and {EnvSecretKey} (or {EnvIdpId} and {EnvIdTokenFile}), so it is skipped.");
            }
            log.Skip(source, $"neither {EnvAccessKey} and {EnvSecretKey} nor {EnvIdpId} and {EnvIdTokenFile} nor {EnvCredentialSource} are set");
            return null;
        }

        /// <summary>
        /// A profile (section) of a credentials file. A profile asked for by name that is missing, or whose file is
        /// missing, is an error, never a quiet fall-through to other credentials (another account, perhaps); a
        /// malformed file is an error either way.
        /// </summary>
        public static CredentialChoice? FromFile(string path, string profile, bool explicitProfile, ChainLog log)
        {
            var source = $"credentials file '{path}' [{profile}]";
            if (!System.IO.File.Exists(path))
            {
                if (explicitProfile)
                    throw new CredentialException($"The credentials file '{path}' does not exist, so profile '{profile}' cannot be read. Create it with Set-MsCredentialProfile -ProfileName {profile}.", CredentialException.FileNotFound);
                log.Skip(source, "the file does not exist");
                return null;
            }
            var file = CredentialsFile.Load(path);
            var warning = OwnerOnlyFiles.OthersCanReadWarning(path);
            if (warning != null) log.Warnings.Add(warning);
            var values = file.Profile(profile);
            if (values == null)
            {
                var known = file.ProfileNames;
                var hint = known.Count == 0 ? "it has no profiles" : "its profiles are " + string.Join(", ", known.Select(n => "[" + n + "]"));
                if (explicitProfile)
                    throw new CredentialException($"The credentials file '{path}' has no profile [{profile}] ({hint}; names are case-sensitive).", CredentialException.ProfileNotFound);
                log.Skip(source, $"the file has no [{profile}] section ({hint})");
                return null;
            }
            return FromProfile(file, profile, values, explicitProfile, log);
        }

        private static CredentialChoice? FromProfile(CredentialsFile file, string profile, IReadOnlyDictionary<string, string> values, bool explicitProfile, ChainLog log)
        {
            var source = $"credentials file '{file.FilePath}' [{profile}]";
            string? Value(string key) => values.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
            Uri? UriValue(string key)
            {
                var text = Value(key);
                if (text == null) return null;
                if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                    throw new CredentialException($"The credentials file '{file.FilePath}', line {file.LineOf(profile, key)}: {key} of [{profile}] is not an absolute http(s) URI.", CredentialException.FileInvalid);
                return uri;
            }
            var choice = new CredentialChoice
            {
                Region = Value(CredentialsFile.RegionKey),
                ProjectId = Value(CredentialsFile.ProjectIdKey),
                IamEndpoint = UriValue(CredentialsFile.IamEndpointKey),
                Endpoint = UriValue(CredentialsFile.EndpointKey),
            };
            string? ak = Value(CredentialsFile.AkKey), sk = Value(CredentialsFile.SkKey), idp = Value(CredentialsFile.IdpIdKey), tokenFile = Value(CredentialsFile.IdTokenFileKey);
            var origin = $"'{file.FilePath}' [{profile}]";
            if (idp != null && tokenFile != null)
            {
                var credential = new FederatedCredential(idp, tokenFile);
                log.Chose(source, $"OIDC federation (idp_id {idp}, id_token_file {tokenFile})");
                choice.Source = "Federation";
                choice.Credential = credential;
                choice.CacheKey = credential.CacheKey;
                return choice;
            }
            if (ak != null && sk != null)
            {
                var token = Value(CredentialsFile.SecurityTokenKey);
                var credential = new AkSkCredential(ak, SecretText.ToSecureString(sk), token == null ? null : SecretText.ToSecureString(token));
                log.Chose(source, $"{(token == null ? "AK/SK" : "temporary AK/SK")} {ak}");
                choice.Source = "File:" + profile;
                choice.Credential = credential;
                choice.CacheKey = "file|" + origin + "|" + credential.CacheKey;
                return choice;
            }
            if (string.Equals(Value(CredentialsFile.CredentialSourceKey), CredentialsFile.EcsAgencySource, StringComparison.OrdinalIgnoreCase))
            {
                var credential = new EcsAgencyCredential(UriValue(CredentialsFile.MetadataEndpointKey));
                log.Chose(source, $"ECS agency credentials from {credential.MetadataEndpoint.GetLeftPart(UriPartial.Authority)} (credential_source = {CredentialsFile.EcsAgencySource})");
                choice.Source = "EcsAgency";
                choice.Credential = credential;
                choice.CacheKey = credential.CacheKey;
                return choice;
            }
            var caseHint = values.Keys.FirstOrDefault(k => (k.Equals("ak", StringComparison.OrdinalIgnoreCase) || k.Equals("sk", StringComparison.OrdinalIgnoreCase)) && k.Any(char.IsUpper));
            var why = $"[{profile}] has neither ak and sk, nor idp_id and id_token_file, nor credential_source = {CredentialsFile.EcsAgencySource}"
                      + (caseHint != null ? $" (key names are lower case: '{caseHint}' is not read)" : "");
            if (explicitProfile)
                throw new CredentialException($"The credentials file '{file.FilePath}': {why}.", CredentialException.ProfileIncomplete);
            log.Skip(source, why);
            return null;
        }

        internal static string? Env(string name)
        {
            var value = Environment.GetEnvironmentVariable(name);
            return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        }
    }
}
