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

        /// <summary>A new id in the service's style (32 hex characters).</summary>
        public static string NewId() => Guid.NewGuid().ToString("N");
    }
}
