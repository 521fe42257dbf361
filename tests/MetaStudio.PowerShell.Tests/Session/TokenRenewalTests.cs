using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;
using static MetaStudio.PowerShell.Tests.Session.SessionTestKit;

namespace MetaStudio.PowerShell.Tests.Session
{
    /// <summary>An emulator whose IAM tokens live only a few seconds.</summary>
    public sealed class ShortTokenEmulatorFixture : IAsyncLifetime
    {
        public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(3);
        public EmulatorHost Emulator { get; private set; } = null!;   // set in InitializeAsync, which xunit runs before the tests
        public async Task InitializeAsync() => Emulator = await EmulatorHost.StartAsync(new EmulatorOptions { TokenLifetime = Lifetime });
        public async Task DisposeAsync() { if (Emulator is not null) await Emulator.DisposeAsync(); }
    }

    public class TokenRenewalTests : IClassFixture<ShortTokenEmulatorFixture>
    {
        private readonly EmulatorHost _emu;

        public TokenRenewalTests(ShortTokenEmulatorFixture f)
        {
            _emu = f.Emulator;
            AddAssetHandlers(_emu);
        }

        [Fact]
        public void A_token_past_80_percent_of_its_life_is_renewed_before_the_next_call()
        {
            using var ps = new PsSession(_emu, connect: false);
            ps.Run(PasswordConnect(_emu) + "; " + InvokeMsTestCallCommand.ImportScript + "Invoke-MsTestCall ShowAsset a").AssertNoErrors();
            Assert.Equal(1, Count(_emu, "POST", "/v3/auth/tokens"));
            var firstToken = _emu.Log.All.Last(e => e.Operation == "ShowAsset").Headers["X-Auth-Token"];

            // Past 80% of the 3 s life, still before expiry.
            Thread.Sleep(TimeSpan.FromSeconds(2.6));
            var r = ps.Run("Invoke-MsTestCall ShowAsset b -Verbose").AssertNoErrors();
            Assert.Equal(200, r.Single<int>());
            Assert.Equal(2, Count(_emu, "POST", "/v3/auth/tokens"));
            var calls = _emu.Log.All.Where(e => e.Operation == "ShowAsset").ToList();
            Assert.All(calls, c => Assert.Equal(200, c.Status));
            Assert.NotEqual(firstToken, calls.Last().Headers["X-Auth-Token"]);
            Assert.Contains(r.Verbose, v => v.StartsWith("Renewing the IAM token", StringComparison.Ordinal));
        }
    }
}
