using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MetaStudio.Emulator.Infrastructure
{
    public static class EmuJson
    {
        public static JsonSerializerOptions Options { get; } = new()
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            PropertyNameCaseInsensitive = true,
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
        };
    }

    /// <summary>What a handler answers: status, a body (serialised as snake_case JSON, or raw bytes) and headers.</summary>
    public sealed class EmuResponse
    {
        public int Status { get; init; } = 200;
        public object? Body { get; init; }
        public byte[]? RawBody { get; init; }
        public string? ContentType { get; init; }
        public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

        public static EmuResponse Ok(object? body = null) => new() { Status = 200, Body = body };
        public static EmuResponse Created(object? body = null) => new() { Status = 201, Body = body };
        public static EmuResponse NoContent() => new() { Status = 204 };
        public static EmuResponse Bytes(byte[] data, string contentType) => new() { Status = 200, RawBody = data, ContentType = contentType };
    }

    /// <summary>A service error; handlers throw it and the dispatcher writes the error body.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1710", Justification = "Named after what it answers (the service's error body), used as `throw new EmuError(...)` in every handler.")]
    public sealed class EmuError : Exception
    {
        public EmuError(int status, string code, string message) : base(message)
        {
            Status = status;
            Code = code;
        }

        public int Status { get; }
        public string Code { get; }

        public static EmuError BadRequest(string code, string message) => new(400, code, message);
        public static EmuError NotFound(string code, string message) => new(404, code, message);
        public static EmuError Invalid(string message) => new(400, "MSS.10000003", message);
    }
}
