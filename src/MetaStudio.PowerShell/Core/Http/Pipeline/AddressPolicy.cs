#nullable enable
using System;
using System.Threading.Tasks;

namespace MetaStudio.PowerShell.Core.Http.Pipeline
{
    /// <summary>
    /// Where a catalog operation goes: the session's project (looked up through IAM on first use, a call of its
    /// own through this same pipeline), the path with every placeholder escaped, the query, the endpoint.
    /// Calls outside the catalog come with their address.
    /// </summary>
    internal sealed class AddressPolicy : MsPolicy
    {
        private readonly MsSession _session;

        public AddressPolicy(MsSession session) => _session = session;

        public override ValueTask ProcessAsync(MsMessage message, ReadOnlyMemory<MsPolicy> next)
        {
            if (message.Operation == null) return ProcessNextAsync(message, next);
            var projectId = _session.ProjectId;
            if (projectId == null) return LookUpThenAsync(message, next);
            Address(message, projectId);
            return ProcessNextAsync(message, next);
        }

        private async ValueTask LookUpThenAsync(MsMessage message, ReadOnlyMemory<MsPolicy> next)
        {
            Address(message, await _session.GetProjectIdAsync(message.Context).ConfigureAwait(false));
            await ProcessNextAsync(message, next).ConfigureAwait(false);
        }

        private void Address(MsMessage message, string projectId)
        {
            var request = message.Operation!;
            var path = request.BuildPath(projectId);
            message.ProjectId = projectId;
            message.Uri = new Uri(_session.Endpoint, path + request.BuildQueryString());
            message.Label = request.Operation.Method + " " + path;
        }
    }
}
