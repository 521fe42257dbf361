using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Security;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;
using static MetaStudio.PowerShell.Tests.Session.SessionTestKit;

namespace MetaStudio.PowerShell.Tests.Session
{
    /// <summary>No secret reaches any stream, error, host text, ToString or property, in any auth mode.</summary>
    public class SecretTests : IClassFixture<EmulatorFixture>
    {
        private const string Noisy = "$VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; ";
        private readonly EmulatorHost _emu;

        public SecretTests(EmulatorFixture f)
        {
            _emu = f.Emulator;
            AddAssetHandlers(_emu);
        }

        private IEnumerable<string> Secrets() => new[]
        {
            EmulatorOptions.DefaultSecretKey, EmulatorOptions.TemporarySecretKey, EmulatorOptions.TemporarySecurityToken, EmulatorOptions.DefaultPassword,
        }.Concat(_emu.Auth.Tokens.Keys)
            .Concat(_emu.Auth.TemporaryKeys.Values.SelectMany(k => new[] { k.Secret, k.SecurityToken }))
            .Concat(_emu.Federation.IdTokensReceived);

        // Show everything a user could look at: the object, its formatted view, each property, errors.
        private const string Inspect = "; $MsSession.ToString(); $MsSession | Out-Host; " +
            "$MsSession.PSObject.Properties | ForEach-Object { '{0}={1}' -f $_.Name, $_.Value }; Get-MsSession -Verbose | Out-Host; " +
            "Invoke-MsTestCall ShowAsset a1 -Verbose; Invoke-MsTestCall ShowAsset missing -Verbose; $Error | Out-Host";

        [Theory]
        [InlineData("AkSk", "AkSk")]
        [InlineData("TemporaryAkSk", "TemporaryAkSk")]
        [InlineData("Password", "Password")]
        [InlineData("EcsAgency", "TemporaryAkSk")]
        [InlineData("Federation", "TemporaryAkSk")]
        public void No_secret_in_any_output(string mode, string authMode)
        {
            using var ps = new PsSession(_emu, connect: false);
            using var temp = new TempFolder();
            var profile = temp.Write("credentials", $"[fed]\nidp_id = {EmulatorOptions.FederationIdpId}\nid_token_file = {temp.Write("token", EmulatorOptions.FederationIdTokenPrefix + "-secret-test")}\n");
            var connect = mode switch
            {
                "AkSk" => $"$MsSession = Connect-MsService -Region cn-east-3 -Endpoint '{_emu.BaseUri}' -AccessKey {EmulatorOptions.DefaultAccessKey} -SecretKey '{EmulatorOptions.DefaultSecretKey}' -Verbose -RetryTimeLimitSec 30; $MsSession",
                "TemporaryAkSk" => TemporaryConnect(_emu, extra: "-Verbose"),
                "EcsAgency" => $"$MsSession = Connect-MsService -Region cn-north-4 -Endpoint '{_emu.BaseUri}' -EcsAgency -MetadataEndpoint '{_emu.BaseUri}' -Verbose; $MsSession",
                "Federation" => $"$MsSession = Connect-MsService -Region cn-north-4 -Endpoint '{_emu.BaseUri}' -ProfileName fed -CredentialsFile '{profile}' -Verbose; $MsSession",
                _ => PasswordConnect(_emu, "-Verbose"),
            };
            var r = ps.Run(Noisy + InvokeMsTestCallCommand.ImportScript + connect + Inspect);
            Assert.Single(r.Errors); // the 'missing' asset, on purpose
            Assert.Contains(r.Output, o => o.BaseObject is MsSession s && s.AuthMode == authMode && (mode.Contains("AkSk") || mode == "Password" || s.CredentialSource == mode));
            Assert.NotEmpty(r.Verbose);
            Assert.NotEmpty(r.Debug);
            Assert.Contains(r.Output, o => o.BaseObject is string s && s.StartsWith("AuthMode=", StringComparison.Ordinal));

            var text = r.EverythingAsText + "\n" + ps.Host.Text;
            foreach (var secret in Secrets()) Assert.DoesNotContain(secret, text);

            // The password and tokens are secret too when a connect fails.
            var failed = ps.Run(Noisy + $"$sec = [securestring]::new(); 'not-the-password'.ToCharArray() | ForEach-Object {{ $sec.AppendChar($_) }}; " +
                $"Connect-MsService -Region cn-north-4 -Endpoint '{_emu.BaseUri}' -Credential ([pscredential]::new('{EmulatorOptions.DefaultUser}', $sec)) -DomainName {EmulatorOptions.DefaultDomain} -Verbose");
            Assert.Single(failed.AllErrors);
            Assert.DoesNotContain("not-the-password", failed.EverythingAsText);
        }

        [Fact]
        public void A_plain_string_secret_key_is_accepted_and_only_a_SecureString_is_kept()
        {
            using var ps = new PsSession(_emu); // passes -SecretKey as a plain string
            var session = ps.Run("$MsSession").Single<MsSession>();
            var strings = new List<string>();
            var secureStrings = 0;
            Walk(session, strings, ref secureStrings, new HashSet<object>(ReferenceEqualityComparer.Instance), 0);
            Assert.True(secureStrings >= 1);
            Assert.DoesNotContain(EmulatorOptions.DefaultSecretKey, string.Join("\n", strings));
            Assert.DoesNotContain(EmulatorOptions.DefaultSecretKey, session.ToString());
        }

        /// <summary>Every string and SecureString reachable from the session's own fields (not the HttpClient's).</summary>
        private static void Walk(object? value, List<string> strings, ref int secure, HashSet<object> seen, int depth)
        {
            if (value == null || depth > 4 || !seen.Add(value)) return;
            switch (value)
            {
                case string s: strings.Add(s); return;
                case SecureString: secure++; return;
                case System.Net.Http.HttpClient: return;
                case System.Threading.SemaphoreSlim: return;
            }
            var type = value.GetType();
            if (type.IsPrimitive || type.IsEnum || type.Namespace?.StartsWith("MetaStudio", StringComparison.Ordinal) != true) return;
            for (var t = type; t != null; t = t.BaseType)
                foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                    Walk(field.GetValue(value), strings, ref secure, seen, depth + 1);
        }
    }
}
