using System;
using System.Collections.Generic;
using System.Linq;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Tests.Infrastructure;
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

    [Collection(EnvironmentCollection.Name)]
    public class CredentialChainTests : IClassFixture<EmulatorFixture>, IDisposable
    {
        private static readonly string[] Names =
        {
            SessionFactory.EnvAccessKey, SessionFactory.EnvSecretKey, SessionFactory.EnvSecurityToken, SessionFactory.EnvProjectId,
            SessionFactory.EnvRegion, SessionFactory.EnvEndpoint, SessionFactory.EnvIamEndpoint,
        };

        private readonly EmulatorHost _emu;
        private readonly Dictionary<string, string> _saved = Names.ToDictionary(n => n, Environment.GetEnvironmentVariable);

        public CredentialChainTests(EmulatorFixture f)
        {
            _emu = f.Emulator;
            AddAssetHandlers(_emu);
            foreach (var n in Names) Environment.SetEnvironmentVariable(n, null);
        }

        public void Dispose()
        {
            foreach (var (name, value) in _saved) Environment.SetEnvironmentVariable(name, value);
        }

        private void SetEnvironment(string ak = EmulatorOptions.DefaultAccessKey, string sk = EmulatorOptions.DefaultSecretKey, string region = null, string projectId = null, string token = null)
        {
            Environment.SetEnvironmentVariable(SessionFactory.EnvAccessKey, ak);
            Environment.SetEnvironmentVariable(SessionFactory.EnvSecretKey, sk);
            Environment.SetEnvironmentVariable(SessionFactory.EnvSecurityToken, token);
            Environment.SetEnvironmentVariable(SessionFactory.EnvRegion, region);
            Environment.SetEnvironmentVariable(SessionFactory.EnvProjectId, projectId);
            Environment.SetEnvironmentVariable(SessionFactory.EnvEndpoint, _emu.BaseUri.ToString());
        }

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
                .AssertNoErrors().Single<MsSession>();
            Assert.Equal("Parameters", session.CredentialSource);
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
            Assert.True(error.FullyQualifiedErrorId.StartsWith("APIGW.0301"), error.FullyQualifiedErrorId + ": " + error.Exception);
            Assert.Contains(env.Debug, d => d.Contains("Session from environment variables"));
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
        public void No_credentials_anywhere_is_a_clear_error_with_no_request()
        {
            using var ps = new PsSession(_emu, connect: false);
            var before = _emu.Log.All.Count;
            var r = ps.Run($"Connect-MsService -Region cn-north-4 -Endpoint '{_emu.BaseUri}'");
            var error = Assert.Single(r.AllErrors);
            Assert.StartsWith("MetaStudio.InvalidInput", error.FullyQualifiedErrorId);
            Assert.Contains(SessionFactory.EnvAccessKey, error.Exception.Message);
            Assert.Equal(before, _emu.Log.All.Count);
        }
    }
}
