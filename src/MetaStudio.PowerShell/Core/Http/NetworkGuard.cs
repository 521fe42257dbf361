using System;
using MetaStudio.PowerShell.Core.Errors;

namespace MetaStudio.PowerShell.Core.Http
{
    /// <summary>
    /// With METASTUDIO_LOOPBACK_ONLY=1 no request leaves the machine: anything whose first hop (the proxy, or else
    /// the target) is not a loopback address is refused before a byte is sent. The test suites set it, so a test
    /// that forgot to point an endpoint (MetaStudio, IAM, the ECS metadata service at 169.254.169.254) at the
    /// emulator fails instead of calling the cloud; offline demos and CI jobs can set it too.
    /// </summary>
    internal static class NetworkGuard
    {
        public const string Variable = "METASTUDIO_LOOPBACK_ONLY";

        public static bool Enabled
        {
            get
            {
                var value = Environment.GetEnvironmentVariable(Variable);
                return value == "1" || string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
            }
        }

        /// <summary>Throws NetworkGuardException when the guard is on and <paramref name="target"/> would leave the machine.</summary>
        public static void Check(MsSession session, Uri target)
        {
            if (!Enabled) return;
            var proxy = session.ProxySettings;
            var hop = proxy != null && !proxy.IsBypassed(target) ? proxy.GetProxy(target) : target;
            if (hop.IsLoopback) return;
            var via = hop == target ? "" : $" through the proxy {hop.GetLeftPart(UriPartial.Authority)}";
            throw new NetworkGuardException(
                $"{Variable} is set, so nothing may leave this machine, but a request to {target.GetLeftPart(UriPartial.Authority)}{via} was about to be sent. " +
                "Point -Endpoint, -IamEndpoint and -MetadataEndpoint at a loopback address (the emulator).", target);
        }
    }

    /// <summary>A request the network guard stopped before it was sent.</summary>
    internal sealed class NetworkGuardException : MsServiceException
    {
        public const string Code = "MetaStudio.NetworkGuard";

        public NetworkGuardException(string message, Uri target) : base(message, Code, 0, null, "NetworkGuard", target?.GetLeftPart(UriPartial.Authority)) { }

        /// <summary>A misdirected session, not one item's failure: stop the pipeline.</summary>
        internal override bool IsSessionFailure => true;

        internal override System.Management.Automation.ErrorCategory Category => System.Management.Automation.ErrorCategory.SecurityError;
    }
}
