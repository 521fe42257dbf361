using System;
using System.Net.Http;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Http.Pipeline;

namespace MetaStudio.PowerShell.Core.Http
{
    /// <summary>
    /// A session's way to the network: one pipeline of small steps (<see cref="MsPipelineBuilder"/>), built once,
    /// that every call goes through: catalog operations, upload and download URLs, IAM and the metadata service.
    /// What differs per call is the message's <see cref="RequestOptions"/>.
    /// </summary>
    internal sealed class MsClient
    {
        private readonly MsPipeline _pipeline;

        internal MsClient(MsSession session) : this(new MsPipelineBuilder(session).Build()) { }

        internal MsClient(MsPipeline pipeline) => _pipeline = pipeline;

        internal MsPipeline Pipeline => _pipeline;

        /// <summary>Sends a catalog operation and returns its successful response, or throws MsServiceException.</summary>
        public Task<MsResponse> SendAsync(MsRequest request, CallContext ctx) => SendAsync(MsMessage.ForOperation(request, ctx));

        public async Task<T?> SendAsync<T>(MsRequest request, CallContext ctx)
            => (await SendAsync(request, ctx).ConfigureAwait(false)).As<T>();

        /// <summary>
        /// Sends any message through the pipeline and returns the last answer: a success, or (with
        /// <see cref="Failures.Return"/>) whatever the service said. The message is disposed.
        /// </summary>
        internal async Task<MsResponse> SendAsync(MsMessage message)
        {
            using (message)
            {
                await _pipeline.SendAsync(message).ConfigureAwait(false);
                // The transport sets an answer or throws; a pipeline that returns without one is a bug in a policy.
                return message.Response ?? throw new InvalidOperationException("The request pipeline ended without an answer.");
            }
        }

        /// <summary>A catalog request as the pipeline builds it for each attempt (the signer's cross-check builds the same).</summary>
        internal static HttpRequestMessage BuildMessage(string method, Uri uri, byte[]? body)
            => MsMessage.BuildRequest(MsMessage.MethodOf(method), uri, body, "application/json");
    }
}
