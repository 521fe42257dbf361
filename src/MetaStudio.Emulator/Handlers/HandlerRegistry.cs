using System;
using System.Linq;

namespace MetaStudio.Emulator
{
    /// <summary>An API group's emulator handlers; every implementation is found and registered at start-up.</summary>
    internal interface IHandlerGroup
    {
        void Register(EmulatorHost host);
    }

    internal static class HandlerRegistry
    {
        // Found by reflection so that each API group lives in its own file and no shared list needs editing.
        public static void RegisterAll(EmulatorHost host)
        {
            var groups = typeof(HandlerRegistry).Assembly.GetTypes()
                .Where(t => typeof(IHandlerGroup).IsAssignableFrom(t) && !t.IsInterface && !t.IsAbstract)
                .OrderBy(t => t.FullName, StringComparer.Ordinal);
            // A concrete class's parameterless constructor never gives null.
            foreach (var type in groups) ((IHandlerGroup)Activator.CreateInstance(type)!).Register(host);
        }
    }
}
