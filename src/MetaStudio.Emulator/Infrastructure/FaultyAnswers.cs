using System;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace MetaStudio.Emulator.Infrastructure
{
    /// <summary>
    /// The answers a broken gateway, proxy or service gives after the work was done (FaultOptions.MalformNext,
    /// StallNext): what the module must turn into a clear error, never a crash, a silent nothing or an empty object.
    /// </summary>
    internal static class FaultyAnswers
    {
        public static async Task WriteMalformedAsync(HttpContext http, FaultOptions faults, JsonNode? answer, string requestId)
        {
            var real = answer?.ToJsonString(EmuJson.Options) ?? "{}";
            http.Response.StatusCode = 200;
            http.Response.ContentType = "application/json";
            string body;
            switch (faults.Malformed)
            {
                case MalformedAnswer.NotJson:
                    http.Response.ContentType = "text/html";
                    body = "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>";
                    break;
                case MalformedAnswer.Truncated:
                    body = real.Substring(0, Math.Max(1, real.Length / 2));
                    break;
                case MalformedAnswer.Empty:
                    http.Response.ContentLength = 0;
                    return;
                case MalformedAnswer.ErrorCode:
                    body = new JsonObject { ["error_code"] = "MSS.00000003", ["error_msg"] = "Injected error in a 200 answer.", ["request_id"] = requestId }.ToJsonString();
                    break;
                case MalformedAnswer.MissingId:
                    var stripped = answer is JsonObject o ? (JsonObject)o.DeepClone() : new JsonObject();
                    foreach (var key in stripped.Select(kv => kv.Key).Where(k => k.EndsWith("_id", StringComparison.Ordinal)).ToList()) stripped.Remove(key);
                    body = stripped.ToJsonString(EmuJson.Options);
                    break;
                case MalformedAnswer.EmptyObject:
                    body = "{}";
                    break;
                case MalformedAnswer.Huge:
                    var padded = answer is JsonObject h ? (JsonObject)h.DeepClone() : new JsonObject();
                    padded["emulator_padding"] = new string('x', faults.HugeAnswerBytes);
                    body = padded.ToJsonString(EmuJson.Options);
                    break;
                default:
                    throw new InvalidOperationException("Unknown malformed answer " + faults.Malformed);
            }
            await http.Response.WriteAsync(body);
        }

        /// <summary>The status line and half the answer, then nothing until the client gives up (or StallTime passes).</summary>
        public static async Task WriteStalledAsync(HttpContext http, FaultOptions faults, JsonNode? answer)
        {
            var bytes = Encoding.UTF8.GetBytes(answer?.ToJsonString(EmuJson.Options) ?? "{}");
            http.Response.StatusCode = 200;
            http.Response.ContentType = "application/json";
            http.Response.ContentLength = bytes.Length;
            await http.Response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2));
            await http.Response.Body.FlushAsync();
            try
            {
                await Task.Delay(faults.StallTime, http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            http.Abort();
        }
    }
}
