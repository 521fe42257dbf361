#nullable enable
using System;
using System.Threading.Tasks;

namespace MetaStudio.PowerShell.Core.Http.Pipeline
{
    /// <summary>
    /// Signs each attempt afresh (a retry never carries a stale X-Sdk-Date; a renewed token or temporary key is
    /// picked up). For MetaStudio calls it adds the project and app-user headers first, and after signing the
    /// cmdlet's name in the User-Agent (unsigned, so it cannot upset the signature).
    /// </summary>
    internal sealed class SignPolicy : MsPolicy
    {
        private readonly MsSession _session;

        public SignPolicy(MsSession session) => _session = session;

        public override ValueTask ProcessAsync(MsMessage message, ReadOnlyMemory<MsPolicy> next)
        {
            var signing = message.Options.Signing;
            if (signing == Signing.None) return ProcessNextAsync(message, next);
            var request = message.Request;
            if (signing == Signing.Service)
            {
                request.Headers.TryAddWithoutValidation("X-Project-Id", _session.ProjectId);
                if (!string.IsNullOrEmpty(_session.AppUserId)) request.Headers.TryAddWithoutValidation("X-App-UserId", _session.AppUserId);
            }
            var signed = _session.Credential.AuthorizeAsync(request, message.Body, _session, message.Context);
            // AK/SK signs at once; a token may have to be fetched first.
            if (!signed.IsCompleted) return SignedThenAsync(signed, message, next);
            signed.GetAwaiter().GetResult();
            return AfterSigning(message, next);
        }

        private static async ValueTask SignedThenAsync(Task signed, MsMessage message, ReadOnlyMemory<MsPolicy> next)
        {
            await signed.ConfigureAwait(false);
            await AfterSigning(message, next).ConfigureAwait(false);
        }

        private static ValueTask AfterSigning(MsMessage message, ReadOnlyMemory<MsPolicy> next)
        {
            // Which cmdlet asked, for the service's logs and the emulator's checks.
            if (message.Options.Signing == Signing.Service && message.Context.Command != null)
                message.Request.Headers.TryAddWithoutValidation("User-Agent", message.Context.UserAgent);
            return ProcessNextAsync(message, next);
        }
    }
}
