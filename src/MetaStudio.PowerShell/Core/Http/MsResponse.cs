// Nullable: annotated, flow warnings still off in this file (issue 12 item 5 follow-up: finish its null checks).
#nullable disable warnings
using System;
using System.Collections.Generic;
using System.Net.Http.Headers;
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
            _headers = headers ?? new Dictionary<string, string>();
        }

        /// <summary>An answer as the client reads it: its headers are copied only if someone asks for them (few do).</summary>
        internal MsResponse(int statusCode, string? requestId, byte[] body, TimeSpan? retryAfter, HttpResponseHeaders headers)
            : this(statusCode, requestId, body, retryAfter, (IReadOnlyDictionary<string, string>)null)
        {
            _headers = null;
            _wireHeaders = headers;
        }

        private IReadOnlyDictionary<string, string>? _headers;
        private HttpResponseHeaders? _wireHeaders;
        private ServiceError? _error;
        private bool _errorRead;

        /// <summary>Response headers, first value of each, names case-insensitive.</summary>
        public IReadOnlyDictionary<string, string> Headers
        {
            get
            {
                if (_headers != null) return _headers;
                var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                if (_wireHeaders != null)
                    foreach (var h in _wireHeaders)
                    {
                        string first = null;
                        foreach (var v in h.Value)
                        {
                            first = v;
                            break;
                        }
                        headers[h.Key] = first;
                    }
                return _headers = headers;
            }
        }

        public int StatusCode { get; }
        public string? RequestId { get; }
        public byte[] Body { get; }
        public TimeSpan? RetryAfter { get; }
        public bool IsSuccess => StatusCode >= 200 && StatusCode < 300;

        /// <summary>The error body's code, if the response has one.</summary>
        public ServiceError? Error
        {
            get
            {
                if (IsSuccess) return null;
                if (!_errorRead)
                {
                    _error = ServiceError.Parse(Body);
                    _errorRead = true;
                }
                return _error;
            }
        }

        public bool IsThrottled => StatusCode == 429 || Error?.ErrorCode == Errors.ErrorCodes.Throttled;

        public T As<T>()
        {
            Model.WireModelAttribute.Require(typeof(T));
            return MsJson.Deserialize<T>(Body);
        }
    }
}
