#nullable enable
using System;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Errors;

namespace MetaStudio.PowerShell.Core.Http.Pipeline
{
    /// <summary>
    /// Starts the attempt's timer (the session's -TimeoutSec, or the request's own limit) once the request is
    /// signed, and turns what its expiry causes (a cancelled send, a disposed stream) into an
    /// <see cref="AttemptTimeoutException"/> the retry step can judge. Ctrl+C stays a cancellation.
    /// </summary>
    internal sealed class AttemptTimeoutPolicy : MsPolicy
    {
        public static readonly AttemptTimeoutPolicy Shared = new AttemptTimeoutPolicy();

        public override async ValueTask ProcessAsync(MsMessage message, ReadOnlyMemory<MsPolicy> next)
        {
            var timer = message.Timer;
            timer.Start();
            try
            {
                await ProcessNextAsync(message, next).ConfigureAwait(false);
            }
            catch (Exception ex) when (TimedOut(message) && !(ex is MsServiceException))
            {
                throw new AttemptTimeoutException(timer.Timeout, ex);
            }
        }

        /// <summary>The attempt was cancelled, and not by the caller: its timer ran out.</summary>
        internal static bool TimedOut(MsMessage message)
            => message.AttemptToken.IsCancellationRequested && !message.Context.Token.IsCancellationRequested;
    }
}
