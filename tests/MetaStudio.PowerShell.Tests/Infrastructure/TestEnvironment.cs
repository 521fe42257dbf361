using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using MetaStudio.PowerShell.Core.Auth;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.RateLimiting;

namespace MetaStudio.PowerShell.Tests.Infrastructure
{
    /// <summary>
    /// Set before any test runs: nothing may leave the machine (METASTUDIO_LOOPBACK_ONLY, so a forgotten endpoint,
    /// the default ECS metadata address 169.254.169.254 included, fails the test instead of reaching out), the
    /// developer's own credentials (HUAWEICLOUD_SDK_* variables, ~/.huaweicloud/credentials) and proxies are not
    /// seen, and HUAWEICLOUD_SDK_CREDENTIALS_FILE names a file that does not exist.
    /// </summary>
    internal static class TestEnvironment
    {
        /// <summary>Where the credentials file "is" for tests that do not make their own: nowhere.</summary>
        public static readonly string NoCredentialsFile = Path.Combine(Path.GetTempPath(), "metastudio-tests-no-credentials-" + Environment.ProcessId, "credentials");

        public static readonly string[] ProxyVariables = { "HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy" };

        [ModuleInitializer]
        internal static void Initialize()
        {
            foreach (var name in Environment.GetEnvironmentVariables().Keys.Cast<string>()
                         .Where(n => n.StartsWith("HUAWEICLOUD_SDK_", StringComparison.OrdinalIgnoreCase)
                                     || n.Equals(CredentialChain.EnvCredentialSource, StringComparison.OrdinalIgnoreCase)
                                     || n.Equals(CredentialChain.EnvMetadataEndpoint, StringComparison.OrdinalIgnoreCase)).ToList())
                Environment.SetEnvironmentVariable(name, null);
            foreach (var name in ProxyVariables) Environment.SetEnvironmentVariable(name, null);
            // A developer's shared rate-limit store is not the tests' (they name their own Redis).
            Environment.SetEnvironmentVariable(RateLimitStoreAddress.Variable, null);
            Environment.SetEnvironmentVariable(RateLimitStoreAddress.ShareVariable, null);
            Environment.SetEnvironmentVariable(CredentialsFile.PathVariable, NoCredentialsFile);
            Environment.SetEnvironmentVariable(NetworkGuard.Variable, "1");
        }
    }
}
