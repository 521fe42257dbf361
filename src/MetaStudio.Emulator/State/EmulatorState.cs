using System;
using System.Collections.Concurrent;

namespace MetaStudio.Emulator.State
{
    /// <summary>
    /// Everything the emulator remembers. Each API group keeps its own tables in a partial of this
    /// class (State/*.cs) and clears them in its ClearGroup hook.
    /// </summary>
    public sealed partial class EmulatorState
    {
        private readonly ConcurrentBag<Action> _clearers = new();

        /// <summary>Registers how a group's tables are emptied by Reset.</summary>
        internal void OnClear(Action clear) => _clearers.Add(clear);

        public void Clear()
        {
            foreach (var clear in _clearers) clear();
        }

        private static long _sequence;

        /// <summary>
        /// The order things were created in: lists order by creation time, and jobs created at one instant of a
        /// virtual clock (tests) keep the order they were created in.
        /// </summary>
        public static long NextSequence() => System.Threading.Interlocked.Increment(ref _sequence);

        /// <summary>A new id in the service's style (32 hex characters).</summary>
        public static string NewId() => Guid.NewGuid().ToString("N");
    }
}
