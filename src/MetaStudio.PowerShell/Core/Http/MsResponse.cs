using System;
using System.Collections.Generic;
using System.Net.Http.Headers;
using MetaStudio.PowerShell.Core.Json;

namespace MetaStudio.PowerShell.Core.Http
{
    /// <summary>A response read whole: status, request id, body bytes.</summary>
    internal sealed class MsResponse
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
            : this(statusCode, requestId, body, retryAfter, (IReadOnlyDictionary<string, string>?)null)
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
                        var first = "";   // a header listed without a value reads as empty
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

        /// <summary>The catalog request this answers (set by the pipeline's answer check); null outside the catalog.</summary>
        internal MsRequest? Source { get; set; }

        /// <summary>
        /// A failure the pipeline settled as done: the 404 of a DELETE repeated after an earlier attempt's answer was lost
        /// (the first attempt deleted it). Its body is the 404's and is not read.
        /// </summary>
        internal bool Settled { get; set; }

        /// <summary>
        /// The answer read into <typeparamref name="T"/>. The pipeline has checked a catalog answer already; a body the
        /// type still cannot read is MetaStudio.UnexpectedResponse, never a raw JsonException.
        /// </summary>
        public T? As<T>()
        {
            Model.WireModelAttribute.Require(typeof(T));
            if (Settled) return default;
            try
            {
                return MsJson.Deserialize<T>(Body);
            }
            catch (System.Text.Json.JsonException ex)
            {
                throw Unreadable(typeof(T), ex.Message, ex);
            }
        }

        /// <summary>
        /// <see cref="As{T}"/> for an answer that must hold an object (a show, a create's answer): nothing to read is
        /// MetaStudio.UnexpectedResponse here, not a null for the caller to trip over later.
        /// </summary>
        public T AsRequired<T>() where T : class => As<T>() ?? throw Unreadable(typeof(T), "it is empty", null);

        private Errors.MsServiceException Unreadable(Type type, string why, Exception? inner)
        {
            var name = Source?.Operation.Name ?? type.Name;
            return new Errors.MsServiceException(
                $"{name} answered HTTP {StatusCode} with a body that cannot be read as {type.Name} ({why}; request id {RequestId ?? "n/a"}). Body: {AnswerCheck.Excerpt(Body)}",
                Errors.ErrorCodes.UnexpectedResponse, StatusCode, RequestId, name, Source?.Target, inner);
        }
    }
}
