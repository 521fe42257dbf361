#nullable enable
using System;
using System.Globalization;
using System.IO;

namespace MetaStudio.PowerShell.Core.Transfers
{
    /// <summary>
    /// A local file's length and modification time when its upload began. Uploads check it before and after each part
    /// (and a read that ends early fails at once, FileSliceStream), so a file that is still being written, truncated or
    /// replaced is reported as that (MetaStudio.FileChangedDuringUpload), not as a network error after retries, and no
    /// part of another version of it is sent.
    /// </summary>
    internal sealed class LocalFileState
    {
        private LocalFileState(string path, long length, DateTime lastWriteUtc)
        {
            Path = path;
            Length = length;
            LastWriteUtc = lastWriteUtc;
        }

        public string Path { get; }
        public long Length { get; }
        public DateTime LastWriteUtc { get; }

        public static LocalFileState Of(FileInfo file)
        {
            var now = new FileInfo(file.FullName);
            return new LocalFileState(now.FullName, now.Length, now.LastWriteTimeUtc);
        }

        /// <summary>Throws <see cref="LocalFileChangedException"/> when the file is no longer as it was (with <paramref name="cause"/>, the failure it explains).</summary>
        public void Check(FileInfo file, Exception? cause = null)
        {
            var now = new FileInfo(file.FullName);
            string? what = null;
            if (!now.Exists) what = "it was deleted";
            else if (now.Length != Length) what = $"its length went from {Length.ToString("N0", CultureInfo.InvariantCulture)} to {now.Length.ToString("N0", CultureInfo.InvariantCulture)} bytes";
            else if (now.LastWriteTimeUtc != LastWriteUtc) what = $"it was written to at {now.LastWriteTimeUtc.ToLocalTime():T}";
            if (what != null) throw new LocalFileChangedException(Path, what, cause);
        }
    }

    /// <summary>A local file changed while it was being uploaded (error id MetaStudio.FileChangedDuringUpload); never retried.</summary>
    internal sealed class LocalFileChangedException : Exception
    {
        public LocalFileChangedException(string path, string what, Exception? inner = null)
            : base($"'{path}' changed while it was being uploaded ({what}), so the upload was stopped. Upload it again once nothing is writing to it.", inner)
        {
            FilePath = path;
        }

        public string FilePath { get; }
    }
}
