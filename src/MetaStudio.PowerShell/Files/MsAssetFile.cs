using MetaStudio.PowerShell.Core.Model;

namespace MetaStudio.PowerShell.Files
{
    /// <summary>A file uploaded by Send-MsAssetFile.</summary>
    public sealed class MsAssetFile
    {
        public string? FileId { get; set; }
        public string? AssetId { get; set; }
        public string? FileName { get; set; }
        public long FileSize { get; set; }
        /// <summary>Base64 MD5 of the whole file.</summary>
        public string? FileMd5 { get; set; }
        public string? Category { get; set; }
        public string? State { get; set; }
        /// <summary>1 for an ordinary upload, the part count for a large (multipart) one.</summary>
        public int PartCount { get; set; }

        public override string? ToString() => FileName;
    }

    /// <summary>What CreateFile / CreateLargeFile return: the file id and where to PUT the bytes.</summary>
    [WireModel("CreateFileResponse", "CreateLargeFileResponse")]
    public sealed class MsFileUpload : MsObject
    {
        public string? FileId { get; set; }
        /// <summary>The asset the file belongs to (from the request: the answer does not repeat it).</summary>
        [System.Text.Json.Serialization.JsonIgnore]
        public string? AssetId { get; set; }
        /// <summary>The file's name (from the request: the answer does not repeat it).</summary>
        [System.Text.Json.Serialization.JsonIgnore]
        public string? FileName { get; set; }
        /// <summary>PUT target for an ordinary file (valid 24 h).</summary>
        public string? UploadUrl { get; set; }
        /// <summary>One PUT target per part for a large file.</summary>
        public string[]? UploadUrls { get; set; }
    }

    /// <summary>One file Save-MsAssetFile wrote (or kept): whose it is and where it is.</summary>
    public sealed class MsSavedFile
    {
        public string? AssetId { get; set; }
        public string? AssetName { get; set; }
        public string? FileId { get; set; }
        /// <summary>The file's category in the asset (MAIN, COVER, ...).</summary>
        public string? Category { get; set; }
        /// <summary>The local file name.</summary>
        public string? Name { get; set; }
        /// <summary>The full local path (binds to -Path / -LiteralPath of Get-Item, Copy-Item, Remove-Item).</summary>
        public string? Path { get; set; }
        public long Length { get; set; }
        /// <summary>Saved, Overwritten (-Force) or Skipped (-SkipExisting: the local file was kept).</summary>
        public string? Action { get; set; }

        public override string? ToString() => Path;
    }
}
