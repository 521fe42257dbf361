using System;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net.Http;
using System.Security;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Http;

namespace MetaStudio.PowerShell.Core.Auth
{
    /// <summary>
    /// Temporary AK/SK and security token fetched from a source (the ECS metadata service, IAM federation) and
    /// fetched again before they expire. Every request is signed with one consistent snapshot of the three;
    /// one renewal runs at a time, however many requests need it, and the others wait for its result.
    /// </summary>
    [SuppressMessage("Design", "CA1001", Justification = "The semaphore only orders key renewals (no wait handle is ever created) and lives as long as the session that owns the credential.")]
    internal abstract class TemporaryCredential : MsCredential
    {
        /// <summary>The official SDKs renew 40 minutes before expiry (base_credentials.go defaultExpirationThresholdSeconds).</summary>
        internal static readonly TimeSpan RenewalMargin = TimeSpan.FromMinutes(40);

        private readonly SemaphoreSlim _renew = new SemaphoreSlim(1, 1);
        private Lease? _current;
        private bool _refused;
        private DateTimeOffset _retryAfter;

        /// <summary>One set of temporary keys and when they stop working.</summary>
        internal sealed class Lease
        {
            public Lease(AkSkCredential keys, DateTimeOffset expiresAt, DateTimeOffset fetchedAt)
            {
                Keys = keys;
                ExpiresAt = expiresAt;
                // 40 minutes before expiry like the SDKs, but never later than 80% of the remaining life, so
                // keys that live only minutes (or that the source hands out late in their life) are renewed in time.
                var remaining = expiresAt - fetchedAt;
                var margin = TimeSpan.FromTicks(Math.Min(RenewalMargin.Ticks, Math.Max(0, remaining.Ticks / 5)));
                RenewAt = expiresAt - margin;
            }

            public AkSkCredential Keys { get; }
            public DateTimeOffset ExpiresAt { get; }
            public DateTimeOffset RenewAt { get; }
        }

        /// <summary>The clock renewals are decided by; tests move it forward instead of waiting.</summary>
        internal TimeProvider Clock { get; set; } = TimeProvider.System;

        public override string AuthMode => "TemporaryAkSk";

        /// <summary>The current temporary access key; it changes at each renewal.</summary>
        public override string Identity => Volatile.Read(ref _current)?.Keys.AccessKey ?? "(not fetched yet)";

        /// <summary>When the current temporary keys expire.</summary>
        public override DateTimeOffset? ExpiresAt => Volatile.Read(ref _current)?.ExpiresAt;

        /// <summary>"ECS agency credentials", "federated credentials": for messages.</summary>
        protected abstract string What { get; }

        /// <summary>Fetches fresh keys from the source.</summary>
        internal abstract Task<Lease> FetchAsync(MsSession session, CallContext ctx);

        internal override async Task AuthorizeAsync(HttpRequestMessage request, byte[]? body, MsSession session, CallContext context)
            => (await CurrentAsync(session, context).ConfigureAwait(false)).Keys.Sign(request, body);

        internal override Task PrepareAsync(MsSession session, CallContext context) => CurrentAsync(session, context);

        internal override bool Renewable => true;

        /// <summary>After a 401 the keys are fetched again before the next request, even if they should still be valid.</summary>
        internal override bool Invalidate()
        {
            Volatile.Write(ref _refused, true);
            return true;
        }

        internal async Task<Lease> CurrentAsync(MsSession session, CallContext ctx)
        {
            var lease = Volatile.Read(ref _current);
            if (Usable(lease, Clock.GetUtcNow())) return lease;
            await _renew.WaitAsync(ctx.Token).ConfigureAwait(false);
            try
            {
                // Another request may have renewed while this one waited.
                lease = _current;
                var now = Clock.GetUtcNow();
                if (Usable(lease, now)) return lease;
                // A renewal failed a moment ago and the keys still work: do not hold every request up retrying it.
                if (lease != null && !_refused && now < _retryAfter && now < lease.ExpiresAt) return lease;
                if (lease != null)
                    ctx.Verbose(_refused
                        ? $"Renewing the {What}: the service refused the current ones."
                        : $"Renewing the {What}; they expire at {lease.ExpiresAt.ToLocalTime():u}.");
                try
                {
                    var fresh = await FetchAsync(session, ctx).ConfigureAwait(false);
                    _refused = false;
                    Volatile.Write(ref _current, fresh);
                    ctx.Verbose($"Got {What} for access key {fresh.Keys.AccessKey}; they expire at {fresh.ExpiresAt.ToLocalTime():u}.");
                    return fresh;
                }
                catch (Exception ex) when (lease != null && !_refused && now < lease.ExpiresAt && !(ex is OperationCanceledException))
                {
                    var wait = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(30).Ticks, (lease.ExpiresAt - now).Ticks / 4));
                    _retryAfter = now + wait;
                    ctx.Warning($"Could not renew the {What} ({ex.Message}); the current ones work until {lease.ExpiresAt.ToLocalTime():u} and renewal is tried again in {wait.TotalSeconds:0} s.");
                    return lease;
                }
            }
            finally
            {
                _renew.Release();
            }
        }

        private bool Usable([NotNullWhen(true)] Lease? lease, DateTimeOffset now) => lease != null && !Volatile.Read(ref _refused) && now < lease.RenewAt;

        /// <summary>
        /// Reads {"credential": {"access", "secret", "securitytoken", "expires_at"}}, the answer of both the ECS
        /// metadata service and IAM (huaweicloud-sdk-go-v3 core/auth/internal/iam_model.go Credential).
        /// </summary>
        internal Lease ParseCredential(byte[] body, string source)
        {
            string? access, expires;
            SecureString? secret, token;
            try
            {
                using (var doc = JsonDocument.Parse(body))
                {
                    var c = doc.RootElement.GetProperty("credential");
                    access = c.GetProperty("access").GetString();
                    expires = c.GetProperty("expires_at").GetString();
                    secret = SecretText.ToSecureString(c.GetProperty("secret").GetString());
                    token = SecretText.ToSecureString(c.GetProperty("securitytoken").GetString());
                }
            }
            catch (Exception ex) when (ex is JsonException || ex is InvalidOperationException || ex is System.Collections.Generic.KeyNotFoundException)
            {
                throw new CredentialException($"{source} answered without a complete credential (access, secret, securitytoken, expires_at).", CredentialException.MetadataFailed, ex);
            }
            if (access == null || secret == null)
                throw new CredentialException($"{source} answered without a complete credential (access, secret, securitytoken, expires_at).", CredentialException.MetadataFailed);
            // "2006-01-02T15:04:05Z" in the SDK's layout; real answers add microseconds, which that parser also accepts.
            if (!DateTimeOffset.TryParse(expires, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var expiresAt))
                throw new CredentialException($"{source} answered with an unreadable expires_at.", CredentialException.MetadataFailed);
            return new Lease(new AkSkCredential(access, secret, token), expiresAt, Clock.GetUtcNow());
        }
    }
}
