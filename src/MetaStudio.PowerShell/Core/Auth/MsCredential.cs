using System;
using System.Net.Http;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Http;

namespace MetaStudio.PowerShell.Core.Auth
{
    /// <summary>How a session proves who it is on each request.</summary>
    internal abstract class MsCredential
    {
        /// <summary>AkSk, TemporaryAkSk (also ECS agency and federated keys) or Password.</summary>
        public abstract string AuthMode { get; }

        /// <summary>Who is calling (access key or user@domain); never a secret.</summary>
        public abstract string Identity { get; }

        /// <summary>
        /// Who is calling with which secret, for process-wide caches of answers that prove the
        /// credentials work (the project lookup): a one-way fingerprint, never the secret itself.
        /// </summary>
        internal virtual string CacheKey => Identity;

        /// <summary>Adds the authentication headers to a request that is otherwise complete.</summary>
        internal abstract Task AuthorizeAsync(HttpRequestMessage request, byte[]? body, MsSession session, CallContext context);

        /// <summary>When the credentials in use stop working (temporary keys, IAM tokens); null for permanent keys.</summary>
        public virtual DateTimeOffset? ExpiresAt => null;

        /// <summary>Gets what the first request needs (a token, temporary keys), so Connect-MsService fails early when it cannot.</summary>
        internal virtual Task PrepareAsync(MsSession session, CallContext context) => Task.CompletedTask;

        /// <summary>True when the credential caches something a 401 can invalidate (a token, temporary keys), so a second try may succeed.</summary>
        internal virtual bool Renewable => false;

        /// <summary>Called after a 401: drop cached tokens; true when a fresh attempt may succeed.</summary>
        internal virtual bool Invalidate() => false;

        /// <summary>A project id learnt while authenticating (IAM tokens carry one), if any.</summary>
        internal virtual Task<string?> ProjectIdFromAuthAsync(MsSession session, CallContext context) => Task.FromResult<string?>(null);
    }
}
