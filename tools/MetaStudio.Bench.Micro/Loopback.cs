using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using MetaStudio.Bench.Raw;
using MetaStudio.Emulator;
using MetaStudio.PowerShell;
using MetaStudio.PowerShell.Core;
using MetaStudio.PowerShell.Core.Auth;

namespace MetaStudio.Bench.Micro
{
    /// <summary>
    /// An in-process emulator with limits off and 100 seeded assets, a module session (limiter off, no retries) and
    /// the hand-written client, both pointed at it. Allocations the benchmarks report include the emulator's share.
    /// </summary>
    public sealed class Loopback : IAsyncDisposable
    {
        private Loopback(EmulatorHost emulator, List<string> ids)
        {
            Emulator = emulator;
            AssetIds = ids;
            var credential = new AkSkCredential(EmulatorOptions.DefaultAccessKey, SecretText.ToSecureString(EmulatorOptions.DefaultSecretKey));
            Session = SessionFactory.Create("cn-north-4", emulator.BaseUri, null, credential, EmulatorOptions.ProjectIdFor("cn-north-4"), null, "Parameter",
                new SessionSettings { RateLimitScale = 0, MaxRetries = 0 });
            Raw = new RawClient(emulator.BaseUri, EmulatorOptions.ProjectIdFor("cn-north-4"), EmulatorOptions.DefaultAccessKey, EmulatorOptions.DefaultSecretKey);
        }

        public EmulatorHost Emulator { get; }
        public IReadOnlyList<string> AssetIds { get; }
        public MsSession Session { get; }
        public RawClient Raw { get; }

        public static async Task<Loopback> StartAsync()
        {
            var emulator = await EmulatorHost.StartAsync(new EmulatorOptions { EnforceRateLimits = false });
            return new Loopback(emulator, Seed.Assets(emulator, 100, "bench-micro"));
        }

        public async ValueTask DisposeAsync()
        {
            Raw.Dispose();
            Session.Dispose();
            await Emulator.DisposeAsync();
        }
    }
}
