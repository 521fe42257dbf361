// Nullable: annotated, flow warnings still off in this file (issue 12 item 5 follow-up: finish its null checks).
#nullable disable warnings
using System;
using System.Collections.Generic;
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
        public EmuRequest(HttpContext http, Operation operation, Dictionary<string, string> route, byte[] body, string projectId, string region, Uri? baseUri)
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
        public Operation Operation { get; }
        public Dictionary<string, string> Route { get; }
        public byte[] BodyBytes { get; }
        public string ProjectId { get; }
        public string Region { get; }
        /// <summary>The emulator's own address, for URLs it hands out (uploads, downloads).</summary>
        public Uri BaseUri { get; }
        public string? AppUserId => Http.Request.Headers["X-App-UserId"].FirstOrDefault();

        public string? Path(string name) => Route.TryGetValue(name, out var v) ? v : null;

        public string? Query(string name)
        {
            var v = Http.Request.Query[name];
            return v.Count == 0 ? null : v.ToString();
        }

        public IReadOnlyList<string> QueryAll(string name) => Http.Request.Query[name].Where(v => v != null).ToArray()!;

        public int QueryInt(string name, int fallback) => int.TryParse(Query(name), out var v) ? v : fallback;

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
