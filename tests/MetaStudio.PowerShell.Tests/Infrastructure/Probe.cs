#nullable enable
using System;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.Emulator;
using MetaStudio.Emulator.Infrastructure;
using MetaStudio.PowerShell.Core.Catalog;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Infrastructure
{
    /// <summary>Counts requests of one operation in flight at the emulator, and lets a test delay or hold each.</summary>
    internal sealed class Probe : IDisposable
    {
        private Action _restore = () => { };
        private int _now;
        public int Peak;
        public int Entered;
        public int Aborted;
        public Func<EmuRequest, Task> Before = _ => Task.CompletedTask;

        /// <summary>Requests of the operation the emulator is still working on (entered, not yet answered or aborted).</summary>
        public int InFlight => Volatile.Read(ref _now);

        public static Probe On(EmulatorHost emu, OperationId operation)
        {
            var probe = new Probe();
            Assert.True(emu.Handlers.TryGet(operation.ToString(), out var original));
            probe._restore = () => emu.Handlers.Add(operation, original!);
            emu.Handlers.Add(operation, async r =>
            {
                var now = Interlocked.Increment(ref probe._now);
                Interlocked.Increment(ref probe.Entered);
                int peak;
                while ((peak = Volatile.Read(ref probe.Peak)) < now && Interlocked.CompareExchange(ref probe.Peak, now, peak) != peak) { }
                try
                {
                    await probe.Before(r);
                    return await original(r);
                }
                catch (OperationCanceledException)
                {
                    Interlocked.Increment(ref probe.Aborted);
                    throw;
                }
                finally
                {
                    Interlocked.Decrement(ref probe._now);
                }
            });
            return probe;
        }

        /// <summary>Puts the emulator's own handler back, so the next test does not run through this one's delays.</summary>
        public void Dispose() => _restore();
    }
}
