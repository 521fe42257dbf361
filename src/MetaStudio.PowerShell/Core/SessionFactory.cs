using System;
using System.Collections.Concurrent;
using System.Linq;
using MetaStudio.PowerShell.Core.Auth;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.RateLimiting;

namespace MetaStudio.PowerShell
{
    /// <summary>
    /// Builds sessions: from explicit credentials, from the official SDKs' credential chain (environment, then the
    /// credentials file), from a named profile, or from the ECS agency; endpoints are resolved the same way each time.
    /// </summary>
    internal static class SessionFactory
    {
        public const string EnvAccessKey = CredentialChain.EnvAccessKey;
        public const string EnvSecretKey = CredentialChain.EnvSecretKey;
        public const string EnvSecurityToken = CredentialChain.EnvSecurityToken;
        public const string EnvProjectId = CredentialChain.EnvProjectId;
        public const string EnvRegion = CredentialChain.EnvRegion;
        public const string EnvIdpId = CredentialChain.EnvIdpId;
        public const string EnvIdTokenFile = CredentialChain.EnvIdTokenFile;
        public const string EnvIamEndpoint = "HUAWEICLOUD_SDK_IAM_ENDPOINT";
        /// <summary>
        /// The official per-region endpoint override, HUAWEICLOUD_SDK_REGION_METASTUDIO_CN_NORTH_4 and so on
        /// (huaweicloud-sdk-go-v3 core/region/env_region.go: prefix, service name, region id upper-cased with '_').
        /// </summary>
        public const string EnvRegionEndpointPrefix = "HUAWEICLOUD_SDK_REGION_METASTUDIO_";
        /// <summary>This module's own earlier variable; still read, with a deprecation warning.</summary>
        public const string EnvEndpoint = "HUAWEICLOUD_SDK_METASTUDIO_ENDPOINT";

        private static readonly ConcurrentDictionary<string, MsSession> ImplicitSessions = new ConcurrentDictionary<string, MsSession>();

        /// <summary>Checks the region and endpoints and builds the session; nothing is sent.</summary>
        public static MsSession Create(string? region, Uri? endpoint, Uri? iamEndpoint, MsCredential? credential, string? projectId,
            string? appUserId, string? credentialSource, SessionSettings? settings = null)
        {
            if (region == null || string.IsNullOrWhiteSpace(region))
                throw new ArgumentException($"A region is required (-Region, {EnvRegion}, or the region of a credentials profile). Known regions: {string.Join(", ", Regions.Known)}.");
            if (!Regions.IsKnown(region))
                throw new ArgumentException($"Unknown region '{region}'. MetaStudio serves: {string.Join(", ", Regions.Known)}.");
            region = Regions.Normalize(region);
            CheckEndpoint(endpoint, "-Endpoint");
            CheckEndpoint(iamEndpoint, "-IamEndpoint");
            if (appUserId != null)
                foreach (var c in appUserId)
                    if (c >= 0x2E80) throw new ArgumentException("-AppUserId must not contain Chinese characters (the service rejects them).");
            settings = settings ?? new SessionSettings();
            if (settings.Proxy == null) settings.Proxy = ProxySettings.Resolve(null, null);
            var api = endpoint ?? Regions.Endpoint(region);
            // A custom endpoint (the emulator, a private gateway) usually serves IAM too.
            var iam = iamEndpoint ?? (endpoint != null ? endpoint : Regions.IamEndpoint(region));
            if (credential == null)
                throw new CredentialException("No credentials were given for the session.", CredentialException.NoCredentials);
            // A caller that hands the credential over directly is the "Parameter" source.
            return new MsSession(region, api, iam, credential, projectId, appUserId, credentialSource ?? "Parameter", settings);
        }

        /// <summary>What Connect-MsService passes: its parameters, with the credentials already chosen.</summary>
        internal static MsSession Create(CredentialChoice choice, string? region, Uri? endpoint, Uri? iamEndpoint, string? projectId, string? appUserId,
            SessionSettings settings, ChainLog log)
        {
            region = FirstOf(region, CredentialChain.Env(EnvRegion), choice.Region);
            var api = ResolveEndpoint(region, endpoint, choice.Endpoint, log);
            var iam = iamEndpoint ?? choice.IamEndpoint ?? IamFromEnvironment();
            return Create(region, api, iam, choice.Credential, FirstOf(projectId, choice.ProjectId), appUserId, choice.Source, settings);
        }

        /// <summary>
        /// The session a cmdlet uses when none is connected: the chain's credentials (environment, then the
        /// credentials file's [basic]), or null when neither has any. Sessions are reused while the same
        /// credentials resolve, so their HttpClient, project lookup and temporary keys are too.
        /// </summary>
        internal static MsSession? Implicit(ChainLog log)
        {
            // Warnings (a half-set environment, a file others can read, a deprecated variable) once per session, not once per cmdlet.
            var found = new ChainLog();
            var created = false;
            MsSession? session = null;
            try
            {
                var choice = CredentialChain.Resolve(found);
                if (choice == null)
                {
                    created = true;
                    return null;
                }
                var region = FirstOf(CredentialChain.Env(EnvRegion), choice.Region);
                var endpoint = region == null || !Regions.IsKnown(region) ? null : ResolveEndpoint(region, null, choice.Endpoint, found);
                var iam = choice.IamEndpoint ?? IamFromEnvironment();
                var proxy = ProxySettings.Resolve(null, null);
                var key = string.Join("|", choice.CacheKey, region, choice.ProjectId, endpoint, iam, proxy?.Description,
                    Environment.GetEnvironmentVariable(RateLimitStoreAddress.Variable), Environment.GetEnvironmentVariable(RateLimitStoreAddress.ShareVariable));
                session = ImplicitSessions.GetOrAdd(key, _ =>
                {
                    created = true;
                    return Create(region, endpoint, iam, choice.Credential, choice.ProjectId, null, choice.Source, new SessionSettings
                    {
                        Proxy = proxy,
                        RateLimitStore = RateLimitStoreAddress.FromEnvironment(),
                        RateLimitShare = RateLimitStoreAddress.ShareFromEnvironment(),
                    });
                });
                return session;
            }
            finally
            {
                log.Verbose.AddRange(found.Verbose);
                log.Skipped.AddRange(found.Skipped);
                if (created || session == null) log.Warnings.AddRange(found.Warnings);
            }
        }

        /// <summary>
        /// -Endpoint, then HUAWEICLOUD_SDK_REGION_METASTUDIO_&lt;REGION&gt;, then the deprecated
        /// HUAWEICLOUD_SDK_METASTUDIO_ENDPOINT, then a profile's metastudio_endpoint; null for the region's own.
        /// Environment before file, as for credentials (and as AWS orders AWS_ENDPOINT_URL before endpoint_url).
        /// </summary>
        internal static Uri? ResolveEndpoint(string? region, Uri? explicitEndpoint, Uri? profileEndpoint, ChainLog log)
        {
            if (explicitEndpoint != null) return explicitEndpoint;
            if (region != null && !string.IsNullOrWhiteSpace(region))
            {
                var name = RegionEndpointVariable(region);
                var value = CredentialChain.Env(name);
                if (value != null)
                {
                    // env_region.go splits the value at ',' into several endpoints; the first is used here.
                    var endpoints = value.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries).Select(e => e.Trim()).ToList();
                    var uri = ParseEndpoint(endpoints[0], name);
                    log.Verbose.Add($"Endpoint: {uri} from {name}" + (endpoints.Count > 1 ? $" (the other {endpoints.Count - 1} listed are not used)." : "."));
                    return uri;
                }
            }
            var old = CredentialChain.Env(EnvEndpoint);
            if (old != null)
            {
                var suggestion = region == null || string.IsNullOrWhiteSpace(region) ? EnvRegionEndpointPrefix + "<REGION_ID>" : RegionEndpointVariable(region);
                log.Warnings.Add($"{EnvEndpoint} is deprecated and will be removed; set {suggestion}, the variable Huawei Cloud's SDKs read, instead.");
                var uri = ParseEndpoint(old, EnvEndpoint);
                log.Verbose.Add($"Endpoint: {uri} from {EnvEndpoint}.");
                return uri;
            }
            if (profileEndpoint != null) log.Verbose.Add($"Endpoint: {profileEndpoint} from the profile's {CredentialsFile.EndpointKey}.");
            return profileEndpoint;
        }

        /// <summary>HUAWEICLOUD_SDK_REGION_METASTUDIO_CN_NORTH_4 for cn-north-4.</summary>
        public static string RegionEndpointVariable(string region) => EnvRegionEndpointPrefix + region.Trim().ToUpperInvariant().Replace('-', '_');

        /// <summary>HUAWEICLOUD_SDK_IAM_ENDPOINT; like the SDK (iam_helper.go GetIamEndpoint), https:// is assumed when no scheme is given.</summary>
        internal static Uri? IamFromEnvironment()
        {
            var value = CredentialChain.Env(EnvIamEndpoint);
            if (value == null) return null;
            return ParseEndpoint(value.Contains("://") ? value : "https://" + value, EnvIamEndpoint);
        }

        private static Uri ParseEndpoint(string text, string name)
        {
            if (!text.Contains("://")) text = "https://" + text;
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                throw new ArgumentException($"{name} is not an absolute http(s) URI: '{text}'.");
            return uri;
        }

        private static void CheckEndpoint(Uri? endpoint, string name)
        {
            if (endpoint != null && !endpoint.IsAbsoluteUri)
                throw new ArgumentException($"{name} '{endpoint}' must be an absolute http(s) URI.");
            if (endpoint != null && endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp)
                throw new ArgumentException($"{name} '{endpoint}' must use http or https.");
        }

        private static string? FirstOf(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
    }
}
