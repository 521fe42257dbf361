using System.Collections.Generic;
using System.Management.Automation;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Assets;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Http;

namespace MetaStudio.PowerShell.Files
{
    /// <summary>
    /// Registers a file of an asset and gets its upload URL (CreateFile), or one URL per part with
    /// -PartCount (CreateLargeFile). Low level: Send-MsAssetFile does the whole upload.
    /// </summary>
    [MsApi(OperationId.CreateFile, OperationId.CreateLargeFile, OperationId.ShowAsset)]
    [Cmdlet(VerbsCommon.New, "MsAssetFile", SupportsShouldProcess = true, DefaultParameterSetName = "File")]
    [OutputType(typeof(MsFileUpload))]
    public sealed class NewMsAssetFileCommand : MsCmdlet
    {
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ValidateMsId]
        public required string AssetId { get; set; }

        [Parameter(Mandatory = true, Position = 0)]
        [ValidateLength(1, 256)]
        public required string FileName { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "File")]
        [Parameter(ParameterSetName = "Large")]
        [ValidateRange(1L, 5368709120L)]
        public long FileSize { get; set; }

        /// <summary>Base64 of the file's MD5 digest (24 characters).</summary>
        [Parameter(Mandatory = true, ParameterSetName = "File")]
        [ValidatePattern(@"^[A-Za-z0-9+/]{22}==$")]
        public string? FileMd5 { get; set; }

        /// <summary>The extension (mp4, png...); default: taken from -FileName.</summary>
        [Parameter]
        public string? FileType { get; set; }

        [Parameter]
        [ValidateSet("MAIN", "COVER", "PAGE", "SAMPLE", "OTHER", "WHOLE_MODEL", "USER_MODIFIED_MODEL")]
        public string Category { get; set; } = "MAIN";

        /// <summary>Upload in this many parts (CreateLargeFile; categories MAIN and OTHER).</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Large")]
        [ValidateRange(1, 10000)]
        public int PartCount { get; set; }

        protected override void ProcessRecord()
        {
            var type = FileType ?? System.IO.Path.GetExtension(FileName).TrimStart('.').ToLowerInvariant();
            var large = ParameterSetName == "Large";
            var body = new Dictionary<string, object?>
            {
                ["file_name"] = FileName, ["file_type"] = type, ["asset_id"] = AssetId, ["asset_file_category"] = Category,
            };
            if (MyInvocation.BoundParameters.ContainsKey(nameof(FileSize))) body["file_size"] = FileSize;
            if (large) body["file_multipart_count"] = PartCount;
            else body["file_md5"] = FileMd5;
            if (!ShouldChange(AssetApi.Assets, AssetId, $"Create file '{FileName}'")) return;
            var upload = TrySend(new MsRequest(large ? OperationId.CreateLargeFile : OperationId.CreateFile) { Target = FileName }.WithBody(body))?.As<MsFileUpload>();
            if (upload == null) return;
            upload.AssetId = AssetId;
            upload.FileName = FileName;
            WriteObject(upload);
        }
    }
}
