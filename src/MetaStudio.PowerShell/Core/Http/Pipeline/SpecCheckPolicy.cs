#nullable enable
using System;
using System.Threading.Tasks;

namespace MetaStudio.PowerShell.Core.Http.Pipeline
{
    /// <summary>
    /// A body or query the official model refuses is refused here, before anything is sent (MsRequest.Prepare:
    /// SpecViolationException naming each field); what PowerShell users write that means the same is mended.
    /// </summary>
    internal sealed class SpecCheckPolicy : MsPolicy
    {
        private readonly bool _allowUnknown;

        /// <param name="allowUnknown">The session lets names and enum values the bundled spec does not list through.</param>
        public SpecCheckPolicy(bool allowUnknown) => _allowUnknown = allowUnknown;

        public override ValueTask ProcessAsync(MsMessage message, ReadOnlyMemory<MsPolicy> next)
        {
            if (message.Options.CheckSpec && message.Operation != null)
            {
                message.Operation.Prepare(_allowUnknown);
                message.Body = message.Operation.Body;
            }
            return ProcessNextAsync(message, next);
        }
    }
}
