#nullable enable
using System;
using System.Threading.Tasks;

namespace MetaStudio.PowerShell.Core.Http.Pipeline
{
    /// <summary>
    /// Per call, right inside the failure step: a catalog operation's successful answer is checked against what the
    /// operation returns (<see cref="AnswerCheck"/>) before any cmdlet reads it. One place for every cmdlet.
    /// </summary>
    internal sealed class AnswerPolicy : MsPolicy
    {
        public static readonly AnswerPolicy Shared = new AnswerPolicy();

        public override async ValueTask ProcessAsync(MsMessage message, ReadOnlyMemory<MsPolicy> next)
        {
            await ProcessNextAsync(message, next).ConfigureAwait(false);
            var response = message.Response;
            if (message.Operation == null || response == null || !response.IsSuccess) return;
            response.Source = message.Operation;
            if (!response.Settled) AnswerCheck.Check(message.Operation, response);
        }
    }
}
