using System;
using System.Collections.Generic;
using MetaStudio.PowerShell.Core.Json;

namespace MetaStudio.PowerShell.Core.Http
{
    /// <summary>A response read whole: status, request id, body bytes.</summary>
    public sealed class MsResponse
    {
        public MsResponse(int statusCode, string? requestId, byte[] body, TimeSpan? retryAfter, IReadOnlyDictionary<string, string>? headers = null)
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
        public string? RequestId { get; }
        public byte[] Body { get; }
        public TimeSpan? RetryAfter { get; }
        public bool IsSuccess => StatusCode >= 200 && StatusCode < 300;

        /// <summary>The error body's code, if the response has one.</summary>
        public ServiceError? Error => IsSuccess ? null : ServiceError.Parse(Body);

        public bool IsThrottled => StatusCode == 429 || Error?.ErrorCode == Errors.ErrorCodes.Throttled;

        public T? As<T>()
        {
            Model.WireModelAttribute.Require(typeof(T));
            return MsJson.Deserialize<T>(Body);
        }
    }
}
