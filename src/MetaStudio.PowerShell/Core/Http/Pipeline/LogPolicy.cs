#nullable enable
using System;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;

namespace MetaStudio.PowerShell.Core.Http.Pipeline
{
    /// <summary>
    /// One verbose line per attempt: the answer's status, time and request id, or that none came in time, or the
    /// network failure. It names the call by method and path only (a signed URL's query is its signature).
    /// </summary>
    internal sealed class LogPolicy : MsPolicy
    {
        public static readonly LogPolicy Shared = new LogPolicy();

        public override async ValueTask ProcessAsync(MsMessage message, ReadOnlyMemory<MsPolicy> next)
        {
            var started = message.Clock.GetTimestamp();
            try
            {
                await ProcessNextAsync(message, next).ConfigureAwait(false);
            }
            catch (Exception) when (AttemptTimeoutPolicy.TimedOut(message))
            {
                message.Context.Verbose($"{message.Label} → no response within {message.Timer.Timeout.TotalSeconds:0.#} s.");
                throw;
            }
            catch (Exception ex) when (ex is HttpRequestException || ex is IOException)
            {
                message.Context.Verbose($"{message.Label} → network failure: {Transport.Innermost(ex).Message}");
                throw;
            }
            // No line is formatted for a context whose verbose lines go nowhere.
            if (!message.Context.WantsVerbose) return;
            var response = message.Response!;
            message.Context.Verbose($"{message.Label} → {response.StatusCode} in {message.Clock.GetElapsedTime(started).TotalMilliseconds:0} ms, request id {response.RequestId ?? "n/a"}.");
        }
    }
}
