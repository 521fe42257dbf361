using System;
using System.Threading.Tasks;

#nullable enable

namespace MetaStudio.PowerShell.Core.Http.Pipeline
{
    /// <summary>
    /// Right after the failure step: a session that was disposed (MsSession.Dispose) sends nothing and says so
    /// (SessionDisconnectedException, MetaStudio.SessionDisconnected), also when it is disposed while a call is on
    /// its way, instead of the HTTP client's "Cannot access a disposed object".
    /// </summary>
    internal sealed class SessionOpenPolicy : MsPolicy
    {
        private readonly MsSession _session;

        public SessionOpenPolicy(MsSession session) => _session = session;

        public override async ValueTask ProcessAsync(MsMessage message, ReadOnlyMemory<MsPolicy> next)
        {
            _session.ThrowIfDisconnected(message.Name, message.Target);
            try
            {
                await ProcessNextAsync(message, next).ConfigureAwait(false);
            }
            catch (ObjectDisposedException ex) when (_session.DisposedAt != null)
            {
                _session.ThrowIfDisconnected(message.Name, message.Target, ex);
                throw;
            }
        }
    }
}
