#nullable enable
using System;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;

namespace MetaStudio.PowerShell.Core.Http.Pipeline
{
    /// <summary>
    /// A DELETE is repeated after a lost answer (5xx, timeout, a connection cut after sending); when the first attempt did
    /// delete, the repeat finds nothing and is answered 404 (or a not-found code). Per attempt, this step remembers whether an attempt may have
    /// reached the service, and settles a later attempt's 404 as done (<see cref="MsResponse.Settled"/>), with a verbose
    /// note, instead of a failure. Not found on the first attempt stays a failure: the id was wrong.
    /// </summary>
    internal sealed class RepeatedDeletePolicy : MsPolicy
    {
        public static readonly RepeatedDeletePolicy Shared = new RepeatedDeletePolicy();

        public override ValueTask ProcessAsync(MsMessage message, ReadOnlyMemory<MsPolicy> next)
            => message.Operation != null && message.Method == HttpMethod.Delete ? WatchAsync(message, next) : ProcessNextAsync(message, next);

        private static async ValueTask WatchAsync(MsMessage message, ReadOnlyMemory<MsPolicy> next)
        {
            try
            {
                await ProcessNextAsync(message, next).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is AttemptTimeoutException || ((ex is HttpRequestException || ex is IOException) && !Transport.NeverSent(ex)))
            {
                message.MayHaveActed = true;
                throw;
            }
            var response = message.Response;
            if (response == null) return;
            if (response.StatusCode >= 500 || response.StatusCode == 408)
            {
                message.MayHaveActed = true;
                return;
            }
            if (message.MayHaveActed && NotFound(response))
            {
                message.Context.Verbose($"{message.Name} {message.Target}: attempt {message.Attempt} found nothing to delete (HTTP {response.StatusCode} {response.Error?.ErrorCode}, request id {response.RequestId ?? "n/a"}); " +
                                        "an earlier attempt whose answer was lost deleted it, so this counts as deleted.");
                message.Response = new MsResponse(200, response.RequestId, Array.Empty<byte>(), null, response.Headers) { Settled = true };
            }
        }

        /// <summary>"Not found" as the service says it: 404, or a not-found code in a 400 (MSS.10001001 for an asset).</summary>
        internal static bool NotFound(MsResponse response)
            => response.StatusCode == 404 || (response.StatusCode == 400
               && Errors.ErrorCodes.CategoryOf(response.Error?.ErrorCode ?? "", response.StatusCode) == System.Management.Automation.ErrorCategory.ObjectNotFound);
    }
}
