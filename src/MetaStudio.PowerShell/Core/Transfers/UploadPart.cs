#nullable enable
using System;
using System.Collections.Generic;
using System.IO;

namespace MetaStudio.PowerShell.Core.Transfers
{
    /// <summary>One local file, or one window of it, and the signed URL its bytes go to.</summary>
    internal sealed class UploadPart
    {
        public UploadPart(string what, FileInfo file, long offset, long length, string url)
        {
            What = what;
            File = file;
            Offset = offset;
            Length = length;
            Url = url;
        }

        /// <summary>How messages name it: "cat.png", "cat.png part 2/4", "training video part 1/3".</summary>
        public string What { get; }
        public FileInfo File { get; }
        public long Offset { get; }
        public long Length { get; }
        public string Url { get; }

        /// <summary>Some URLs are signed for one content type (voice training: application/zip, audio/wav, text/plain).</summary>
        public string ContentType { get; set; } = "application/octet-stream";

        /// <summary>Base64 MD5 of the part when the caller already has it (it went into the create request); else computed before the PUT.</summary>
        public string? Md5 { get; set; }

        /// <summary>
        /// The file as it was when the caller began (its length and modification time); checked before and after the part
        /// goes up. Default: the file as it is when the transfer starts.
        /// </summary>
        public LocalFileState? Expected { get; set; }

        /// <summary>A whole file as one part.</summary>
        public static UploadPart Whole(string what, FileInfo file, string url) => new UploadPart(what, file, 0, file.Length, url);

        /// <summary>
        /// Splits a file into one part per URL: parts of <paramref name="partSize"/> bytes (the last one shorter), or,
        /// with no size given, as many nearly equal parts as there are URLs.
        /// </summary>
        public static IEnumerable<UploadPart> Split(string what, FileInfo file, IReadOnlyList<string> urls, long? partSize = null)
        {
            var size = partSize ?? (file.Length + urls.Count - 1) / urls.Count;
            for (var i = 0; i < urls.Count; i++)
            {
                var offset = i * size;
                var name = urls.Count == 1 ? what : $"{what} part {i + 1}/{urls.Count}";
                yield return new UploadPart(name, file, offset, Math.Min(size, file.Length - offset), urls[i]);
            }
        }
    }
}
