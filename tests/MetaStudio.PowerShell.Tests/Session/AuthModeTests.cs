using System.Globalization;
using System;
using System.Linq;
using System.Management.Automation;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;
using static MetaStudio.PowerShell.Tests.Session.SessionTestKit;

namespace MetaStudio.PowerShell.Tests.Session
{
    public class AuthModeTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorHost _emu;

        public AuthModeTests(EmulatorFixture f)
        {
            _emu = f.Emulator;
            _emu.Faults.Reset();
            AddAssetHandlers(_emu);
        }

        [Fact]
        public void AkSk_session_signs_calls()
        {
            using var ps = new PsSession(_emu);
            var r = ps.Run(InvokeMsTestCallCommand.ImportScript + "Invoke-MsTestCall ShowAsset a1").AssertNoErrors();
            Assert.Equal(200, r.Single<int>());
            var call = _emu.Log.All.Last(e => e.Operation == "ShowAsset");
            Assert.Equal(EmulatorOptions.DefaultAccessKey, call.AccessKey);
            Assert.False(call.Headers.ContainsKey("X-Auth-Token"));
        }

        [Fact]
        public void Temporary_keys_work_with_their_security_token_and_fail_without_it()
        {
            using var ps = new PsSession(_emu, connect: false);
            var ok = ps.Run(TemporaryConnect(_emu) + "; " + InvokeMsTestCallCommand.ImportScript + "Invoke-MsTestCall ShowAsset t1").AssertNoErrors();
            Assert.Equal("TemporaryAkSk", ok.All<object>().OfType<MsSession>().Single().AuthMode);
            var call = _emu.Log.All.Last(e => e.Operation == "ShowAsset");
            Assert.Equal(EmulatorOptions.TemporaryAccessKey, call.AccessKey);
            Assert.Equal(EmulatorOptions.TemporarySecurityToken, call.Headers["X-Security-Token"]);

            using var ps2 = new PsSession(_emu, connect: false);
            var bad = ps2.Run(TemporaryConnect(_emu, withToken: false));
            var error = Assert.Single(bad.AllErrors);
            Assert.StartsWith("APIGW.0301", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
            Assert.Contains(_emu.Log.All, e => e.Path == "/v3/projects" && e.Status == 401 && e.AccessKey == null);
        }

        [Fact]
        public void Password_session_calls_with_the_token_and_takes_the_project_from_it()
        {
            using var ps = new PsSession(_emu, connect: false);
            var projectsBefore = Count(_emu, "GET", "/v3/projects");
            var r = ps.Run(PasswordConnect(_emu) + "; " + InvokeMsTestCallCommand.ImportScript + "Invoke-MsTestCall ShowAsset p1").AssertNoErrors();
            var session = r.All<object>().OfType<MsSession>().Single();
            Assert.Equal(EmulatorOptions.ProjectIdFor("cn-north-4"), session.ProjectId);
            Assert.Equal(projectsBefore, Count(_emu, "GET", "/v3/projects"));
            var call = _emu.Log.All.Last(e => e.Operation == "ShowAsset");
            Assert.Equal(200, call.Status);
            Assert.True(_emu.Auth.Tokens.ContainsKey(call.Headers["X-Auth-Token"]));
            Assert.Equal($"{EmulatorOptions.DefaultUser}@{EmulatorOptions.DefaultDomain}", call.AccessKey);
        }

        [Fact]
        public void A_revoked_token_is_replaced_once_and_the_call_succeeds()
        {
            using var ps = new PsSession(_emu, connect: false);
            ps.Run(PasswordConnect(_emu) + "; " + InvokeMsTestCallCommand.ImportScript).AssertNoErrors();
            var tokensBefore = Count(_emu, "POST", "/v3/auth/tokens");
            _emu.Auth.Tokens.Clear();
            _emu.Log.Clear();
            var r = ps.Run("Invoke-MsTestCall ShowAsset r1 -Verbose").AssertNoErrors();
            Assert.Equal(200, r.Single<int>());
            Assert.Equal(new[] { 401, 200 }, _emu.Log.All.Where(e => e.Operation == "ShowAsset").Select(e => e.Status));
            Assert.Equal(1, Count(_emu, "POST", "/v3/auth/tokens"));
            Assert.Contains(r.Verbose, v => v.Contains("getting a new one"));
        }

        [Fact]
        public void Project_lookup_is_cached_per_key_and_region()
        {
            // A region no other test of this class connects to without -ProjectId.
            using var ps = new PsSession(_emu, region: "ap-southeast-3");
            Assert.Equal(EmulatorOptions.ProjectIdFor("ap-southeast-3"), ps.Run("$MsSession.ProjectId").Single<string>());
            var lookups = _emu.Log.All.Count(e => e.Path == "/v3/projects" && e.Query?.Contains("ap-southeast-3") == true);
            Assert.Equal(1, lookups);
            using var second = new PsSession(_emu, region: "ap-southeast-3");
            Assert.Equal(EmulatorOptions.ProjectIdFor("ap-southeast-3"), second.Run("$MsSession.ProjectId").Single<string>());
            Assert.Equal(1, _emu.Log.All.Count(e => e.Path == "/v3/projects" && e.Query?.Contains("ap-southeast-3") == true));
        }

        [Fact]
        public void A_cached_project_lookup_does_not_let_a_wrong_secret_connect()
        {
            using var good = new PsSession(_emu, region: "cn-east-3");
            using var ps = new PsSession(_emu, connect: false);
            var r = ps.Run($"Connect-MsService -Region cn-east-3 -Endpoint '{_emu.BaseUri}' -AccessKey {EmulatorOptions.DefaultAccessKey} -SecretKey 'wrong-secret'");
            Assert.StartsWith("APIGW.0301", Assert.Single(r.AllErrors).FullyQualifiedErrorId);
        }

        [Theory]
        [InlineData("-Region eu-west-0 -Endpoint '{0}' -AccessKey AK -SecretKey 'x'", "MetaStudio.InvalidInput")]
        [InlineData("-Region cn-north-4 -Endpoint 'ftp://127.0.0.1/' -AccessKey AK -SecretKey 'x'", "MetaStudio.InvalidInput")]
        [InlineData("-Region cn-north-4 -Endpoint '{0}' -AccessKey AK -SecretKey 'x' -ProjectId 'a/../b'", "ParameterArgumentValidationError")]
        public void Bad_input_is_rejected_before_any_request(string arguments, string errorId)
        {
            using var ps = new PsSession(_emu, connect: false);
            var before = _emu.Log.All.Count;
            var r = ps.Run("Connect-MsService " + string.Format(CultureInfo.InvariantCulture, arguments, _emu.BaseUri));
            var error = Assert.Single(r.AllErrors);
            Assert.StartsWith(errorId, error.FullyQualifiedErrorId);
            Assert.Empty(r.Output);
            Assert.Equal(before, _emu.Log.All.Count);
        }

        [Fact]
        public void Disconnect_clears_the_default_session()
        {
            using var ps = new PsSession(_emu);
            ps.Run("Get-MsSession").AssertNoErrors();
            ps.Run("Disconnect-MsService").AssertNoErrors();
            var r = ps.Run("Get-MsSession");
            var error = Assert.Single(r.AllErrors);
            Assert.StartsWith("MetaStudio.NotConnected", error.FullyQualifiedErrorId);
            // A call with no session fails as "not connected" too, sending nothing.
            var before = _emu.Log.All.Count;
            var call = ps.Run(InvokeMsTestCallCommand.ImportScript + "Invoke-MsTestCall ShowAsset x");
            Assert.StartsWith("MetaStudio.NotConnected", Assert.Single(call.AllErrors).FullyQualifiedErrorId);
            Assert.Equal(before, _emu.Log.All.Count);
        }

        [Fact]
        public void An_item_failure_is_non_terminating_and_the_script_goes_on()
        {
            using var ps = new PsSession(_emu);
            var r = ps.Run(InvokeMsTestCallCommand.ImportScript + "'missing', 'ok1' | Invoke-MsTestCall ShowAsset; 'after'");
            var error = Assert.Single(r.Errors);
            Assert.StartsWith("MSS.10001001", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Equal("missing", error.TargetObject);
            Assert.Null(r.Terminating);
            Assert.Equal(new object[] { 200, "after" }, r.Output.Select(o => o.BaseObject).ToArray());
        }
    }
}
