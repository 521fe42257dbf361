using System;
using System.Threading.Tasks;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Video
{
    /// <summary>
    /// An emulator whose video tasks wait 1.5 s and then take 0.5 s, in virtual time (<see cref="VirtualTime"/>): a task
    /// stays WAITING until a wait moves the clock on, so a test can cancel it without racing the clock, and waits
    /// end as soon as the tasks do, without sleeping.
    /// </summary>
    public sealed class VideoEmulatorFixture : IAsyncLifetime
    {
        public EmulatorHost Emulator { get; private set; } = null!;   // set in InitializeAsync, which xunit runs before the tests
        public VirtualTime Time { get; } = new();

        public async Task InitializeAsync() => Emulator = await EmulatorHost.StartAsync(Time.Options(new EmulatorOptions
        {
            JobWaitingTime = TimeSpan.FromMilliseconds(1500),
            JobProcessingTime = TimeSpan.FromMilliseconds(500),
            TtsTime = TimeSpan.FromMilliseconds(300),
        }));

        public async Task DisposeAsync()
        {
            if (Emulator != null) await Emulator.DisposeAsync();
        }
    }
}
