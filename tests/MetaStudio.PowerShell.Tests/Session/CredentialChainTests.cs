using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Core.Auth;
using MetaStudio.PowerShell.Tests.Infrastructure;
using MetaStudio.PowerShell.Core.Errors;
using Xunit;
using static MetaStudio.PowerShell.Tests.Session.SessionTestKit;

namespace MetaStudio.PowerShell.Tests.Session
{
    /// <summary>Process environment variables are global: these tests run alone.</summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class EnvironmentCollection
    {
        public const string Name = "Environment variables";
    }

    /// <summary>
    /// Saves every variable these tests touch and puts it back afterwards; starts each test with none of the
    /// credential, endpoint and proxy variables set and the credentials file pointed at a test folder.
    /// </summary>
    public abstract class EnvironmentTestBase : IDisposable
    {
        protected static readonly string RegionEndpointVariable = SessionFactory.RegionEndpointVariable("cn-north-4");

        private static readonly string[] Names = new[]
        {
            SessionFactory.EnvAccessKey, SessionFactory.EnvSecretKey, SessionFactory.EnvSecurityToken, SessionFactory.EnvProjectId,
            SessionFactory.EnvRegion, SessionFactory.EnvEndpoint, SessionFactory.EnvIamEndpoint, SessionFactory.EnvIdpId, SessionFactory.EnvIdTokenFile,
            CredentialsFile.PathVariable, CredentialChain.EnvCredentialSource, CredentialChain.EnvMetadataEndpoint, RegionEndpointVariable, SessionFactory.RegionEndpointVariable("cn-east-3"), SessionFactory.RegionEndpointVariable("ap-southeast-3"),
        }.Concat(TestEnvironment.ProxyVariables).ToArray();

        private readonly Dictionary<string, string?> _saved = Names.ToDictionary(n => n, Environment.GetEnvironmentVariable);
        protected readonly TempFolder Temp = new();

        protected EnvironmentTestBase()
        {
            foreach (var n in Names) Environment.SetEnvironmentVariable(n, null);
            CredentialsFilePath = Temp.File("credentials");
            Environment.SetEnvironmentVariable(CredentialsFile.PathVariable, CredentialsFilePath);
        }

        /// <summary>What HUAWEICLOUD_SDK_CREDENTIALS_FILE names during the test (it does not exist until a test writes it).</summary>
        protected string CredentialsFilePath { get; }

        protected static void Set(string name, string? value) => Environment.SetEnvironmentVariable(name, value);

        public virtual void Dispose()
        {
            foreach (var (name, value) in _saved) Environment.SetEnvironmentVariable(name, value);
            Temp.Dispose();
        }
    }

    [Collection(EnvironmentCollection.Name)]
    public class CredentialChainTests : EnvironmentTestBase, IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorHost _emu;

        public CredentialChainTests(EmulatorFixture f)
        {
            _emu = f.Emulator;
            AddAssetHandlers(_emu);
        }

        private void SetEnvironment(string ak = EmulatorOptions.DefaultAccessKey, string sk = EmulatorOptions.DefaultSecretKey, string? region = null, string? projectId = null, string? token = null)
        {
            Set(SessionFactory.EnvAccessKey, ak);
            Set(SessionFactory.EnvSecretKey, sk);
            Set(SessionFactory.EnvSecurityToken, token);
            Set(SessionFactory.EnvRegion, region);
            Set(SessionFactory.EnvProjectId, projectId);
            foreach (var r in new[] { "cn-north-4", "cn-east-3", "ap-southeast-3" }) Set(SessionFactory.RegionEndpointVariable(r), _emu.BaseUri.ToString());
        }

        private void WriteFile(string text) => File.WriteAllText(CredentialsFilePath, text);

        private string BasicProfile(string ak = EmulatorOptions.DefaultAccessKey, string sk = EmulatorOptions.DefaultSecretKey, string extra = "")
            => $"[basic]\nak = {ak}\nsk = {sk}\nregion = cn-north-4\nmetastudio_endpoint = {_emu.BaseUri}\n{extra}";

        [Fact]
        public void Connect_with_only_a_region_uses_the_environment()
        {
            SetEnvironment();
            using var ps = new PsSession(_emu, connect: false);
            var session = ps.Run("Connect-MsService -Region cn-east-3").AssertNoErrors().Single<MsSession>();
            Assert.Equal("Environment", session.CredentialSource);
            Assert.Equal(EmulatorOptions.DefaultAccessKey, session.Identity);
            Assert.Equal("cn-east-3", session.Region);
            Assert.Equal(EmulatorOptions.ProjectIdFor("cn-east-3"), session.ProjectId);
            Assert.Equal(_emu.BaseUri, session.Endpoint);
            Assert.Null(session.CredentialExpiresAt);
        }

        [Fact]
        public void Connect_with_only_a_region_and_no_environment_uses_the_credentials_file()
        {
            WriteFile(BasicProfile());
            using var ps = new PsSession(_emu, connect: false);
            var r = ps.Run("Connect-MsService -Region cn-north-4 -Verbose; " + InvokeMsTestCallCommand.ImportScript + "Invoke-MsTestCall ShowAsset f1").AssertNoErrors();
            var session = r.All<object>().OfType<MsSession>().Single();
            Assert.Equal("File:basic", session.CredentialSource);
            Assert.Equal(_emu.BaseUri, session.Endpoint);
            Assert.Equal(EmulatorOptions.DefaultAccessKey, _emu.Log.All.Last(e => e.Operation == "ShowAsset").AccessKey);
            // -Verbose says why the earlier sources were skipped and which one was chosen.
            Assert.Contains(r.Verbose, v => v.Contains("parameters skipped"));
            Assert.Contains(r.Verbose, v => v.Contains("environment skipped") && v.Contains(SessionFactory.EnvAccessKey));
            Assert.Contains(r.Verbose, v => v.Contains("[basic] chosen"));
        }

        [Fact]
        public void The_environment_wins_over_the_file_and_parameters_win_over_both()
        {
            WriteFile(BasicProfile(ak: EmulatorOptions.OtherAccessKey, sk: EmulatorOptions.OtherSecretKey));
            SetEnvironment(region: "cn-north-4");
            using var ps = new PsSession(_emu, connect: false);
            Assert.Equal("Environment", ps.Run("Connect-MsService").AssertNoErrors().Single<MsSession>().CredentialSource);

            Set(SessionFactory.EnvAccessKey, "ENVKEYTHATDOESNOTEXIST");
            var session = ps.Run($"Connect-MsService -Region cn-north-4 -AccessKey {EmulatorOptions.DefaultAccessKey} -SecretKey '{EmulatorOptions.DefaultSecretKey}' -WarningAction SilentlyContinue")
                .AssertNoErrors().Single<MsSession>();
            Assert.Equal("Parameter", session.CredentialSource);
            Assert.Equal(EmulatorOptions.DefaultAccessKey, session.Identity);

            // Without the environment, the file's account (a different tenant) is the one used.
            Set(SessionFactory.EnvAccessKey, null);
            Set(SessionFactory.EnvSecretKey, null);
            var fromFile = ps.Run("Connect-MsService").AssertNoErrors().Single<MsSession>();
            Assert.Equal(("File:basic", EmulatorOptions.OtherAccessKey), (fromFile.CredentialSource, fromFile.Identity));
            Assert.Equal(EmulatorOptions.ProjectIdFor("cn-north-4", EmulatorOptions.OtherTenant), fromFile.ProjectId);
        }

        [Fact]
        public void Half_set_environment_is_skipped_with_a_warning_and_the_file_is_used()
        {
            WriteFile(BasicProfile());
            Set(SessionFactory.EnvAccessKey, "ONLYTHEACCESSKEY");
            using var ps = new PsSession(_emu, connect: false);
            var r = ps.Run("Connect-MsService").AssertNoErrors();
            Assert.Equal("File:basic", r.Single<MsSession>().CredentialSource);
            Assert.Contains(r.Warnings, w => w.Contains($"Only {SessionFactory.EnvAccessKey}"));
        }

        [Fact]
        public void Environment_gives_region_project_and_security_token()
        {
            SetEnvironment(EmulatorOptions.TemporaryAccessKey, EmulatorOptions.TemporarySecretKey, "cn-north-4", EmulatorOptions.ProjectIdFor("cn-north-4"), EmulatorOptions.TemporarySecurityToken);
            using var ps = new PsSession(_emu, connect: false);
            var before = _emu.Log.All.Count(e => e.Path == "/v3/projects");
            var r = ps.Run("$s = Connect-MsService; $s.AuthMode; " + InvokeMsTestCallCommand.ImportScript + "Invoke-MsTestCall ShowAsset e1").AssertNoErrors();
            Assert.Equal(new object[] { "TemporaryAkSk", 200 }, r.Output.Select(o => o.BaseObject).ToArray());
            Assert.Equal(before, _emu.Log.All.Count(e => e.Path == "/v3/projects")); // project from the environment
            Assert.Equal(EmulatorOptions.TemporarySecurityToken, _emu.Log.All.Last(e => e.Operation == "ShowAsset").Headers["X-Security-Token"]);
        }

        [Fact]
        public void Parameters_win_over_the_environment()
        {
            SetEnvironment(ak: "ENVKEYTHATDOESNOTEXIST", sk: "env-secret", region: "ap-southeast-3");
            using var ps = new PsSession(_emu, connect: false);
            var session = ps.Run($"Connect-MsService -Region cn-north-4 -Endpoint '{_emu.BaseUri}' -AccessKey {EmulatorOptions.DefaultAccessKey} -SecretKey '{EmulatorOptions.DefaultSecretKey}'")
                .Single<MsSession>();
            Assert.Equal("Parameter", session.CredentialSource);
            Assert.Equal(EmulatorOptions.DefaultAccessKey, session.Identity);
            Assert.Equal("cn-north-4", session.Region);
        }

        [Fact]
        public void The_session_wins_over_the_environment_and_a_call_without_one_uses_the_environment()
        {
            SetEnvironment(ak: "ENVKEYTHATDOESNOTEXIST", sk: "env-secret", region: "cn-north-4", projectId: EmulatorOptions.ProjectIdFor("cn-north-4"));
            using var ps = new PsSession(_emu); // default session from parameters
            var r = ps.Run(InvokeMsTestCallCommand.ImportScript + "Invoke-MsTestCall ShowAsset s1").AssertNoErrors();
            Assert.Equal(EmulatorOptions.DefaultAccessKey, _emu.Log.All.Last(e => e.Operation == "ShowAsset").AccessKey);

            // No default session: the environment's (unknown) key is used, so the call is refused, terminating.
            using var bare = new PsSession(_emu, connect: false);
            _emu.Log.Clear();
            var env = bare.Run(InvokeMsTestCallCommand.ImportScript + "$DebugPreference = 'Continue'; 's2', 's3' | Invoke-MsTestCall ShowAsset; 'after'");
            // An authentication failure is terminating: the pipeline stops at the first item (s3 is never sent).
            var error = Assert.Single(env.AllErrors);
            Assert.Equal(new[] { "s2" }, _emu.Log.All.Where(e => e.Operation == "ShowAsset").Select(e => e.Path.Split('/').Last()));
            Assert.Equal("after", env.Output.Last().BaseObject);
            Assert.True(error.FullyQualifiedErrorId.StartsWith("APIGW.0301", StringComparison.Ordinal), error.FullyQualifiedErrorId + ": " + error.Exception);
            Assert.Contains(env.Debug, d => d.Contains("Session from Environment"));
        }

        [Fact]
        public void A_call_without_a_session_uses_the_credentials_file_and_says_so()
        {
            WriteFile(BasicProfile());
            using var ps = new PsSession(_emu, connect: false);
            var r = ps.Run(InvokeMsTestCallCommand.ImportScript + "Invoke-MsTestCall ShowAsset i1 -Verbose").AssertNoErrors();
            Assert.Equal(200, r.Single<int>());
            Assert.Contains(r.Verbose, v => v.StartsWith("Session: none connected", StringComparison.Ordinal));
            Assert.Contains(r.Verbose, v => v.Contains("environment skipped"));
            Assert.Contains(r.Verbose, v => v.Contains("[basic] chosen"));
        }

        [SkippableFact]
        [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]   // Unix file modes; skipped on Windows
        public void An_implicit_session_warns_about_a_file_others_can_read_once_not_at_every_call()
        {
            Skip.If(System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Windows), "Unix modes");
            WriteFile(BasicProfile(extra: "# one-time warning\n"));
            File.SetUnixFileMode(CredentialsFilePath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
            using var ps = new PsSession(_emu, connect: false);
            var first = ps.Run(InvokeMsTestCallCommand.ImportScript + "Invoke-MsTestCall ShowAsset w1").AssertNoErrors();
            Assert.Contains("can be read by other users (mode 0604)", Assert.Single(first.Warnings));
            var second = ps.Run("Invoke-MsTestCall ShowAsset w2").AssertNoErrors();
            Assert.Empty(second.Warnings);
        }

        [Fact]
        public void Changing_the_environment_changes_the_implicit_session()
        {
            SetEnvironment(ak: "ENVKEYTHATDOESNOTEXIST", sk: "env-secret", region: "cn-north-4", projectId: EmulatorOptions.ProjectIdFor("cn-north-4"));
            using var ps = new PsSession(_emu, connect: false);
            var first = ps.Run(InvokeMsTestCallCommand.ImportScript + "Invoke-MsTestCall ShowAsset c1");
            Assert.StartsWith("APIGW.0301", Assert.Single(first.AllErrors).FullyQualifiedErrorId);
            // Fixing the key in the environment must take effect without a new runspace.
            SetEnvironment(region: "cn-north-4", projectId: EmulatorOptions.ProjectIdFor("cn-north-4"));
            ps.Run("Invoke-MsTestCall ShowAsset c2").AssertNoErrors();
        }

        [Fact]
        public void After_Disconnect_a_call_is_not_connected_even_with_credentials_in_the_environment()
        {
            using var ps = new PsSession(_emu);
            SetEnvironment(ak: EmulatorOptions.OtherAccessKey, sk: EmulatorOptions.OtherSecretKey, region: "cn-north-4");
            ps.Run("Disconnect-MsService").AssertNoErrors();
            var before = _emu.Log.All.Count;
            var r = ps.Run(InvokeMsTestCallCommand.ImportScript + "Invoke-MsTestCall ShowAsset d1");
            var error = Assert.Single(r.AllErrors);
            Assert.StartsWith("MetaStudio.NotConnected", error.FullyQualifiedErrorId);
            Assert.Contains("Connect-MsService", error.ErrorDetails.RecommendedAction);
            Assert.Contains("$MsAllowImplicitCredentials", error.ErrorDetails.RecommendedAction);
            Assert.Equal(before, _emu.Log.All.Count);   // another tenant's keys were not used

            // Explicitly allowed: the environment's account is used, and -Verbose says so.
            var allowed = ps.Run("$MsAllowImplicitCredentials = $true; Invoke-MsTestCall ShowAsset d2 -Verbose").AssertNoErrors();
            Assert.Equal(EmulatorOptions.OtherAccessKey, _emu.Log.All.Last(e => e.Operation == "ShowAsset").AccessKey);
            Assert.Contains(allowed.Verbose, v => v.Contains("environment chosen"));

            // Connecting again ends the disconnected state.
            ps.Run($"$MsAllowImplicitCredentials = $false; Connect-MsService -Region cn-north-4 -Endpoint '{_emu.BaseUri}' -AccessKey {EmulatorOptions.DefaultAccessKey} -SecretKey '{EmulatorOptions.DefaultSecretKey}' -WarningAction SilentlyContinue")
                .AssertNoErrors();
            ps.Run("Invoke-MsTestCall ShowAsset d3").AssertNoErrors();
            Assert.Equal(EmulatorOptions.DefaultAccessKey, _emu.Log.All.Last(e => e.Operation == "ShowAsset").AccessKey);
        }

        [Fact]
        public void After_Disconnect_module_cmdlets_are_not_connected_a_held_session_still_works_and_Verbose_names_each_source()
        {
            using var ps = new PsSession(_emu, connect: false);
            // Another tenant's keys in the environment: what a disconnected script must not fall back to.
            SetEnvironment(ak: EmulatorOptions.OtherAccessKey, sk: EmulatorOptions.OtherSecretKey, region: "cn-north-4");
            var connected = ps.Run($"$held = Connect-MsService -Region cn-north-4 -Endpoint '{_emu.BaseUri}' -AccessKey {EmulatorOptions.DefaultAccessKey} -SecretKey '{EmulatorOptions.DefaultSecretKey}' -WarningAction SilentlyContinue; " +
                                   "Get-MsSession -Verbose; Get-MsAsset -First 1 -Verbose | Out-Null").AssertNoErrors();
            Assert.Equal("Parameter", connected.Single<MsSession>().CredentialSource);
            Assert.Contains(connected.Verbose, v => v.StartsWith("Credentials from Parameter", StringComparison.Ordinal));
            Assert.Contains(connected.Verbose, v => v.Contains("the runspace default") && v.Contains("credentials from Parameter"));

            ps.Run("Disconnect-MsService").AssertNoErrors();
            var before = _emu.Log.All.Count;
            var r = ps.Run("New-MsAsset -Name after-disconnect -Type IMAGE; Get-MsAsset -First 1; Get-MsSession");
            Assert.Equal(3, r.AllErrors.Count());
            Assert.All(r.AllErrors, e => Assert.StartsWith(ErrorCodes.NotConnected, e.FullyQualifiedErrorId));
            Assert.Equal(before, _emu.Log.All.Count);   // nothing sent, with either account

            // A session held in a variable is an explicit choice and keeps working; -Verbose says where it came from.
            var held = ps.Run("Get-MsAsset -First 1 -Session $held -Verbose | Out-Null").AssertNoErrors();
            Assert.Contains(held.Verbose, v => v.Contains("Session: -Session, credentials from Parameter"));
            Assert.Equal(EmulatorOptions.DefaultAccessKey, _emu.Log.All.Last().AccessKey);

            // Allowed explicitly: the environment, and -Verbose names it.
            var allowed = ps.Run("$MsAllowImplicitCredentials = $true; Get-MsAsset -First 1 -Verbose | Out-Null").AssertNoErrors();
            Assert.Contains(allowed.Verbose, v => v.Contains("environment chosen"));
            Assert.Equal(EmulatorOptions.OtherAccessKey, _emu.Log.All.Last().AccessKey);
        }

        [Fact]
        public void The_environment_can_ask_for_the_ECS_agency_and_cmdlets_then_use_it_without_connecting()
        {
            Set(CredentialChain.EnvCredentialSource, "EcsAgency");
            Set(CredentialChain.EnvMetadataEndpoint, _emu.BaseUri.ToString());
            Set(SessionFactory.EnvRegion, "cn-north-4");
            Set(RegionEndpointVariable, _emu.BaseUri.ToString());
            using var ps = new PsSession(_emu, connect: false);
            var r = ps.Run(InvokeMsTestCallCommand.ImportScript + "Invoke-MsTestCall ShowAsset ecs1 -Verbose").AssertNoErrors();
            Assert.Contains(r.Verbose, v => v.Contains("environment chosen: ECS agency credentials"));
            Assert.StartsWith("EMUTEMP", _emu.Log.All.Last(e => e.Operation == "ShowAsset").AccessKey);
            Assert.Equal("EcsAgency", ps.Run("Connect-MsService").AssertNoErrors().Single<MsSession>().CredentialSource);

            Set(CredentialChain.EnvCredentialSource, "Instance");
            var bad = ps.Run("Connect-MsService");
            Assert.StartsWith("MetaStudio.InvalidInput", Assert.Single(bad.AllErrors).FullyQualifiedErrorId);
        }

        [Fact]
        public void No_credentials_anywhere_is_a_clear_error_with_no_request()
        {
            using var ps = new PsSession(_emu, connect: false);
            var before = _emu.Log.All.Count;
            var r = ps.Run($"Connect-MsService -Region cn-north-4 -Endpoint '{_emu.BaseUri}'");
            var error = Assert.Single(r.AllErrors);
            Assert.StartsWith("MetaStudio.NoCredentials", error.FullyQualifiedErrorId);
            Assert.Contains(SessionFactory.EnvAccessKey, error.Exception.Message);
            Assert.Contains(CredentialsFilePath, error.Exception.Message);   // where it looked
            Assert.Equal(before, _emu.Log.All.Count);
        }

        [Fact]
        public void The_region_endpoint_variable_overrides_the_built_in_endpoint_and_Endpoint_wins_over_it()
        {
            SetEnvironment();
            Set(SessionFactory.RegionEndpointVariable("cn-east-3"), null);
            using var ps = new PsSession(_emu, connect: false);
            Assert.Equal("HUAWEICLOUD_SDK_REGION_METASTUDIO_CN_NORTH_4", RegionEndpointVariable);
            var r = ps.Run("Connect-MsService -Region cn-north-4 -Verbose").AssertNoErrors();
            Assert.Equal(_emu.BaseUri, r.Single<MsSession>().Endpoint);
            Assert.Empty(r.Warnings);
            Assert.Contains(r.Verbose, v => v.Contains("from " + RegionEndpointVariable));

            // -Endpoint wins over the variable: pointing the variable elsewhere changes nothing.
            Set(RegionEndpointVariable, "http://127.0.0.1:9/");
            var explicitEndpoint = ps.Run($"Connect-MsService -Region cn-north-4 -Endpoint '{_emu.BaseUri}'").AssertNoErrors().Single<MsSession>();
            Assert.Equal(_emu.BaseUri, explicitEndpoint.Endpoint);

            // The variable of another region does not apply: cn-east-3 keeps its built-in endpoint (not contacted: -ProjectId given, nothing sent).
            var other = ps.Run($"Connect-MsService -Region cn-east-3 -ProjectId {EmulatorOptions.ProjectIdFor("cn-east-3")}").AssertNoErrors().Single<MsSession>();
            Assert.Equal(new Uri("https://metastudio.cn-east-3.myhuaweicloud.com"), other.Endpoint);
        }

        [Fact]
        public void The_old_endpoint_variable_still_works_with_a_deprecation_warning()
        {
            SetEnvironment();
            foreach (var region in new[] { "cn-north-4", "cn-east-3", "ap-southeast-3" }) Set(SessionFactory.RegionEndpointVariable(region), null);
            Set(SessionFactory.EnvEndpoint, _emu.BaseUri.ToString());
            using var ps = new PsSession(_emu, connect: false);
            var r = ps.Run("Connect-MsService -Region cn-north-4").AssertNoErrors();
            Assert.Equal(_emu.BaseUri, r.Single<MsSession>().Endpoint);
            var warning = Assert.Single(r.Warnings);
            Assert.Contains($"{SessionFactory.EnvEndpoint} is deprecated", warning);
            Assert.Contains(RegionEndpointVariable, warning);
            // The official variable wins over the old one.
            Set(RegionEndpointVariable, _emu.BaseUri.ToString());
            Set(SessionFactory.EnvEndpoint, "http://127.0.0.1:9/");
            Assert.Equal(_emu.BaseUri, ps.Run("Connect-MsService -Region cn-north-4").AssertNoErrors().Single<MsSession>().Endpoint);
        }

        [Fact]
        public void The_environment_endpoint_variable_wins_over_a_profile_endpoint()
        {
            WriteFile($"[basic]\nak = {EmulatorOptions.DefaultAccessKey}\nsk = {EmulatorOptions.DefaultSecretKey}\nregion = cn-north-4\nmetastudio_endpoint = http://127.0.0.1:9/\n");
            Set(RegionEndpointVariable, _emu.BaseUri.ToString());
            using var ps = new PsSession(_emu, connect: false);
            Assert.Equal(_emu.BaseUri, ps.Run("Connect-MsService").AssertNoErrors().Single<MsSession>().Endpoint);
        }
    }
}
