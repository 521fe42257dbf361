using System;
using System.Diagnostics.CodeAnalysis;
using System.Net.Http;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Http;

namespace MetaStudio.PowerShell.Core.Auth
{
    /// <summary>
    /// IAM user name, password and domain. The token IAM issues (valid 24 h) is cached and renewed
    /// once 80% of its life has passed, so a scheduled job that runs for days never sees it expire.
    /// </summary>
    [SuppressMessage("Design", "CA1001", Justification = "The semaphore only orders token renewals (no wait handle is ever created) and lives as long as the session that owns the credential.")]
    internal sealed class PasswordCredential : MsCredential
    {
        private readonly SecureString _password;
        private readonly SemaphoreSlim _refresh = new SemaphoreSlim(1, 1);
        private IamClient.IamToken? _token;

        public PasswordCredential(string userName, SecureString password, string? domainName)
        {
            if (string.IsNullOrWhiteSpace(userName)) throw new ArgumentException("A user name is required.");
            if (SecretText.IsNullOrEmpty(password)) throw new ArgumentException("A password is required.");
            if (domainName == null || string.IsNullOrWhiteSpace(domainName)) throw new ArgumentException("-DomainName is required with -Credential.");
            UserName = userName;
            DomainName = domainName;
            _password = password.Copy();
            _password.MakeReadOnly();
        }

        public string UserName { get; }
        public string DomainName { get; }
        public override string AuthMode => "Password";
        public override string Identity => $"{UserName}@{DomainName}";

        /// <summary>When the current token expires; null before the first call.</summary>
        public DateTimeOffset? TokenExpiresAt => _token?.ExpiresAt;

        public override DateTimeOffset? ExpiresAt => TokenExpiresAt;

        internal override Task PrepareAsync(MsSession session, CallContext context) => CurrentTokenAsync(session, context);

        internal override async Task AuthorizeAsync(HttpRequestMessage request, byte[]? body, MsSession session, CallContext context)
        {
            var token = await CurrentTokenAsync(session, context).ConfigureAwait(false);
            request.Headers.Remove("X-Auth-Token");
            request.Headers.TryAddWithoutValidation("X-Auth-Token", SecretText.Reveal(token.Value));
        }

        internal override bool Renewable => true;

        internal override bool Invalidate()
        {
            _token = null;
            return true;
        }

        internal override async Task<string?> ProjectIdFromAuthAsync(MsSession session, CallContext context)
            => (await CurrentTokenAsync(session, context).ConfigureAwait(false)).ProjectId;

        private async Task<IamClient.IamToken> CurrentTokenAsync(MsSession session, CallContext context)
        {
            var token = _token;
            if (token != null && !NeedsRenewal(token)) return token;
            await _refresh.WaitAsync(context.Token).ConfigureAwait(false);
            try
            {
                if (_token != null && !NeedsRenewal(_token)) return _token;
                if (_token != null) context.Verbose($"Renewing the IAM token for {Identity}; it expires at {_token.ExpiresAt:u}.");
                _token = await IamClient.GetTokenAsync(session, UserName, _password, DomainName,
                    session.Region, session.ExplicitProjectId, context).ConfigureAwait(false);
                return _token;
            }
            finally
            {
                _refresh.Release();
            }
        }

        private static bool NeedsRenewal(IamClient.IamToken token)
        {
            var life = token.ExpiresAt - token.IssuedAt;
            return DateTimeOffset.UtcNow >= token.IssuedAt + TimeSpan.FromTicks((long)(life.Ticks * 0.8));
        }
    }
}
