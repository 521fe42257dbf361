#nullable enable
using System;
using System.Threading.Tasks;

namespace MetaStudio.PowerShell.Core.Http.Pipeline
{
    /// <summary>
    /// One step of the request path (Azure.Core's HttpPipelinePolicy): it may change the message, pass it on to the
    /// steps after it, and look at the answer they leave in <see cref="MsMessage.Response"/>. A step that has nothing
    /// to do afterwards returns the next step's task itself, so it adds no async layer to the call.
    /// </summary>
    internal abstract class MsPolicy
    {
        public abstract ValueTask ProcessAsync(MsMessage message, ReadOnlyMemory<MsPolicy> next);

        protected static ValueTask ProcessNextAsync(MsMessage message, ReadOnlyMemory<MsPolicy> next)
            => next.Span[0].ProcessAsync(message, next.Slice(1));
    }
}
