using System;
using System.Collections.Concurrent;
using System.Security;
using MetaStudio.PowerShell.Core.Auth;
using MetaStudio.PowerShell.Core.Catalog;

namespace MetaStudio.PowerShell
{
    /// <summary>Builds sessions from parameters or from the HUAWEICLOUD_SDK_* environment variables.</summary>
    public static class SessionFactory
    {
        public const string EnvAccessKey = "HUAWEICLOUD_SDK_AK";
        public const string EnvSecretKey = "HUAWEICLOUD_SDK_SK";
        public const string EnvSecurityToken = "HUAWEICLOUD_SDK_SECURITY_TOKEN";
        public const string EnvProjectId = "HUAWEICLOUD_SDK_PROJECT_ID";
        public const string EnvRegion = "HUAWEICLOUD_SDK_REGION";
        public const string EnvEndpoint = "HUAWEICLOUD_SDK_METASTUDIO_ENDPOINT";
        public const string EnvIamEndpoint = "HUAWEICLOUD_SDK_IAM_ENDPOINT";

        private static readonly ConcurrentDictionary<string, MsSession> EnvironmentSessions = new ConcurrentDictionary<string, MsSession>();

        /// <summary>Checks the region and endpoints and builds the session; nothing is sent.</summary>
        public static MsSession Create(string region, Uri endpoint, Uri iamEndpoint, MsCredential credential, string projectId,
            string appUserId, string credentialSource, SessionSettings settings = null)
        {
            if (string.IsNullOrWhiteSpace(region))
                throw new ArgumentException($"A region is required (-Region or {EnvRegion}). Known regions: {string.Join(", ", Regions.Known)}.");
            if (!Regions.IsKnown(region))
                throw new ArgumentException($"Unknown region '{region}'. MetaStudio serves: {string.Join(", ", Regions.Known)}.");
            region = Regions.Normalize(region);
            if (endpoint != null && !endpoint.IsAbsoluteUri)
                throw new ArgumentException($"-Endpoint '{endpoint}' must be an absolute http(s) URI.");
            if (endpoint != null && endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp)
                throw new ArgumentException($"-Endpoint '{endpoint}' must use http or https.");
            if (!string.IsNullOrEmpty(appUserId))
                foreach (var c in appUserId)
                    if (c >= 0x2E80) throw new ArgumentException("-AppUserId must not contain Chinese characters (the service rejects them).");
            var api = endpoint ?? Regions.Endpoint(region);
            // A custom endpoint (the emulator, a private gateway) usually serves IAM too.
            var iam = iamEndpoint ?? (endpoint != null ? endpoint : Regions.IamEndpoint(region));
            return new MsSession(region, api, iam, credential, projectId, appUserId, credentialSource, settings);
        }

        /// <summary>A session from HUAWEICLOUD_SDK_* variables, or null when AK and SK are not both set.</summary>
        public static MsSession FromEnvironment(SessionSettings settings = null, string region = null, Uri endpoint = null, string projectId = null, string appUserId = null)
        {
            var ak = Environment.GetEnvironmentVariable(EnvAccessKey);
            var sk = Environment.GetEnvironmentVariable(EnvSecretKey);
            if (string.IsNullOrEmpty(ak) || string.IsNullOrEmpty(sk)) return null;
            var token = Environment.GetEnvironmentVariable(EnvSecurityToken);
            region = region ?? Environment.GetEnvironmentVariable(EnvRegion);
            projectId = projectId ?? Environment.GetEnvironmentVariable(EnvProjectId);
            var ep = endpoint ?? UriOrNull(Environment.GetEnvironmentVariable(EnvEndpoint), EnvEndpoint);
            var iam = UriOrNull(Environment.GetEnvironmentVariable(EnvIamEndpoint), EnvIamEndpoint);
            SecureString skSecure = SecretText.ToSecureString(sk), tokenSecure = SecretText.ToSecureString(token);
            var credential = new AkSkCredential(ak, skSecure, string.IsNullOrEmpty(token) ? null : tokenSecure);
            if (settings != null || appUserId != null)
                return Create(region, ep, iam, credential, projectId, appUserId, "Environment", settings);
            // Implicit sessions (no Connect-MsService) are reused, so their HttpClient and project lookup are too.
            // The credential's salted fingerprint tells different secrets apart without keeping them as text.
            var key = string.Join("|", credential.CacheKey, region, projectId, ep, iam);
            return EnvironmentSessions.GetOrAdd(key, _ => Create(region, ep, iam, credential, projectId, null, "Environment"));
        }

        private static Uri UriOrNull(string text, string name)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri)) throw new ArgumentException($"{name} is not an absolute URI: '{text}'.");
            return uri;
        }
    }
}
