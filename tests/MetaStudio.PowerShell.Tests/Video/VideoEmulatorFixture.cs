using System;
using System.Threading.Tasks;
using MetaStudio.Emulator;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Video
{
    /// <summary>
    /// An emulator whose video tasks wait long enough (1.5 s) for a test to cancel them reliably and
    /// finish soon after, so the whole group stays quick.
    /// </summary>
    public sealed class VideoEmulatorFixture : IAsyncLifetime
    {
        public EmulatorHost Emulator { get; private set; }

        public async Task InitializeAsync() => Emulator = await EmulatorHost.StartAsync(new EmulatorOptions
        {
            JobWaitingTime = TimeSpan.FromMilliseconds(1500),
            JobProcessingTime = TimeSpan.FromMilliseconds(500),
            TtsTime = TimeSpan.FromMilliseconds(300),
        });

        public async Task DisposeAsync()
        {
            if (Emulator != null) await Emulator.DisposeAsync();
        }
    }
}
