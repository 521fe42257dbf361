using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.Emulator.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace MetaStudio.Emulator.Obs
{
    /// <summary>What an upload URL accepts, and where its bytes go. A group hands one out per slot it waits for.</summary>
    public sealed class UploadRules
    {
        /// <summary>The job or file the URL belongs to; <see cref="ObsStandIn.Revoke"/> withdraws all of an owner's URLs.</summary>
        public string? Owner { get; init; }
        /// <summary>One PUT per URL, like a signed URL that expires on use (training material).</summary>
        public bool SingleUse { get; init; }
        /// <summary>The URL is signed for this content type; another is refused (SignatureDoesNotMatch).</summary>
        public string? ContentType { get; init; }
        /// <summary>Every PUT must carry Content-MD5 (OBS makes it optional; the suite wants to catch a client that drops it).</summary>
        public bool RequireMd5 { get; init; }
        /// <summary>The Content-MD5 the create request announced; another is refused (InvalidDigest).</summary>
        public string? ExpectedMd5 { get; init; }
        /// <summary>
        /// The owner's own checks once the bytes are in and their digest is right (the file still waits for this part,
        /// the size it declared): a refusal, or null to store the bytes.
        /// </summary>
        public Func<byte[], ObsRefusal?>? Check { get; init; }
        /// <summary>Keeps the bytes (the owner's state).</summary>
        public required Action<byte[]> Store { get; init; }
    }

    /// <summary>An OBS error: status, code (sent as OBS.&lt;code&gt;) and message.</summary>
    public sealed record ObsRefusal(int Status, string Code, string Message)
    {
        public static ObsRefusal NoSuchKey(string message) => new(404, "NoSuchKey", message);
        public static ObsRefusal Invalid(string message) => new(400, "InvalidArgument", message);
    }

    /// <summary>
    /// The one OBS stand-in: the signed upload and download URLs every API group hands out point here. PUT
    /// /obs-upload/{key} takes an object under the rules its group registered (content type, Content-MD5, single use,
    /// the group's own checks); GET /obs-download/{key} serves what a group publishes, with ranges (Accept-Ranges,
    /// Range, If-Range, 206) as OBS does. Faults for transfers live here too: corrupted uploads, a delay that holds
    /// each upload. Errors use the service's JSON shape with OBS.* codes, so clients read one code field.
    /// </summary>
    public sealed class ObsStandIn
    {
        public const string UploadPrefix = "/obs-upload/";
        public const string DownloadPrefix = "/obs-download/";

        private readonly EmulatorHost _host;
        private readonly ConcurrentDictionary<string, Slot> _uploads = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, Func<string, ObsObject?>> _published = new(StringComparer.Ordinal);
        private int _corruptNextUploads;
        private int _held;

        internal ObsStandIn(EmulatorHost host)
        {
            _host = host;
            host.Dispatcher.ExtraRoutes.Add(("PUT", UploadPrefix, AcceptAsync));
            host.Dispatcher.ExtraRoutes.Add(("GET", DownloadPrefix, ServeAsync));
            host.State.OnClear(Clear);
        }

        /// <summary>The next N uploads have one byte flipped, as a damaged transfer would.</summary>
        public int CorruptNextUploads
        {
            get => Volatile.Read(ref _corruptNextUploads);
            set => Volatile.Write(ref _corruptNextUploads, value);
        }

        /// <summary>How long each upload is held before it is stored, to test cancelling one in flight.</summary>
        public TimeSpan UploadDelay { get; set; }

        /// <summary>Uploads being held by <see cref="UploadDelay"/> right now: their bytes have arrived.</summary>
        public int Held => Volatile.Read(ref _held);

        /// <summary>A URL that takes one object under these rules; <paramref name="key"/> names it (unique).</summary>
        public string UploadUrl(string key, UploadRules rules)
        {
            _uploads[key] = new Slot(rules);
            return _host.BaseUri + UploadPrefix.TrimStart('/') + key;
        }

        /// <summary>A single-use URL under a fresh random key.</summary>
        public string SingleUseUrl(UploadRules rules) => UploadUrl(State.EmulatorState.NewId(), rules);

        /// <summary>Withdraws every upload URL of an owner (new URLs were issued, or the owner is gone).</summary>
        public void Revoke(string owner)
        {
            foreach (var kv in _uploads.Where(kv => kv.Value.Rules.Owner == owner).ToList()) _uploads.TryRemove(kv.Key, out _);
        }

        /// <summary>Serves objects under <c>/obs-download/{prefix}/...</c>: <paramref name="find"/> gets the rest of the key, and answers null for none.</summary>
        public void Publish(string prefix, Func<string, ObsObject?> find) => _published[prefix] = find;

        public string DownloadUrl(string prefix, string key) => _host.BaseUri + DownloadPrefix.TrimStart('/') + prefix + "/" + key;

        private void Clear()
        {
            _uploads.Clear();
            CorruptNextUploads = 0;
            UploadDelay = TimeSpan.Zero;
        }

        private async Task AcceptAsync(HttpContext http)
        {
            var key = http.Request.Path.Value!.Substring(UploadPrefix.Length);
            if (!_uploads.TryGetValue(key, out var slot))
            {
                await FailAsync(http, ObsRefusal.NoSuchKey("The upload URL does not name an object that is waiting for bytes."));
                return;
            }
            var bytes = await Dispatcher.ReadBodyAsync(http);
            await HoldAsync(http.RequestAborted);
            if (bytes.Length > 0 && TakeCorruptUpload()) bytes[bytes.Length / 2] ^= 0xFF;
            var refusal = Refusal(http, slot, bytes);
            if (refusal != null)
            {
                await FailAsync(http, refusal);
                return;
            }
            slot.Rules.Store(bytes);
            http.Response.StatusCode = 200;
            http.Response.Headers.ETag = ETag(bytes);
        }

        private static ObsRefusal? Refusal(HttpContext http, Slot slot, byte[] bytes)
        {
            var rules = slot.Rules;
            var type = http.Request.ContentType ?? "";
            if (rules.ContentType != null && !type.StartsWith(rules.ContentType, StringComparison.OrdinalIgnoreCase))
                return new ObsRefusal(403, "SignatureDoesNotMatch", $"This URL is signed for Content-Type {rules.ContentType}, not '{type}'.");
            var declared = http.Request.Headers["Content-MD5"].ToString();
            if (declared.Length == 0 && rules.RequireMd5)
                return new ObsRefusal(400, "MissingContentMD5", "The upload has no Content-MD5 header.");
            if (rules.ExpectedMd5 != null && declared != rules.ExpectedMd5)
                return new ObsRefusal(400, "InvalidDigest", "Content-MD5 must equal the file_md5 given when the upload URL was issued.");
            if (declared.Length > 0 && declared != Convert.ToBase64String(MD5.HashData(bytes)))
                return new ObsRefusal(400, "BadDigest", "The Content-MD5 you specified did not match what was received.");
            if (rules.Check?.Invoke(bytes) is ObsRefusal refused) return refused;
            if (rules.SingleUse && Interlocked.Exchange(ref slot.Used, 1) == 1)
                return new ObsRefusal(403, "AccessDenied", "This upload URL was already used; request new ones.");
            return null;
        }

        private async Task HoldAsync(CancellationToken aborted)
        {
            if (UploadDelay <= TimeSpan.Zero) return;
            Interlocked.Increment(ref _held);
            try { await Task.Delay(UploadDelay, aborted); }
            finally { Interlocked.Decrement(ref _held); }
        }

        private bool TakeCorruptUpload()
        {
            while (true)
            {
                var current = Volatile.Read(ref _corruptNextUploads);
                if (current <= 0) return false;
                if (Interlocked.CompareExchange(ref _corruptNextUploads, current - 1, current) == current) return true;
            }
        }

        private async Task ServeAsync(HttpContext http)
        {
            var key = http.Request.Path.Value!.Substring(DownloadPrefix.Length);
            var slash = key.IndexOf('/');
            var found = slash > 0 && _published.TryGetValue(key.Substring(0, slash), out var find) ? find(key.Substring(slash + 1)) : null;
            if (found?.Content == null)
            {
                http.Response.StatusCode = 404;
                await http.Response.WriteAsync("<Error><Code>NoSuchKey</Code></Error>");
                return;
            }
            var content = found.Content;
            var etag = ETag(content);
            http.Response.ContentType = found.ContentType ?? "application/octet-stream";
            http.Response.Headers.AcceptRanges = "bytes";
            http.Response.Headers.ETag = etag;
            var from = RangeStart(http, etag, content.Length);
            if (from == null)
            {
                http.Response.ContentLength = content.Length;
                await http.Response.Body.WriteAsync(content);
                return;
            }
            if (from.Value >= content.Length)
            {
                http.Response.StatusCode = 416;
                http.Response.Headers.ContentRange = $"bytes */{content.Length}";
                return;
            }
            http.Response.StatusCode = 206;
            http.Response.Headers.ContentRange = $"bytes {from}-{content.Length - 1}/{content.Length}";
            http.Response.ContentLength = content.Length - from.Value;
            await http.Response.Body.WriteAsync(content.AsMemory((int)from.Value));
        }

        /// <summary>The start of a "bytes=N-" range the request asks for and may have (If-Range matches), or null for the whole object.</summary>
        private static long? RangeStart(HttpContext http, string etag, long length)
        {
            var range = http.Request.Headers.Range.ToString();
            if (!range.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase) || !range.EndsWith('-')) return null;
            var ifRange = http.Request.Headers.IfRange.ToString();
            if (ifRange.Length > 0 && ifRange != etag) return null;
            return long.TryParse(range.AsSpan(6, range.Length - 7), out var from) && from >= 0 ? from : null;
        }

        private static string ETag(byte[] bytes) => "\"" + Convert.ToHexString(MD5.HashData(bytes)).ToLowerInvariant() + "\"";

        private static Task FailAsync(HttpContext http, ObsRefusal refusal)
        {
            http.Response.StatusCode = refusal.Status;
            http.Response.ContentType = "application/json";
            // OBS answers XML; the emulator uses the service's JSON error shape so clients report one code field.
            return http.Response.WriteAsync(JsonSerializer.Serialize(new { error_code = "OBS." + refusal.Code, error_msg = refusal.Message }));
        }

        private sealed class Slot
        {
            public Slot(UploadRules rules) => Rules = rules;
            public UploadRules Rules { get; }
            public int Used;
        }
    }

    /// <summary>An object a group publishes for download.</summary>
    public sealed record ObsObject(byte[] Content, string? ContentType = null);
}
