using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Core.Auth;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;
using static MetaStudio.PowerShell.Tests.Session.SessionTestKit;

namespace MetaStudio.PowerShell.Tests.Session
{
    /// <summary>An emulator whose ECS metadata service and federation exchange hand out keys that live a few seconds.</summary>
    public sealed class ShortKeysEmulatorFixture : IAsyncLifetime
    {
        public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(4);
        public EmulatorHost Emulator { get; private set; } = null!;   // set in InitializeAsync, which xunit runs before the tests
        public async Task InitializeAsync() => Emulator = await EmulatorHost.StartAsync(new EmulatorOptions { TemporaryCredentialLifetime = Lifetime });
        public async Task DisposeAsync() { if (Emulator is not null) await Emulator.DisposeAsync(); }
    }

    /// <summary>A clock that runs ahead of the real one by <see cref="Ahead"/>, so renewals can be reached without waiting.</summary>
    internal sealed class ShiftedClock : TimeProvider
    {
        public TimeSpan Ahead { get; set; }
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Ahead;
    }

    /// <summary>Connect-MsService -EcsAgency against the emulator's metadata service (never the real 169.254.169.254).</summary>
    public class EcsAgencyTests : IClassFixture<ShortKeysEmulatorFixture>, IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorHost _short;
        private readonly EmulatorHost _emu;

        public EcsAgencyTests(ShortKeysEmulatorFixture shortKeys, EmulatorFixture normal)
        {
            _short = shortKeys.Emulator;
            _emu = normal.Emulator;
            AddAssetHandlers(_short);
            AddAssetHandlers(_emu);
        }

        private static string Connect(EmulatorHost emu, string extra = "")
            => $"$MsSession = Connect-MsService -Region cn-north-4 -Endpoint '{emu.BaseUri}' -EcsAgency -MetadataEndpoint '{emu.BaseUri}' {extra}; $MsSession";

        private static int SecurityKeyGets(EmulatorHost emu) => emu.Log.All.Count(e => e.Path == "/openstack/latest/securitykey" && e.Status == 200);

        [Fact]
        public void Connect_gets_a_metadata_token_then_the_agency_keys_and_signs_with_them()
        {
            using var ps = new PsSession(_emu, connect: false);
            var before = _emu.Log.All.Count;
            var r = ps.Run(Connect(_emu, "-Verbose") + "; Get-MsSession | Out-Host; " + InvokeMsTestCallCommand.ImportScript + "Invoke-MsTestCall ShowAsset e1").AssertNoErrors();
            var session = r.All<object>().OfType<MsSession>().Single();
            Assert.Equal(("EcsAgency", "TemporaryAkSk"), (session.CredentialSource, session.AuthMode));
            Assert.NotNull(session.CredentialExpiresAt);
            Assert.Equal(EmulatorOptions.ProjectIdFor("cn-north-4"), session.ProjectId);

            // As metadata_accessor.go: PUT for a token (with its TTL), then GET with X-Metadata-Token.
            var put = _emu.Log.All.Skip(before).First(e => e.Path == "/meta-data/latest/api/token");
            Assert.Equal(("PUT", 200, "21600"), (put.Method, put.Status, put.Headers["X-Metadata-Token-Ttl-Seconds"]));
            var get = _emu.Log.All.Skip(before).First(e => e.Path == "/openstack/latest/securitykey");
            Assert.Equal(("GET", 200), (get.Method, get.Status));
            Assert.True(get.Headers.ContainsKey("X-Metadata-Token"));
            Assert.False(get.Headers.ContainsKey("X-Sdk-Date"));     // the metadata service is not signed for

            var call = _emu.Log.All.Last(e => e.Operation == "ShowAsset");
            Assert.Equal(200, call.Status);
            Assert.Equal(session.Identity, call.AccessKey);
            Assert.StartsWith("EMUTEMP", call.AccessKey);
            Assert.NotNull(call.AccessKey);
            Assert.Equal(_emu.Auth.TemporaryKeys[call.AccessKey].SecurityToken, call.Headers["X-Security-Token"]);
            Assert.Contains("EcsAgency", r.HostText);
            Assert.Contains("CredentialExpiresAt", r.HostText);
            Assert.Contains(r.Verbose, v => v.Contains("-EcsAgency chosen"));

            // No secret of the agency keys in any stream.
            var keys = _emu.Auth.TemporaryKeys[call.AccessKey];
            Assert.DoesNotContain(keys.Secret, r.EverythingAsText + ps.Host.Text);
            Assert.DoesNotContain(keys.SecurityToken, r.EverythingAsText + ps.Host.Text);
        }

        [Fact]
        public void Keys_are_renewed_before_they_expire()
        {
            using var ps = new PsSession(_short, connect: false);
            ps.Run(Connect(_short) + "; " + InvokeMsTestCallCommand.ImportScript + "Invoke-MsTestCall ShowAsset r1").AssertNoErrors();
            var firstKey = _short.Log.All.Last(e => e.Operation == "ShowAsset").AccessKey;
            var fetched = SecurityKeyGets(_short);

            // Past 80% of the 4 s life, before expiry; the emulator refuses expired keys, so a late renewal would show as a 401.
            Thread.Sleep(ShortKeysEmulatorFixture.Lifetime * 0.85);
            var r = ps.Run("Invoke-MsTestCall ShowAsset r2 -Verbose").AssertNoErrors();
            Assert.Equal(200, r.Single<int>());
            Assert.True(SecurityKeyGets(_short) > fetched);
            Assert.NotEqual(firstKey, _short.Log.All.Last(e => e.Operation == "ShowAsset").AccessKey);
            Assert.Contains(r.Verbose, v => v.StartsWith("Renewing the ECS agency credentials", StringComparison.Ordinal));
            Assert.DoesNotContain(_short.Log.All, e => e.Operation == "ShowAsset" && e.Status == 401);
        }

        [Fact]
        public async Task Many_concurrent_calls_that_need_renewal_renew_once()
        {
            using var ps = new PsSession(_emu, connect: false);
            var session = ps.Run(Connect(_emu)).AssertNoErrors().All<MsSession>().Single();
            var credential = (TemporaryCredential)session.Credential;
            var clock = new ShiftedClock();
            credential.Clock = clock;
            var fetched = SecurityKeyGets(_emu);
            var oldKey = session.Identity;

            // 59 of the 60 minutes have passed: every request needs renewed keys.
            clock.Ahead = TimeSpan.FromMinutes(59);
            ThreadPool.GetMinThreads(out var workers, out var io);
            ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));
            using var start = new ManualResetEventSlim();
            var calls = Enumerable.Range(0, 24).Select(i => Task.Run(async () =>
            {
                start.Wait();
                return await session.Client.SendAsync(new MsRequest(OperationId.ShowAsset).WithPath("asset_id", "c" + i), CallContext.None());
            })).ToArray();
            start.Set();
            var responses = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromMinutes(2));

            Assert.All(responses, response => Assert.Equal(200, response.StatusCode));
            Assert.Equal(fetched + 1, SecurityKeyGets(_emu));
            Assert.NotEqual(oldKey, session.Identity);
            var used = _emu.Log.All.Where(e => e.Operation == "ShowAsset" && e.Path.Contains("/c")).Select(e => e.AccessKey).Distinct();
            Assert.Equal(new[] { session.Identity }, used);
        }

        [Fact]
        public void A_metadata_service_without_tokens_is_asked_without_one()
        {
            // 404 to the token PUT means an older metadata service: the SDK then calls securitykey without a token.
            _emu.Options.MetadataRequiresToken = false;
            try
            {
                using var ps = new PsSession(_emu, connect: false);
                ps.Run(Connect(_emu)).AssertNoErrors();
                var get = _emu.Log.All.Last(e => e.Path == "/openstack/latest/securitykey");
                Assert.Equal(200, get.Status);
                Assert.False(get.Headers.ContainsKey("X-Metadata-Token"));
            }
            finally
            {
                _emu.Options.MetadataRequiresToken = true;
            }
        }

        [Fact]
        public void An_instance_without_an_agency_is_a_clear_terminating_error()
        {
            _emu.Options.EcsAgencyConfigured = false;
            try
            {
                using var ps = new PsSession(_emu, connect: false);
                var r = ps.Run(Connect(_emu));
                var error = Assert.Single(r.AllErrors);
                Assert.StartsWith(CredentialException.MetadataFailed, error.FullyQualifiedErrorId);
                Assert.Contains("no agency", error.Exception.Message);
                Assert.Empty(r.Output);
                Assert.StartsWith("MetaStudio.NoSession", Assert.Single(ps.Run("Get-MsSession").Errors).FullyQualifiedErrorId);
            }
            finally
            {
                _emu.Options.EcsAgencyConfigured = true;
            }
        }

        [Fact]
        public void Without_MetadataEndpoint_the_instance_address_would_be_used_and_the_test_guard_stops_it()
        {
            Assert.Equal("http://169.254.169.254", EcsAgencyCredential.DefaultMetadataEndpoint);
            using var ps = new PsSession(_emu, connect: false);
            var before = _emu.Log.All.Count;
            var r = ps.Run($"Connect-MsService -Region cn-north-4 -Endpoint '{_emu.BaseUri}' -EcsAgency");
            var error = Assert.Single(r.AllErrors);
            Assert.StartsWith(NetworkGuardException.Code, error.FullyQualifiedErrorId);
            Assert.Contains("169.254.169.254", error.Exception.Message);
            Assert.Equal(before, _emu.Log.All.Count);
        }

        [Fact]
        public void A_profile_can_ask_for_the_agency_and_nothing_else_does()
        {
            using var temp = new TempFolder();
            var file = temp.Write("credentials", $"[ecs]\ncredential_source = EcsAgency\nmetadata_endpoint = {_emu.BaseUri}\nregion = cn-north-4\nmetastudio_endpoint = {_emu.BaseUri}\n");
            using var ps = new PsSession(_emu, connect: false);
            var session = ps.Run($"Connect-MsService -ProfileName ecs -CredentialsFile {TempFolder.Quote(file)}").AssertNoErrors().Single<MsSession>();
            Assert.Equal("EcsAgency", session.CredentialSource);

            // A chain with nothing configured never tries the metadata service on its own.
            var before = _emu.Log.All.Count(e => e.Path.StartsWith("/meta-data", StringComparison.Ordinal) || e.Path.StartsWith("/openstack", StringComparison.Ordinal));
            var none = ps.Run($"Connect-MsService -Region cn-north-4 -Endpoint '{_emu.BaseUri}'");
            Assert.StartsWith("MetaStudio.NoCredentials", Assert.Single(none.AllErrors).FullyQualifiedErrorId);
            Assert.Equal(before, _emu.Log.All.Count(e => e.Path.StartsWith("/meta-data", StringComparison.Ordinal) || e.Path.StartsWith("/openstack", StringComparison.Ordinal)));
        }
    }
}
