using System;
using System.IO;
using System.Linq;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Core.Auth;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Core
{
    /// <summary>No test may send anything off this machine: both suites run with the guard on, and the guard works.</summary>
    public class NetworkGuardTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorHost _emu;
        public NetworkGuardTests(EmulatorFixture f) => _emu = f.Emulator;

        [Fact]
        public void Both_suites_run_with_the_guard_on_and_without_the_developers_credentials()
        {
            Assert.True(NetworkGuard.Enabled);
            Assert.Equal(TestEnvironment.NoCredentialsFile, Environment.GetEnvironmentVariable(CredentialsFile.PathVariable));
            Assert.False(File.Exists(TestEnvironment.NoCredentialsFile));
            var pester = File.ReadAllText(TestPaths.Repo("tests", "Pester", "Invoke-Pester.ps1"));
            Assert.Contains($"$env:{NetworkGuard.Variable} = '1'", pester);
            Assert.Contains($"$env:{CredentialsFile.PathVariable} =", pester);
        }

        [Theory]
        [InlineData("https://metastudio.cn-north-4.myhuaweicloud.com/")]
        [InlineData("http://169.254.169.254/")]
        [InlineData("http://10.0.0.1:5080/")]
        public void A_call_to_an_address_off_this_machine_is_stopped_before_it_is_sent(string endpoint)
        {
            using var ps = new PsSession(_emu, connect: false);
            var r = ps.Run($"Connect-MsService -Region cn-north-4 -Endpoint '{endpoint}' -AccessKey {EmulatorOptions.DefaultAccessKey} -SecretKey '{EmulatorOptions.DefaultSecretKey}' -WarningAction SilentlyContinue");
            var error = Assert.Single(r.AllErrors);
            Assert.StartsWith(NetworkGuardException.Code, error.FullyQualifiedErrorId);
            Assert.Contains(new Uri(endpoint).Host, error.Exception.Message);
        }

        [Fact]
        public void Loopback_by_address_and_by_name_is_allowed()
        {
            using var ps = new PsSession(_emu, connect: false);
            var byName = new UriBuilder(_emu.BaseUri) { Host = "localhost" }.Uri;
            ps.Run($"Connect-MsService -Region cn-north-4 -Endpoint '{byName}' -AccessKey {EmulatorOptions.DefaultAccessKey} -SecretKey '{EmulatorOptions.DefaultSecretKey}' -WarningAction SilentlyContinue")
                .AssertNoErrors();
        }
    }
}
