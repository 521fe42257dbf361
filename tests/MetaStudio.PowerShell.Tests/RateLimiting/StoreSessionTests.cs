using System;
using System.Linq;
using System.Threading.Tasks;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Tests.Infrastructure;
using MetaStudio.PowerShell.Tests.Session;
using Xunit;

namespace MetaStudio.PowerShell.Tests.RateLimiting
{
    /// <summary>
    /// The shared store as a user meets it, in a hosted runspace against the emulator and a private redis-server:
    /// Connect-MsService's parameters, Get-MsSession, the verbose stream, and Redis stopped in the middle of a run.
    /// </summary>
    public class StoreSessionTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorHost _emu;

        public StoreSessionTests(EmulatorFixture f)
        {
            _emu = f.Emulator;
            _emu.Faults.Reset();
            SessionTestKit.AddAssetHandlers(_emu);
        }

        private int Shown() => _emu.Log.All.Count(e => e.Operation == "ShowAsset");

        private static async Task Until(Func<bool> condition, Task run, string what)
        {
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (!condition())
            {
                if (run.IsCompleted) throw new Xunit.Sdk.XunitException($"The run ended before {what}.");
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"Not {what} within 120 s (a hang guard).");
                await Task.Delay(5);
            }
        }

        /// <summary>
        /// Issue 10: Redis stopped in the middle of a run gives one warning, no error, and every call exactly once; when
        /// it is back, the limits are shared through it again.
        /// </summary>
        [SkippableFact]
        public async Task Redis_stopped_in_the_middle_of_a_run_gives_one_warning_no_error_and_no_lost_call()
        {
            using var redis = RedisServer.Start();
            using var ps = new PsSession(_emu, region: "cn-east-3", connectArguments: $"-RateLimitStore {redis.Address}");
            _emu.Log.Clear();
            const int calls = 40; // ShowAsset in cn-east-3: 10/s, so about 3 s
            var run = Task.Run(() => ps.Run($"1..{calls} | ForEach-Object {{ Get-MsAsset -AssetId \"a$_\" -Verbose }} | Measure-Object | ForEach-Object Count"));
            await Until(() => Shown() >= 14, run, "14 calls were made");
            redis.Stop();
            var r = await run.WaitAsync(TimeSpan.FromSeconds(180));

            r.AssertNoErrors();
            Assert.Equal(calls, (int)r.Output.Single().BaseObject);
            var log = _emu.Log.All.Where(e => e.Operation == "ShowAsset").ToList();
            Assert.Equal(calls, log.Count(e => e.Status == 200));
            Assert.Equal(calls, log.Select(e => e.Path).Distinct().Count());
            var warning = Assert.Single(r.Warnings);
            Assert.Contains($"{redis.Address}/0 is unreachable", warning);
            Assert.Contains(r.Verbose, v => v.Contains($"shared through {redis.Address}/0"));
            Assert.Contains(r.Verbose, v => v.Contains($"this process's share while {redis.Address}/0 does not answer"));
            Assert.StartsWith("Unreachable since", (string)ps.Run("(Get-MsSession).RateLimitStoreState").Output.Single().BaseObject);

            // Back: once the breaker lets a call try again, the limits are shared through Redis again.
            redis.Restart();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            PsResult again;
            do
            {
                await Task.Delay(250);
                again = ps.Run("Get-MsAsset -AssetId back -Verbose | Out-Null");
                again.AssertNoErrors();
                Assert.Empty(again.Warnings);
            } while (!again.Verbose.Any(v => v.Contains("answers again")) && DateTime.UtcNow < deadline);
            Assert.Contains(again.Verbose, v => v.Contains($"the rate-limit store {redis.Address}/0 answers again"));
            Assert.Equal("Connected", ps.Run("(Get-MsSession).RateLimitStoreState").Output.Single().BaseObject);
        }

        [SkippableFact]
        public void Connect_takes_the_store_with_a_credential_and_Get_MsSession_shows_it_without_the_password()
        {
            const string password = "s3cret-store-pw";
            using var redis = RedisServer.Start(password: password);
            using var ps = new PsSession(_emu, connect: false);
            var r = ps.Run(
                $"$pw = ConvertTo-SecureString '{password}' -AsPlainText -Force; $cred = [pscredential]::new('default', $pw); " +
                $"$s = Connect-MsService -Region cn-north-4 -Endpoint '{_emu.BaseUri}' -AccessKey {EmulatorOptions.DefaultAccessKey} " +
                $"-SecretKey (ConvertTo-SecureString '{EmulatorOptions.DefaultSecretKey}' -AsPlainText -Force) -RateLimitStore {redis.Address}/2 -RateLimitStoreCredential $cred -RateLimitShare 0.5 -Verbose; " +
                "Get-MsSession -Verbose; Get-MsAsset -AssetId x1 -Verbose | Out-Null; Get-MsSession | Format-List | Out-String -Width 120");
            r.AssertNoErrors();
            var session = (MsSession)r.Output[0].BaseObject;
            // The password is there, and masked.
            var shown = $"redis://:***@127.0.0.1:{redis.Port}/2";
            Assert.Equal(shown, session.RateLimitStore);
            Assert.Equal("Connected", session.RateLimitStoreState);
            Assert.Equal(0.5, session.RateLimitShare);
            Assert.Contains(r.Verbose, v => v.StartsWith($"Rate limits shared through {shown}", StringComparison.Ordinal));
            var view = (string)r.Output.Last().BaseObject;
            Assert.Matches($"RateLimitStore +: {System.Text.RegularExpressions.Regex.Escape(shown)}", view);
            Assert.Matches("RateLimitStoreState +: Connected", view);
            Assert.DoesNotContain(password, r.EverythingAsText);
            Assert.Empty(r.Warnings);

            // A wrong password: one warning at connect, then the calls work with the local share and say so no more.
            var wrong = ps.Run(
                "$bad = [pscredential]::new('default', (ConvertTo-SecureString 'not-it' -AsPlainText -Force)); " +
                $"$s = Connect-MsService -Region cn-north-4 -Endpoint '{_emu.BaseUri}' -AccessKey {EmulatorOptions.DefaultAccessKey} " +
                $"-SecretKey (ConvertTo-SecureString '{EmulatorOptions.DefaultSecretKey}' -AsPlainText -Force) -RateLimitStore {redis.Address}/3 -RateLimitStoreCredential $bad; 1..3 | ForEach-Object {{ Get-MsAsset -AssetId \"w$_\" }} | Out-Null; $s.RateLimitStoreState");
            wrong.AssertNoErrors();
            var warning = Assert.Single(wrong.Warnings);
            Assert.Contains("is unreachable", warning);
            Assert.StartsWith("Unreachable", (string)wrong.Output.Last().BaseObject);
            Assert.DoesNotContain(password, wrong.EverythingAsText);
        }

        [Fact]
        public void A_password_in_the_address_works_but_warns_that_history_keeps_it()
        {
            using var ps = new PsSession(_emu, connect: false);
            var r = ps.Run($"Connect-MsService -Region cn-north-4 -Endpoint '{_emu.BaseUri}' -AccessKey {EmulatorOptions.DefaultAccessKey} -SecretKey '{EmulatorOptions.DefaultSecretKey}' " +
                           $"-RateLimitStore redis://:hunter2@127.0.0.1:{RedisServer.FreePort()} | ForEach-Object RateLimitStore");
            r.AssertNoErrors();
            Assert.Contains(r.Warnings, w => w.Contains("-RateLimitStoreCredential"));
            Assert.Matches(@"^redis://:\*\*\*@127\.0\.0\.1:\d+/0$", (string)r.Output.Single().BaseObject);
            Assert.DoesNotContain("hunter2", r.EverythingAsText);
        }

        [Fact]
        public void A_store_address_that_is_not_one_stops_connect_before_anything_is_sent()
        {
            using var ps = new PsSession(_emu, connect: false);
            _emu.Log.Clear();
            var r = ps.Run($"Connect-MsService -Region cn-north-4 -Endpoint '{_emu.BaseUri}' -AccessKey {EmulatorOptions.DefaultAccessKey} -SecretKey '{EmulatorOptions.DefaultSecretKey}' " +
                           "-RateLimitStore http://cache:6379");
            var error = Assert.Single(r.AllErrors);
            Assert.Contains("redis://", error.ToString());
            Assert.Empty(_emu.Log.All);
        }
    }
}
