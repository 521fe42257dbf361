using System;
using MetaStudio.Bench.Raw;
using MetaStudio.Emulator;

namespace MetaStudio.Bench
{
    /// <summary>What a scenario measures against: an in-process emulator, a runspace connected to it and the hand-written client.</summary>
    public sealed class Lab : IDisposable
    {
        private Lab(EmulatorHost emulator, Shell shell, RawClient raw)
        {
            Emulator = emulator;
            Shell = shell;
            Raw = raw;
        }

        public EmulatorHost Emulator { get; }
        public Shell Shell { get; }
        public RawClient Raw { get; }

        /// <param name="rateLimitScale">The session's -RateLimitScale: 0 turns the client's limiter off.</param>
        public static Lab Start(EmulatorOptions options, double rateLimitScale = 1, string region = "cn-north-4")
        {
            var emulator = EmulatorHost.StartAsync(options).GetAwaiter().GetResult();
            try
            {
                return new Lab(emulator, Shell.Connected(emulator.BaseUri, region, rateLimitScale), Shell.Raw(emulator.BaseUri, region));
            }
            catch
            {
                emulator.DisposeAsync().AsTask().GetAwaiter().GetResult();
                throw;
            }
        }

        public void Dispose()
        {
            Raw.Dispose();
            Shell.Dispose();
            Emulator.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
