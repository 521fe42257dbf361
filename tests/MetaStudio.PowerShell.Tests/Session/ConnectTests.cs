using System;
using System.Linq;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Session
{
    public class ConnectTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorHost _emu;
        public ConnectTests(EmulatorFixture f) => _emu = f.Emulator;

        [Fact]
        public void AkSk_connect_looks_up_the_project_with_a_signed_request()
        {
            using var ps = new PsSession(_emu, connect: false);
            var r = ps.Run($"Connect-MsService -Region cn-east-3 -Endpoint '{_emu.BaseUri}' -AccessKey {EmulatorOptions.DefaultAccessKey} -SecretKey '{EmulatorOptions.DefaultSecretKey}' -Verbose").AssertNoErrors();
            var session = r.Single<MsSession>();
            Assert.Equal(EmulatorOptions.ProjectIdFor("cn-east-3"), session.ProjectId);
            Assert.Contains(_emu.Log.All, e => e.Path == "/v3/projects" && e.Status == 200);
            Assert.Same(session, ps.Run("Get-MsSession").Single<MsSession>());
        }

        [Fact]
        public void Wrong_secret_key_is_a_terminating_authentication_error()
        {
            using var ps = new PsSession(_emu, connect: false);
            var r = ps.Run($"Connect-MsService -Region cn-north-4 -Endpoint '{_emu.BaseUri}' -AccessKey {EmulatorOptions.DefaultAccessKey} -SecretKey 'not-the-key'");
            var error = Assert.Single(r.AllErrors);
            Assert.Equal("APIGW.0301", error.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal(System.Management.Automation.ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
            Assert.Empty(r.Output);
            Assert.DoesNotContain("not-the-key", r.EverythingAsText);
            // A failed connect must not leave a half-made default session behind.
            Assert.Single(ps.Run("Get-MsSession").Errors);
        }

        [Fact]
        public void Connect_has_no_Session_parameter_it_could_not_use_and_Disconnect_needs_none()
        {
            using var ps = new PsSession();
            var parameters = ps.Run("(Get-Command Connect-MsService).Parameters.Keys").AssertNoErrors().All<string>().ToList();
            Assert.Contains("ProfileName", parameters);
            Assert.DoesNotContain("Session", parameters);
            var r = ps.Run("Connect-MsService -Session $null");
            Assert.Contains(r.AllErrors, e => e.FullyQualifiedErrorId.StartsWith("NamedParameterNotFound", StringComparison.Ordinal));
        }

        [Fact]
        public void Password_connect_gets_an_iam_token()
        {
            using var ps = new PsSession(_emu, connect: false);
            var r = ps.Run($"$sec = [securestring]::new(); '{EmulatorOptions.DefaultPassword}'.ToCharArray() | ForEach-Object {{ $sec.AppendChar($_) }}; " +
                           $"$c = [pscredential]::new('{EmulatorOptions.DefaultUser}', $sec); " +
                           $"Connect-MsService -Region cn-north-4 -Endpoint '{_emu.BaseUri}' -Credential $c -DomainName {EmulatorOptions.DefaultDomain}").AssertNoErrors();
            var session = r.Single<MsSession>();
            Assert.Equal("Password", session.AuthMode);
            Assert.Equal(EmulatorOptions.ProjectIdFor("cn-north-4"), session.ProjectId);
            Assert.NotNull(session.TokenExpiresAt);
        }
    }
}
