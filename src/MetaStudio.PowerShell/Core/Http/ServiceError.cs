using System.Text.Json;

namespace MetaStudio.PowerShell.Core.Http
{
    /// <summary>The error body MetaStudio and API Gateway send: error_code, error_msg, request_id.</summary>
    internal sealed class ServiceError
    {
        public string? ErrorCode { get; set; }
        public string? ErrorMsg { get; set; }
        public string? RequestId { get; set; }

        public static ServiceError? Parse(byte[] body)
        {
            if (body == null || body.Length == 0) return null;
            try
            {
                using (var doc = JsonDocument.Parse(body))
                {
                    var root = doc.RootElement;
                    if (root.ValueKind != JsonValueKind.Object) return null;
                    // IAM wraps its errors as {"error":{"code":..,"message":..}}.
                    if (root.TryGetProperty("error", out var iam) && iam.ValueKind == JsonValueKind.Object)
                        return new ServiceError { ErrorCode = Text(iam, "code"), ErrorMsg = Text(iam, "message") };
                    return new ServiceError
                    {
                        ErrorCode = Text(root, "error_code"),
                        ErrorMsg = Text(root, "error_msg"),
                        RequestId = Text(root, "request_id"),
                    };
                }
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private static string? Text(JsonElement e, string name)
            => e.TryGetProperty(name, out var v) ? (v.ValueKind == JsonValueKind.String ? v.GetString() : v.ToString()) : null;
    }
}
