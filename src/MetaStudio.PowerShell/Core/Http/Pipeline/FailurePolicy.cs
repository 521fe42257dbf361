#nullable enable
using System;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Errors;

namespace MetaStudio.PowerShell.Core.Http.Pipeline
{
    /// <summary>
    /// The first step: what reaches the caller when the steps after it give up. A timeout or network failure that
    /// outlasted the retries becomes an MsServiceException saying whether the request may have reached the service;
    /// an answer that is no success becomes one with the service's code and request id, unless the request's
    /// options ask for failed answers back (<see cref="Failures.Return"/>: IAM, the metadata service).
    /// </summary>
    internal sealed class FailurePolicy : MsPolicy
    {
        public static readonly FailurePolicy Shared = new FailurePolicy();

        public override async ValueTask ProcessAsync(MsMessage message, ReadOnlyMemory<MsPolicy> next)
        {
            try
            {
                await ProcessNextAsync(message, next).ConfigureAwait(false);
            }
            catch (AttemptTimeoutException ex)
            {
                var why = message.Idempotent ? "" : " It was not repeated: the service may already have done the work; check before trying again.";
                throw new MsServiceException($"{message.Name}: {ex.Message}{why}", ErrorCodes.Timeout, 0, null, message.Name, message.Target, ex);
            }
            catch (Exception ex) when ((ex is HttpRequestException || ex is IOException) && !message.Context.Token.IsCancellationRequested)
            {
                var why = message.Idempotent || Transport.NeverSent(ex) ? "" : " It was not repeated: the request may have reached the service; check before trying again.";
                throw new MsServiceException($"{message.Name} failed on the network: {Transport.Innermost(ex).Message}.{why}", ErrorCodes.Network, 0, null, message.Name, message.Target, ex);
            }
            var response = message.Response!;
            if (!response.IsSuccess && message.Options.Failures == Failures.Throw) throw ToException(response, message.Name, message.Target);
        }

        internal static MsServiceException ToException(MsResponse response, string operation, object? target)
        {
            var error = response.Error;
            var code = error?.ErrorCode ?? (response.StatusCode == 429 ? ErrorCodes.Throttled : $"HTTP.{response.StatusCode}");
            var requestId = response.RequestId ?? error?.RequestId;
            var text = error?.ErrorMsg ?? $"The service answered HTTP {response.StatusCode}.";
            var what = target != null ? $" [{operation} {target}]" : $" [{operation}]";
            return new MsServiceException($"{text} ({code}, HTTP {response.StatusCode}, request id {requestId ?? "n/a"}){what}",
                code, response.StatusCode, requestId, operation, target);
        }
    }
}
