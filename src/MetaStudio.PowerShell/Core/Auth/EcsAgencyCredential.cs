using System;
using System.Net.Http;
using System.Security;
using System.Text;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Http.Pipeline;

namespace MetaStudio.PowerShell.Core.Auth
{
    /// <summary>
    /// The temporary credentials of the agency attached to the ECS instance the module runs on, from the
    /// instance metadata service, fetched exactly as huaweicloud-sdk-go-v3 core/auth/internal/metadata_accessor.go
    /// does: PUT /meta-data/latest/api/token (X-Metadata-Token-Ttl-Seconds) for a session token, then
    /// GET /openstack/latest/securitykey with X-Metadata-Token; a service without tokens (404, 405, 503 to the PUT)
    /// is asked without one, and a 401 gets one fresh token and one more try. Used only when asked for
    /// (Connect-MsService -EcsAgency, or credential_source = EcsAgency in a profile), never tried on its own.
    /// </summary>
    internal sealed class EcsAgencyCredential : TemporaryCredential
    {
        /// <summary>metadata_accessor.go MetadataEndpoint; reachable only from inside an ECS instance.</summary>
        public const string DefaultMetadataEndpoint = "http://169.254.169.254";
        internal const string TokenPath = "/meta-data/latest/api/token";
        internal const string SecurityKeyPath = "/openstack/latest/securitykey";
        internal const string TokenHeader = "X-Metadata-Token";
        internal const string TokenTtlHeader = "X-Metadata-Token-Ttl-Seconds";
        /// <summary>The metadata service's answer when the instance has no agency (metadata_accessor.go ConfigAgencyError).</summary>
        internal const string NoAgencyMessage = "Please configure Cloud Service Agency first";
        private const int TokenTtlSeconds = 6 * 60 * 60;          // DefaultTokenTTLSeconds
        private static readonly TimeSpan TokenRetryInterval = TimeSpan.FromHours(24); // DefaultCheckTokenDurationSecond
        /// <summary>The SDK's metadata client gives up after 3 s: the service is on the instance itself.</summary>
        internal static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(3);
        private static readonly RequestOptions MetadataCall = RequestOptions.IamUnsigned.WithAttemptTimeout(AttemptTimeout);

        private SecureString? _metadataToken;
        private DateTimeOffset? _lastTokenCall;

        public EcsAgencyCredential(Uri? metadataEndpoint = null)
        {
            MetadataEndpoint = metadataEndpoint ?? new Uri(DefaultMetadataEndpoint);
            if (!MetadataEndpoint.IsAbsoluteUri || (MetadataEndpoint.Scheme != Uri.UriSchemeHttp && MetadataEndpoint.Scheme != Uri.UriSchemeHttps))
                throw new ArgumentException($"-MetadataEndpoint '{metadataEndpoint}' must be an absolute http(s) URI.");
        }

        public Uri MetadataEndpoint { get; }

        protected override string What => "ECS agency credentials";

        internal override string CacheKey => "ecs|" + MetadataEndpoint.GetLeftPart(UriPartial.Authority);

        internal override async Task<Lease> FetchAsync(MsSession session, CallContext ctx)
        {
            try
            {
                return await FetchOnceAsync(session, ctx).ConfigureAwait(false);
            }
            catch (Errors.MsServiceException ex) when (!(ex is CredentialException) && !(ex is NetworkGuardException))
            {
                // A timeout or network failure here leaves the session without keys: a session failure, not an item's.
                throw new CredentialException($"Could not get the ECS agency credentials from {MetadataEndpoint.GetLeftPart(UriPartial.Authority)}: {ex.Message}",
                    CredentialException.MetadataFailed, ex);
            }
        }

        private async Task<Lease> FetchOnceAsync(MsSession session, CallContext ctx)
        {
            if (_metadataToken == null && (_lastTokenCall == null || Clock.GetUtcNow() - _lastTokenCall > TokenRetryInterval))
                await UpdateTokenAsync(session, ctx, required: false).ConfigureAwait(false);

            var response = await GetSecurityKeyAsync(session, ctx).ConfigureAwait(false);
            if (response.StatusCode == 401 && !BodyText(response).Contains(NoAgencyMessage))
            {
                await UpdateTokenAsync(session, ctx, required: true).ConfigureAwait(false);
                response = await GetSecurityKeyAsync(session, ctx).ConfigureAwait(false);
            }
            if (response.StatusCode >= 400 || response.StatusCode < 200)
                throw Failure(response, BodyText(response).Contains(NoAgencyMessage)
                    ? "the instance has no agency: attach one (ECS console, Management > Agency) that may use MetaStudio"
                    : $"GET {SecurityKeyPath} answered HTTP {response.StatusCode}");
            return ParseCredential(response.Body, "The ECS metadata service");
        }

        private Task<MsResponse> GetSecurityKeyAsync(MsSession session, CallContext ctx)
        {
            var token = _metadataToken;
            return Send(session, ctx, HttpMethod.Get, SecurityKeyPath, TokenHeader, token != null ? SecretText.Reveal(token) : null);
        }

        /// <summary>metadata_accessor.go tryUpdateToken: 200 is a token; 404/405/503 mean "no tokens here" unless one is required.</summary>
        private async Task UpdateTokenAsync(MsSession session, CallContext ctx, bool required)
        {
            _lastTokenCall = Clock.GetUtcNow();
            var response = await Send(session, ctx, HttpMethod.Put, TokenPath,
                TokenTtlHeader, TokenTtlSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)).ConfigureAwait(false);
            switch (response.StatusCode)
            {
                case 200:
                    _metadataToken = SecretText.ToSecureString(BodyText(response));
                    return;
                case 404: case 405: case 503:
                    if (required) throw Failure(response, $"PUT {TokenPath} answered HTTP {response.StatusCode}");
                    _metadataToken = null;
                    return;
                default:
                    throw Failure(response, $"PUT {TokenPath} answered HTTP {response.StatusCode}");
            }
        }

        /// <summary>Through the session's pipeline like every other call (timeouts, retries, the network guard), unsigned, with the SDK's 3 s attempt limit.</summary>
        private Task<MsResponse> Send(MsSession session, CallContext ctx, HttpMethod method, string path, string header, string? value)
        {
            var uri = new Uri(MetadataEndpoint, path);
            ctx.Verbose($"{method.Method} {MetadataEndpoint.GetLeftPart(UriPartial.Authority)}{path} (ECS metadata)");
            var message = new MsMessage(MetadataCall, ctx, $"{method.Method} {path}", MetadataEndpoint, idempotent: true) { Method = method, Uri = uri };
            if (value != null) message.WithHeader(header, value);
            return session.Client.SendAsync(message);
        }

        private static string BodyText(MsResponse response) => response.Body == null ? "" : Encoding.UTF8.GetString(response.Body);

        private CredentialException Failure(MsResponse response, string why)
            => new CredentialException($"Could not get the ECS agency credentials from {MetadataEndpoint.GetLeftPart(UriPartial.Authority)}: {why}.", CredentialException.MetadataFailed);
    }
}
