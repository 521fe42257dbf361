// Nullable: annotated, flow warnings still off in this file (issue 12 item 5 follow-up: finish its null checks).
#nullable disable warnings
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Catalog;

namespace MetaStudio.Emulator.Infrastructure
{
    /// <summary>Operation → handler. Each API group registers its own handlers in its own file.</summary>
    public sealed class HandlerTable
    {
        private readonly Dictionary<string, Func<EmuRequest, Task<EmuResponse>>> _handlers = new(StringComparer.Ordinal);

        public void Add(OperationId operation, Func<EmuRequest, Task<EmuResponse>> handler) => _handlers[operation.ToString()] = handler;

        public void Add(OperationId operation, Func<EmuRequest, EmuResponse> handler) => Add(operation, r => Task.FromResult(handler(r)));

        public bool TryGet(string operation, out Func<EmuRequest, Task<EmuResponse>> handler) => _handlers.TryGetValue(operation, out handler);

        public IEnumerable<string> Operations => _handlers.Keys;
    }
}
