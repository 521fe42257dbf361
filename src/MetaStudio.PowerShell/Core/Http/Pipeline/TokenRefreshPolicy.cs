#nullable enable
using System;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Auth;

namespace MetaStudio.PowerShell.Core.Http.Pipeline
{
    /// <summary>
    /// A token (or temporary key) can be revoked before its expiry: after a 401 the credential drops what it cached
    /// and the attempt is sent once more, waiting for the limiter and signed afresh like any other. Once per call;
    /// a second 401 is the answer. Only in pipelines whose credential can renew (<see cref="MsCredential.Renewable"/>).
    /// </summary>
    internal sealed class TokenRefreshPolicy : MsPolicy
    {
        private readonly MsCredential _credential;

        public TokenRefreshPolicy(MsCredential credential) => _credential = credential;

        public override ValueTask ProcessAsync(MsMessage message, ReadOnlyMemory<MsPolicy> next)
            => message.Options.Signing == Signing.Service ? RefreshingAsync(message, next) : ProcessNextAsync(message, next);

        private async ValueTask RefreshingAsync(MsMessage message, ReadOnlyMemory<MsPolicy> next)
        {
            await ProcessNextAsync(message, next).ConfigureAwait(false);
            if (message.Response?.StatusCode != 401 || message.TokenRefreshed || !_credential.Invalidate()) return;
            message.TokenRefreshed = true;
            message.Context.Verbose("The service refused the token; getting a new one.");
            message.Restart();
            await ProcessNextAsync(message, next).ConfigureAwait(false);
        }
    }
}
