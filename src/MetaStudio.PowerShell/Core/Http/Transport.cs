using System;
using System.Net.Sockets;

namespace MetaStudio.PowerShell.Core.Http
{
    /// <summary>Facts about transport failures that decide whether a retry can duplicate work.</summary>
    internal static class Transport
    {
        /// <summary>
        /// True only when the failure proves no byte of the request reached the service: the
        /// connection was refused or the host could not be resolved or reached.
        /// </summary>
        public static bool NeverSent(Exception ex)
        {
            for (var e = ex; e != null; e = e.InnerException)
            {
                if (e is SocketException se)
                {
                    switch (se.SocketErrorCode)
                    {
                        case SocketError.ConnectionRefused:
                        case SocketError.HostNotFound:
                        case SocketError.HostUnreachable:
                        case SocketError.NetworkUnreachable:
                        case SocketError.TryAgain:
                        case SocketError.AddressNotAvailable:
                            return true;
                    }
                }
            }
            return false;
        }

        /// <summary>The innermost exception, whose message says what actually failed.</summary>
        public static Exception Innermost(Exception ex)
        {
            while (ex.InnerException != null) ex = ex.InnerException;
            return ex;
        }
    }

    /// <summary>One attempt ran past its timeout (the session's -TimeoutSec, or the request's own).</summary>
    internal sealed class AttemptTimeoutException : Exception
    {
        public AttemptTimeoutException(TimeSpan timeout, Exception? inner = null) : base($"No response within {timeout.TotalSeconds:0.#} s.", inner) { }
    }
}
