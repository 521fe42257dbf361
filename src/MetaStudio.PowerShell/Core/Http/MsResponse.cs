using System;
using System.Collections.Generic;
using MetaStudio.PowerShell.Core.Json;

namespace MetaStudio.PowerShell.Core.Http
{
    /// <summary>A response read whole: status, request id, body bytes.</summary>
    public sealed class MsResponse
    {
        public MsResponse(int statusCode, string requestId, byte[] body, TimeSpan? retryAfter, IReadOnlyDictionary<string, string> headers = null)
        {
            StatusCode = statusCode;
            RequestId = requestId;
            Body = body ?? Array.Empty<byte>();
            RetryAfter = retryAfter;
            Headers = headers ?? new Dictionary<string, string>();
        }

        /// <summary>Response headers, first value of each, names case-insensitive.</summary>
        public IReadOnlyDictionary<string, string> Headers { get; }

        public int StatusCode { get; }
        public string RequestId { get; }
        public byte[] Body { get; }
        public TimeSpan? RetryAfter { get; }
        public bool IsSuccess => StatusCode >= 200 && StatusCode < 300;

        /// <summary>The error body's code, if the response has one.</summary>
        public ServiceError Error => IsSuccess ? null : ServiceError.Parse(Body);

        public bool IsThrottled => StatusCode == 429 || Error?.ErrorCode == Errors.ErrorCodes.Throttled;

        /// <summary>The catalog request this answers (set by the pipeline's answer check); null outside the catalog.</summary>
        internal MsRequest Source { get; set; }

        /// <summary>
        /// A failure the pipeline settled as done: the 404 of a DELETE repeated after an earlier attempt's answer was lost
        /// (the first attempt deleted it). Its body is the 404's and is not read.
        /// </summary>
        internal bool Settled { get; set; }

        /// <summary>
        /// The answer read into <typeparamref name="T"/>. The pipeline has checked a catalog answer already; a body the
        /// type still cannot read is MetaStudio.UnexpectedResponse, never a raw JsonException.
        /// </summary>
        public T As<T>()
        {
            Model.WireModelAttribute.Require(typeof(T));
            if (Settled) return default;
            try
            {
                return MsJson.Deserialize<T>(Body);
            }
            catch (System.Text.Json.JsonException ex)
            {
                var name = Source?.Operation.Name ?? typeof(T).Name;
                throw new Errors.MsServiceException(
                    $"{name} answered HTTP {StatusCode} with a body that cannot be read as {typeof(T).Name} ({ex.Message}; request id {RequestId ?? "n/a"}). Body: {AnswerCheck.Excerpt(Body)}",
                    Errors.ErrorCodes.UnexpectedResponse, StatusCode, RequestId, name, Source?.Target, ex);
            }
        }
    }
}
