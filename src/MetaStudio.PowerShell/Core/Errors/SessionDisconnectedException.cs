#nullable enable
using System;

namespace MetaStudio.PowerShell.Core.Errors
{
    /// <summary>
    /// A call through a session that was disposed (MsSession.Dispose): error id MetaStudio.SessionDisconnected, a session
    /// failure (terminating), instead of the HTTP client's "Cannot access a disposed object".
    /// </summary>
    internal sealed class SessionDisconnectedException : MsServiceException
    {
        public SessionDisconnectedException(string session, DateTimeOffset at, string? operation, object? target, Exception? inner = null)
            : base($"This session was disconnected: {session} was disposed at {at:T}, so it cannot send {operation ?? "requests"} any more.",
                ErrorCodes.SessionDisconnected, 0, null, operation, target, inner)
        {
        }

        internal override bool IsSessionFailure => true;
    }
}
