using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace MetaStudio.Emulator
{
    /// <summary>Who may call the emulator and how it behaves. Defaults are what the README and samples use.</summary>
    public sealed class EmulatorOptions
    {
        public const string DefaultAccessKey = "EMULATORACCESSKEY0001";
        public const string DefaultSecretKey = "emulator-secret-key-0001";
        public const string TemporaryAccessKey = "EMULATORTEMPORARYAK01";
        public const string TemporarySecretKey = "emulator-temporary-sk";
        public const string TemporarySecurityToken = "emulator-security-token";
        public const string DefaultDomain = "emulator-domain";
        public const string DefaultUser = "emulator-user";
        public const string DefaultPassword = "emulator-password";
        /// <summary>The tenant (account) every default credential belongs to.</summary>
        public const string DefaultTenant = "emulator";
        /// <summary>A second account, to prove calls cannot reach another tenant's projects.</summary>
        public const string OtherTenant = "other-tenant";
        public const string OtherAccessKey = "EMULATOROTHERTENANT01";
        public const string OtherSecretKey = "emulator-other-tenant-sk";

        /// <summary>Loopback port; 0 picks a free one.</summary>
        public int Port { get; set; }

        /// <summary>Access key → secret key.</summary>
        public Dictionary<string, string> AccessKeys { get; } = new Dictionary<string, string>
        {
            [DefaultAccessKey] = DefaultSecretKey,
            [TemporaryAccessKey] = TemporarySecretKey,
            [OtherAccessKey] = OtherSecretKey,
        };

        /// <summary>Access key → its tenant; keys not listed belong to the default tenant.</summary>
        public Dictionary<string, string> AccessKeyTenants { get; } = new Dictionary<string, string>
        {
            [OtherAccessKey] = OtherTenant,
        };

        /// <summary>IAM domain → its tenant; domains not listed are tenants of their own name.</summary>
        public Dictionary<string, string> DomainTenants { get; } = new Dictionary<string, string>
        {
            [DefaultDomain] = DefaultTenant,
        };

        /// <summary>The tenant a caller (an access key, or user@domain from a token) belongs to.</summary>
        [return: NotNullIfNotNull(nameof(caller))]
        public string? TenantOf(string? caller)
        {
            if (caller == null) return null;
            var at = caller.LastIndexOf('@');
            if (at >= 0)
            {
                var domain = caller.Substring(at + 1);
                return DomainTenants.TryGetValue(domain, out var t) ? t : domain;
            }
            return AccessKeyTenants.TryGetValue(caller, out var tenant) ? tenant : DefaultTenant;
        }

        /// <summary>Access key → the security token it must come with (temporary credentials).</summary>
        public Dictionary<string, string> SecurityTokens { get; } = new Dictionary<string, string>
        {
            [TemporaryAccessKey] = TemporarySecurityToken,
        };

        /// <summary>(domain, user) → password, for IAM token requests.</summary>
        public Dictionary<(string Domain, string User), string> Users { get; } = new Dictionary<(string, string), string>
        {
            [(DefaultDomain, DefaultUser)] = DefaultPassword,
        };

        /// <summary>The identity provider id of the emulator's OIDC federation (HUAWEICLOUD_SDK_IDP_ID).</summary>
        public const string FederationIdpId = "emulator-oidc";
        /// <summary>ID tokens the emulator's identity provider accepts start with this (HUAWEICLOUD_SDK_ID_TOKEN_FILE holds one).</summary>
        public const string FederationIdTokenPrefix = "emulator-id-token";

        /// <summary>
        /// How long the temporary keys handed out by the ECS metadata service and the federation exchange live;
        /// shorten it to watch sessions renew them.
        /// </summary>
        public TimeSpan TemporaryCredentialLifetime { get; set; } = TimeSpan.FromHours(1);

        /// <summary>Whether the emulated ECS instance has an agency; without one the metadata service refuses securitykey.</summary>
        public bool EcsAgencyConfigured { get; set; } = true;

        /// <summary>Whether the metadata service demands X-Metadata-Token (true), or answers 404 to the token PUT and serves without (false).</summary>
        public bool MetadataRequiresToken { get; set; } = true;

        /// <summary>When set, requests that come in proxy form (absolute URI) must carry Basic Proxy-Authorization for this user and password.</summary>
        public string? ProxyUser { get; set; }
        public string? ProxyPassword { get; set; }

        /// <summary>How long IAM tokens live; shorten it to watch sessions renew them.</summary>
        public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(24);

        /// <summary>
        /// Check every answer against the official response model, and every request a module cmdlet sends
        /// against its [MsApi] attribute; a violation is answered 500 (EMU.*) and recorded in Conformance.
        /// Requests are always checked against the official request model.
        /// </summary>
        public bool StrictConformance { get; set; } = true;

        /// <summary>Reject calls over the catalog's per-region rate with 429 APIGW.0308.</summary>
        public bool EnforceRateLimits { get; set; } = true;

        /// <summary>
        /// How many seconds of calls the service's bucket holds (its burst): each (tenant, region, API) bucket holds
        /// max(1, limit × this) calls and refills at the limit. 1 (the default) lets a full second of calls through at once;
        /// 0 is a strict bucket with no burst, where two calls must be 1/limit apart. Read on every call, so a test or a
        /// benchmark may change it while the emulator runs (buckets already drained keep their balance).
        /// </summary>
        public double RateLimitBurst { get; set; } = 1;

        /// <summary>How far X-Sdk-Date may be from the emulator's clock.</summary>
        public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(15);

        /// <summary>
        /// The clock of the emulated jobs (video, live, model and voice training, TTS) and of the times they report.
        /// Tests give a FakeTimeProvider to move jobs through their states without waiting. Signatures, tokens and
        /// the rate gate keep the real clock: they check what the client's real clock signed.
        /// </summary>
        public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

        /// <summary>How long a video task spends WAITING and then PROCESSING.</summary>
        public TimeSpan JobWaitingTime { get; set; } = TimeSpan.FromMilliseconds(300);
        public TimeSpan JobProcessingTime { get; set; } = TimeSpan.FromMilliseconds(700);

        /// <summary>How long a submitted avatar training job spends AUTO_VERIFYING and then TRAINING.</summary>
        public TimeSpan ModelVerifyTime { get; set; } = TimeSpan.FromMilliseconds(300);
        public TimeSpan ModelTrainingTime { get; set; } = TimeSpan.FromMilliseconds(700);

        /// <summary>How long a TTS audition takes to produce its file.</summary>
        public TimeSpan TtsTime { get; set; } = TimeSpan.FromMilliseconds(500);

        /// <summary>The project id IAM reports for a region of the default tenant: stable, 32 hex characters like the real ones.</summary>
        public static string ProjectIdFor(string region) => ProjectIdFor(region, DefaultTenant);

        /// <summary>The project id of a tenant's region (each tenant has one project per region).</summary>
        public static string ProjectIdFor(string region, string tenant)
        {
            // The default tenant keeps the ids it always had, so saved ids and tests stay valid.
            var seed = tenant == DefaultTenant ? "metastudio-emulator:" + region : $"metastudio-emulator:{tenant}:{region}";
            return Convert.ToHexString(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(seed))).ToLowerInvariant();
        }
    }
}
