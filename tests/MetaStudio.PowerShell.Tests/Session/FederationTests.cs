using System;
using System.IO;
using System.Linq;
using System.Threading;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Core.Auth;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;
using static MetaStudio.PowerShell.Tests.Session.SessionTestKit;

namespace MetaStudio.PowerShell.Tests.Session
{
    /// <summary>OIDC federation: an ID token file exchanged through the emulator's IAM for temporary keys, renewed with the file read again.</summary>
    public class FederationTests : IClassFixture<ShortKeysEmulatorFixture>, IClassFixture<EmulatorFixture>, System.IDisposable
    {
        private readonly EmulatorHost _short;
        private readonly EmulatorHost _emu;
        private readonly TempFolder _temp = new();

        public FederationTests(ShortKeysEmulatorFixture shortKeys, EmulatorFixture normal)
        {
            _short = shortKeys.Emulator;
            _emu = normal.Emulator;
            AddAssetHandlers(_short);
            AddAssetHandlers(_emu);
        }

        public void Dispose() => _temp.Dispose();

        /// <summary>A [fed] profile pointing every endpoint at <paramref name="emu"/>; returns the credentials file.</summary>
        private string Profile(EmulatorHost emu, string tokenFile, string idp = EmulatorOptions.FederationIdpId)
            => _temp.Write("credentials", $"[fed]\nidp_id = {idp}\nid_token_file = {tokenFile}\nregion = cn-north-4\n" +
                                          $"metastudio_endpoint = {emu.BaseUri}\niam_endpoint = {emu.BaseUri}\n");

        private static string Connect(string file, string extra = "") => $"$MsSession = Connect-MsService -ProfileName fed -CredentialsFile {TempFolder.Quote(file)} {extra}; $MsSession";

        [Fact]
        public void The_ID_token_is_exchanged_through_IAM_as_the_SDK_does_and_the_keys_sign()
        {
            var token = _temp.Write("id-token", EmulatorOptions.FederationIdTokenPrefix + "-first\n");
            var file = Profile(_emu, token);
            using var ps = new PsSession(_emu, connect: false);
            var r = ps.Run(Connect(file, "-Verbose") + "; Get-MsSession | Out-Host; " + InvokeMsTestCallCommand.ImportScript + "Invoke-MsTestCall ShowAsset f1").AssertNoErrors();
            var session = r.All<object>().OfType<MsSession>().Single();
            Assert.Equal(("Federation", "TemporaryAkSk"), (session.CredentialSource, session.AuthMode));
            Assert.NotNull(session.CredentialExpiresAt);

            var exchange = _emu.Log.All.Last(e => e.Path == "/v3.0/OS-AUTH/id-token/tokens");
            Assert.Equal(("POST", 201, EmulatorOptions.FederationIdpId), (exchange.Method, exchange.Status, exchange.Headers["X-Idp-Id"]));
            Assert.Equal(EmulatorOptions.FederationIdTokenPrefix + "-first", _emu.Federation.IdTokensReceived.Last());   // trimmed, as the SDK does
            Assert.Equal(201, _emu.Log.All.Last(e => e.Path == "/v3.0/OS-CREDENTIAL/securitytokens").Status);
            var call = _emu.Log.All.Last(e => e.Operation == "ShowAsset");
            Assert.Equal((200, session.Identity), (call.Status, call.AccessKey));
            Assert.NotNull(call.AccessKey);
            Assert.Equal(_emu.Auth.TemporaryKeys[call.AccessKey].SecurityToken, call.Headers["X-Security-Token"]);
            Assert.Contains("Federation", r.HostText);

            var keys = _emu.Auth.TemporaryKeys[call.AccessKey];
            var everything = r.EverythingAsText + ps.Host.Text;
            Assert.DoesNotContain(EmulatorOptions.FederationIdTokenPrefix + "-first", everything);
            Assert.DoesNotContain(keys.Secret, everything);
            Assert.DoesNotContain(keys.SecurityToken, everything);
        }

        [Fact]
        public void Keys_are_renewed_before_expiry_with_the_token_file_read_again()
        {
            var token = _temp.Write("id-token", EmulatorOptions.FederationIdTokenPrefix + "-one");
            var file = Profile(_short, token);
            using var ps = new PsSession(_short, connect: false);
            ps.Run(Connect(file) + "; " + InvokeMsTestCallCommand.ImportScript + "Invoke-MsTestCall ShowAsset g1").AssertNoErrors();
            var firstKey = _short.Log.All.Last(e => e.Operation == "ShowAsset").AccessKey;

            // The platform rotates the ID token; the next renewal must use the new one.
            File.WriteAllText(token, EmulatorOptions.FederationIdTokenPrefix + "-two");
            Thread.Sleep(ShortKeysEmulatorFixture.Lifetime * 0.85);
            var r = ps.Run("Invoke-MsTestCall ShowAsset g2 -Verbose").AssertNoErrors();
            Assert.Equal(200, r.Single<int>());
            Assert.NotEqual(firstKey, _short.Log.All.Last(e => e.Operation == "ShowAsset").AccessKey);
            Assert.Equal(EmulatorOptions.FederationIdTokenPrefix + "-two", _short.Federation.IdTokensReceived.Last());
            Assert.Contains(r.Verbose, v => v.StartsWith("Renewing the federated credentials", StringComparison.Ordinal));
            Assert.DoesNotContain(_short.Log.All, e => e.Operation == "ShowAsset" && e.Status == 401);
        }

        [Fact]
        public void A_token_IAM_refuses_is_a_terminating_authentication_error_that_shows_no_token()
        {
            var token = _temp.Write("id-token", "not-a-valid-oidc-token");
            var file = Profile(_emu, token);
            using var ps = new PsSession(_emu, connect: false);
            var r = ps.Run(Connect(file));
            var error = Assert.Single(r.AllErrors);
            Assert.StartsWith("MetaStudio.IamAuthenticationFailed", error.FullyQualifiedErrorId);
            Assert.Equal(System.Management.Automation.ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
            Assert.Contains(EmulatorOptions.FederationIdpId, error.Exception.Message);
            Assert.Contains(token, error.Exception.Message);                       // the file, named
            Assert.DoesNotContain("not-a-valid-oidc-token", r.EverythingAsText);   // its content, never
        }

        [Fact]
        public void A_missing_or_empty_token_file_is_named_in_the_error()
        {
            var missing = Path.Combine(_temp.Path, "no-such-token");
            using var ps = new PsSession(_emu, connect: false);
            var r = ps.Run(Connect(Profile(_emu, missing)));
            var error = Assert.Single(r.AllErrors);
            Assert.StartsWith(CredentialException.IdTokenUnreadable, error.FullyQualifiedErrorId);
            Assert.Contains(missing, error.Exception.Message);

            var empty = _temp.Write("empty-token", "  \n");
            var r2 = ps.Run(Connect(Profile(_emu, empty)));
            Assert.Contains("is empty", Assert.Single(r2.AllErrors).Exception.Message);
        }
    }

    /// <summary>Federation from HUAWEICLOUD_SDK_IDP_ID and HUAWEICLOUD_SDK_ID_TOKEN_FILE.</summary>
    [Collection(EnvironmentCollection.Name)]
    public class FederationEnvironmentTests : EnvironmentTestBase, IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorHost _emu;

        public FederationEnvironmentTests(EmulatorFixture f)
        {
            _emu = f.Emulator;
            AddAssetHandlers(_emu);
        }

        [Fact]
        public void The_environment_names_the_identity_provider_and_token_file_and_federation_wins_over_keys()
        {
            var token = Temp.Write("id-token", EmulatorOptions.FederationIdTokenPrefix + "-env");
            Set(SessionFactory.EnvIdpId, EmulatorOptions.FederationIdpId);
            Set(SessionFactory.EnvIdTokenFile, token);
            Set(SessionFactory.EnvIamEndpoint, _emu.BaseUri.ToString());
            Set(RegionEndpointVariable, _emu.BaseUri.ToString());
            // AK/SK too: as in the SDK (credential_provider.go fillCommonAttrs), an IdP with a token file goes first.
            Set(SessionFactory.EnvAccessKey, EmulatorOptions.OtherAccessKey);
            Set(SessionFactory.EnvSecretKey, EmulatorOptions.OtherSecretKey);
            using var ps = new PsSession(_emu, connect: false);
            var r = ps.Run("Connect-MsService -Region cn-north-4 -Verbose; " + InvokeMsTestCallCommand.ImportScript + "Invoke-MsTestCall ShowAsset v1").AssertNoErrors();
            var session = r.All<object>().OfType<MsSession>().Single();
            Assert.Equal("Federation", session.CredentialSource);
            Assert.StartsWith("EMUTEMP", _emu.Log.All.Last(e => e.Operation == "ShowAsset").AccessKey);
            Assert.Equal(EmulatorOptions.FederationIdTokenPrefix + "-env", _emu.Federation.IdTokensReceived.Last());
            Assert.Contains(r.Verbose, v => v.Contains("environment chosen: OIDC federation"));
        }
    }
}
