using System;
using System.Threading.Tasks;
using MetaStudio.Emulator;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Infrastructure
{
    /// <summary>One emulator per test class (IClassFixture), so classes run in parallel without sharing state.</summary>
    public sealed class EmulatorFixture : IAsyncLifetime
    {
        // Set in InitializeAsync, which xunit runs before it hands the fixture to a test class.
        public EmulatorHost Emulator { get; private set; } = null!;

        public async Task InitializeAsync() => Emulator = await EmulatorHost.StartAsync(new EmulatorOptions());

        public async Task DisposeAsync()
        {
            if (Emulator is not null) await Emulator.DisposeAsync();
        }
    }

    /// <summary>
    /// One emulator per test class whose jobs (live, training, voice) run in virtual time: sessions that PsSession connects
    /// to it wait on the same clock, so waits, timeouts and poll schedules play out without sleeping.
    /// </summary>
    public sealed class VirtualTimeEmulatorFixture : IAsyncLifetime
    {
        public EmulatorHost Emulator { get; private set; } = null!;   // set in InitializeAsync, as above
        public VirtualTime Time { get; } = new();

        public async Task InitializeAsync() => Emulator = await EmulatorHost.StartAsync(Time.Options());

        public async Task DisposeAsync()
        {
            if (Emulator is not null) await Emulator.DisposeAsync();
        }
    }
}
