using System;
using System.Threading.Tasks;
using MetaStudio.Emulator;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Infrastructure
{
    /// <summary>One emulator per test class (IClassFixture), so classes run in parallel without sharing state.</summary>
    public sealed class EmulatorFixture : IAsyncLifetime
    {
        public EmulatorHost Emulator { get; private set; }

        public async Task InitializeAsync() => Emulator = await EmulatorHost.StartAsync(new EmulatorOptions());

        public async Task DisposeAsync()
        {
            if (Emulator != null) await Emulator.DisposeAsync();
        }
    }
}
