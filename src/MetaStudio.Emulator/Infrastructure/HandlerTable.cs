using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Catalog;

namespace MetaStudio.Emulator.Infrastructure
{
    /// <summary>Operation → handler. Each API group registers its own handlers in its own file.</summary>
    public sealed class HandlerTable
    {
        private readonly Dictionary<string, Func<EmuRequest, Task<EmuResponse>>> _handlers = new(StringComparer.Ordinal);

        internal void Add(OperationId operation, Func<EmuRequest, Task<EmuResponse>> handler) => _handlers[operation.ToString()] = handler;

        internal void Add(OperationId operation, Func<EmuRequest, EmuResponse> handler) => Add(operation, r => Task.FromResult(handler(r)));

        public bool TryGet(string operation, [MaybeNullWhen(false)] out Func<EmuRequest, Task<EmuResponse>> handler) => _handlers.TryGetValue(operation, out handler);

        public IEnumerable<string> Operations => _handlers.Keys;
    }
}
