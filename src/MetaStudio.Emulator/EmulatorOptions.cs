using System;
using System.Collections.Generic;

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

        /// <summary>Loopback port; 0 picks a free one.</summary>
        public int Port { get; set; }

        /// <summary>Access key → secret key.</summary>
        public Dictionary<string, string> AccessKeys { get; } = new Dictionary<string, string>
        {
            [DefaultAccessKey] = DefaultSecretKey,
            [TemporaryAccessKey] = TemporarySecretKey,
        };

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

        /// <summary>How long IAM tokens live; shorten it to watch sessions renew them.</summary>
        public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(24);

        /// <summary>Reject calls over the catalog's per-region rate with 429 APIGW.0308.</summary>
        public bool EnforceRateLimits { get; set; } = true;

        /// <summary>How far X-Sdk-Date may be from the emulator's clock.</summary>
        public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(15);

        /// <summary>How long a video task spends WAITING and then PROCESSING.</summary>
        public TimeSpan JobWaitingTime { get; set; } = TimeSpan.FromMilliseconds(300);
        public TimeSpan JobProcessingTime { get; set; } = TimeSpan.FromMilliseconds(700);

        /// <summary>How long a TTS audition takes to produce its file.</summary>
        public TimeSpan TtsTime { get; set; } = TimeSpan.FromMilliseconds(500);

        /// <summary>The project id IAM reports for a region: stable, 32 hex characters like the real ones.</summary>
        public static string ProjectIdFor(string region)
        {
            using var md5 = System.Security.Cryptography.MD5.Create();
            return Convert.ToHexString(md5.ComputeHash(System.Text.Encoding.UTF8.GetBytes("metastudio-emulator:" + region))).ToLowerInvariant();
        }
    }
}
