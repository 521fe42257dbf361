using System;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Http.Pipeline;

namespace MetaStudio.PowerShell.Core.Auth
{
    /// <summary>
    /// OIDC federation: an ID token from a file (HUAWEICLOUD_SDK_ID_TOKEN_FILE or id_token_file), exchanged
    /// through IAM for temporary AK/SK the way huaweicloud-sdk-go-v3 does it (core/auth/base_credentials.go
    /// updateAuthTokenByIdToken, core/auth/internal/iam_helper.go):
    /// POST /v3.0/OS-AUTH/id-token/tokens with X-Idp-Id and {"auth":{"id_token":{"id":…}}} for an unscoped token
    /// (X-Subject-Token), then POST /v3.0/OS-CREDENTIAL/securitytokens with {"auth":{"identity":{"methods":["token"],
    /// "token":{"id":…,"duration_seconds":21600}}}} for the keys. The file is read again at each renewal, so a
    /// platform that rotates the ID token (a Kubernetes projected token, a CI job token) is followed.
    /// </summary>
    internal sealed class FederatedCredential : TemporaryCredential
    {
        internal const string IdTokenPath = "/v3.0/OS-AUTH/id-token/tokens";
        internal const string SecurityTokensPath = "/v3.0/OS-CREDENTIAL/securitytokens";
        internal const string IdpHeader = "X-Idp-Id";
        /// <summary>base_credentials.go defaultDurationSeconds.</summary>
        internal const int DurationSeconds = 6 * 60 * 60;

        public FederatedCredential(string idpId, string idTokenFile)
        {
            if (string.IsNullOrWhiteSpace(idpId)) throw new ArgumentException("An identity provider id (idp_id) is required.");
            if (string.IsNullOrWhiteSpace(idTokenFile)) throw new ArgumentException("An ID token file (id_token_file) is required.");
            IdpId = idpId.Trim();
            IdTokenFile = idTokenFile.Trim();
        }

        public string IdpId { get; }
        public string IdTokenFile { get; }

        protected override string What => $"federated credentials of identity provider {IdpId}";

        internal override string CacheKey => "federation|" + IdpId + "|" + Path.GetFullPath(IdTokenFile);

        internal override async Task<Lease> FetchAsync(MsSession session, CallContext ctx)
        {
            var iam = session.IamEndpoint;
            var idToken = ReadIdToken();
            var tokenBody = JsonSerializer.SerializeToUtf8Bytes(new { auth = new { id_token = new { id = idToken } } });
            var tokenResponse = await Post(session, ctx, IdTokenPath, tokenBody, IdpId).ConfigureAwait(false);
            Array.Clear(tokenBody, 0, tokenBody.Length);
            if (!tokenResponse.IsSuccess) throw Refused(tokenResponse, "exchange the ID token");
            if (!tokenResponse.Headers.TryGetValue("X-Subject-Token", out var subjectToken) || string.IsNullOrEmpty(subjectToken))
                throw new MsServiceException("IAM answered the ID token exchange without an X-Subject-Token header.", ErrorCodes.IamFailed,
                    tokenResponse.StatusCode, tokenResponse.RequestId, "CreateTokenWithIdToken", IdpId);

            var keysBody = JsonSerializer.SerializeToUtf8Bytes(new
            {
                auth = new { identity = new { methods = new[] { "token" }, token = new { id = subjectToken, duration_seconds = DurationSeconds } } },
            });
            var keysResponse = await Post(session, ctx, SecurityTokensPath, keysBody, null).ConfigureAwait(false);
            Array.Clear(keysBody, 0, keysBody.Length);
            if (!keysResponse.IsSuccess) throw Refused(keysResponse, "get temporary keys for the federated token");
            return ParseCredential(keysResponse.Body, $"IAM ({iam.Host})");
        }

        private string ReadIdToken()
        {
            string text;
            try
            {
                text = File.ReadAllText(IdTokenFile);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new CredentialException($"The ID token file '{IdTokenFile}' cannot be read: {ex.Message}", CredentialException.IdTokenUnreadable, ex);
            }
            var token = text.Trim();
            if (token.Length == 0)
                throw new CredentialException($"The ID token file '{IdTokenFile}' is empty.", CredentialException.IdTokenUnreadable);
            return token;
        }

        /// <summary>Unsigned, like the SDK's (the ID token or IAM token in the body is the proof); retried like a read, since a second token only replaces the first.</summary>
        private static Task<MsResponse> Post(MsSession session, CallContext ctx, string path, byte[] body, string? idpId)
        {
            var uri = new Uri(session.IamEndpoint, path);
            ctx.Verbose($"POST {session.IamEndpoint.GetLeftPart(UriPartial.Authority)}{path} (federation)");
            var message = new MsMessage(RequestOptions.IamUnsigned, ctx, "POST " + path, path, idempotent: true)
            {
                Method = HttpMethod.Post, Uri = uri, Body = body, ContentType = "application/json;charset=UTF-8",
            };
            if (idpId != null) message.WithHeader(IdpHeader, idpId);
            return session.Client.SendAsync(message);
        }

        private MsServiceException Refused(MsResponse response, string what)
        {
            var error = ServiceError.Parse(response.Body);
            var code = response.StatusCode >= 500 || response.StatusCode == 429 ? $"HTTP.{response.StatusCode}" : ErrorCodes.IamFailed;
            return new MsServiceException(
                $"IAM refused to {what} of identity provider '{IdpId}' (ID token file '{IdTokenFile}'): {error?.ErrorMsg ?? "HTTP " + response.StatusCode} (HTTP {response.StatusCode}, request id {response.RequestId ?? "n/a"}).",
                code, response.StatusCode, response.RequestId, "CreateTokenWithIdToken", IdpId);
        }
    }
}
