using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using MetaStudio.PowerShell.Core.Catalog;
using Microsoft.AspNetCore.Http;

namespace MetaStudio.Emulator.Infrastructure
{
    /// <summary>What a handler sees of a request: the operation, route values, query, JSON body, caller.</summary>
    public sealed class EmuRequest
    {
        internal EmuRequest(HttpContext http, Operation operation, Dictionary<string, string> route, byte[] body, string projectId, string region, Uri baseUri)
        {
            Http = http;
            Operation = operation;
            Route = route;
            BodyBytes = body;
            ProjectId = projectId;
            Region = region;
            BaseUri = baseUri;
        }

        public HttpContext Http { get; }
        internal Operation Operation { get; }
        public Dictionary<string, string> Route { get; }
        public byte[] BodyBytes { get; }
        public string ProjectId { get; }
        public string Region { get; }
        /// <summary>The emulator's own address, for URLs it hands out (uploads, downloads).</summary>
        public Uri BaseUri { get; }
        public string? AppUserId => Http.Request.Headers["X-App-UserId"].FirstOrDefault();

        /// <summary>A value of the matched route (its template names it, so it is always there).</summary>
        public string Path(string name) => Route.TryGetValue(name, out var v) ? v
            : throw new InvalidOperationException($"The route of {Operation.Name} has no {{{name}}}.");

        public string? Query(string name)
        {
            var v = Http.Request.Query[name];
            return v.Count == 0 ? null : v.ToString();
        }

        public IReadOnlyList<string> QueryAll(string name) => Http.Request.Query[name].Where(v => v != null).ToArray()!;

        /// <summary>offset (from 0) and limit (1 to 100, default 10), as every list API takes them; 400 when out of range or not integers.</summary>
        public (int Offset, int Limit) Paging()
            => (QueryRange("offset", 0, 0, int.MaxValue), QueryRange("limit", 10, 1, 100));

        /// <summary>An integer query value within [min, max]; the fallback when absent; 400 otherwise.</summary>
        public int QueryRange(string name, int fallback, int min, int max)
        {
            var text = Query(name);
            if (text == null) return fallback;
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v < min || v > max)
                throw EmuError.Invalid($"{name} must be an integer from {min} to {max}.");
            return v;
        }

        /// <summary>A time filter (RFC 3339; UTC when no offset is given), or null when absent; 400 when unreadable.</summary>
        public DateTimeOffset? QueryTime(string name)
        {
            var text = Query(name);
            if (text == null) return null;
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
                ? t : throw EmuError.Invalid($"{name} '{text}' is not an RFC 3339 time such as 2021-01-10T08:43:17Z.");
        }

        /// <summary>The body as a JSON object, or null when empty. Throws EmuError 400 on malformed JSON.</summary>
        public JsonObject? Json()
        {
            if (BodyBytes == null || BodyBytes.Length == 0) return null;
            try
            {
                return JsonNode.Parse(BodyBytes) as JsonObject ?? throw EmuError.BadRequest("MSS.00000002", "The request body must be a JSON object.");
            }
            catch (JsonException ex)
            {
                throw EmuError.BadRequest("MSS.00000002", "The request body is not valid JSON: " + ex.Message);
            }
        }

        public T? Body<T>() => BodyBytes == null || BodyBytes.Length == 0 ? default : JsonSerializer.Deserialize<T>(BodyBytes, EmuJson.Options);
    }
}
