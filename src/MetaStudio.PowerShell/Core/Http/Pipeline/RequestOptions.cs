#nullable enable
using System;

namespace MetaStudio.PowerShell.Core.Http.Pipeline
{
    /// <summary>How a request is signed.</summary>
    internal enum Signing
    {
        /// <summary>Not at all: a signed URL (OBS) or a call whose body is the proof (an IAM token request, federation, ECS metadata).</summary>
        None,
        /// <summary>By the session's credential only (IAM's project lookup).</summary>
        Credential,
        /// <summary>As MetaStudio expects: project and app-user headers, the credential's signature, the cmdlet in the User-Agent.</summary>
        Service,
    }

    /// <summary>What happens to an answer that is not a success once retries are over.</summary>
    internal enum Failures
    {
        /// <summary>It becomes an MsServiceException with the service's code and request id.</summary>
        Throw,
        /// <summary>It goes back to the caller, which reads it in its own terms (IAM and metadata errors have their own shapes).</summary>
        Return,
    }

    /// <summary>
    /// Which steps of the session's pipeline apply to a request. The presets are shared and never change; a caller
    /// that needs another attempt timeout takes a copy (<c>with</c>-style, <see cref="WithAttemptTimeout"/>).
    /// </summary>
    internal sealed class RequestOptions
    {
        /// <summary>A catalog operation: checked against the spec, within the rate limit, signed for MetaStudio, errors thrown.</summary>
        public static readonly RequestOptions Operation = new RequestOptions { CheckSpec = true, RateLimit = true, Signing = Signing.Service };

        /// <summary>A URL the service handed out (OBS upload or download): its query is its signature, so nothing is added.</summary>
        public static readonly RequestOptions SignedUrl = new RequestOptions();

        /// <summary>An IAM call the session's credential signs (the project lookup); the caller reads failures.</summary>
        public static readonly RequestOptions IamSigned = new RequestOptions { Signing = Signing.Credential, Failures = Failures.Return };

        /// <summary>An IAM, federation or metadata call whose body or headers are the proof; the caller reads failures.</summary>
        public static readonly RequestOptions IamUnsigned = new RequestOptions { Failures = Failures.Return };

        /// <summary>Check the body and query against the official request model before anything is sent.</summary>
        public bool CheckSpec { get; private set; }

        /// <summary>Wait for the client-side limiter of the operation (tenant, region, API) before each attempt.</summary>
        public bool RateLimit { get; private set; }

        public Signing Signing { get; private set; }

        public Failures Failures { get; private set; }

        /// <summary>A limit per attempt other than the session's (the ECS metadata service answers at once or not at all).</summary>
        public TimeSpan? AttemptTimeout { get; private set; }

        public RequestOptions WithAttemptTimeout(TimeSpan timeout)
            => new RequestOptions { CheckSpec = CheckSpec, RateLimit = RateLimit, Signing = Signing, Failures = Failures, AttemptTimeout = timeout };
    }
}
