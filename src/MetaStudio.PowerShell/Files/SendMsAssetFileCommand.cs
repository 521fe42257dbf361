using System.IO;
using System.Management.Automation;
using MetaStudio.PowerShell.Assets;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Catalog;

namespace MetaStudio.PowerShell.Files
{
    /// <summary>
    /// Uploads local files to an asset: CreateFile, PUT with Content-MD5, ConfirmFileUpload; large
    /// files in parallel parts through CreateLargeFile.
    /// </summary>
    [MsApi(OperationId.CreateFile, OperationId.CreateLargeFile, OperationId.ConfirmFileUpload, OperationId.ShowAsset)]
    [Cmdlet(VerbsCommunications.Send, "MsAssetFile", SupportsShouldProcess = true)]
    [OutputType(typeof(MsAssetFile))]
    public sealed class SendMsAssetFileCommand : MsCmdlet
    {
        private const int ActivityId = 11;

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ValidateMsId]
        public required string AssetId { get; set; }

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public required string[] Path { get; set; }

        [Parameter]
        [ValidateSet("MAIN", "COVER", "PAGE", "SAMPLE", "OTHER", "WHOLE_MODEL", "USER_MODIFIED_MODEL")]
        public string Category { get; set; } = "MAIN";

        /// <summary>Files of at least this size go up in parts (CreateLargeFile).</summary>
        [Parameter]
        [ValidateRange(1, 5120)]
        public int LargeFileThresholdMB { get; set; } = 100;

        [Parameter]
        [ValidateRange(1, 5120)]
        public int PartSizeMB { get; set; } = 16;

        /// <summary>Parts uploaded at the same time.</summary>
        [Parameter]
        [ValidateRange(1, 32)]
        public int ThrottleLimit { get; set; } = 4;

        protected override void ProcessRecord()
        {
            foreach (var p in Path)
            {
                var full = GetUnresolvedProviderPathFromPSPath(p);
                if (!File.Exists(full))
                {
                    WriteError(new ErrorRecord(new FileNotFoundException($"Cannot upload '{p}': the file does not exist.", full),
                        ErrorCodes.InvalidInput, ErrorCategory.ObjectNotFound, p));
                    continue;
                }
                var file = new FileInfo(full);
                if (file.Length == 0 || file.Extension.Length < 2)
                {
                    WriteError(ErrorRecords.InvalidInput($"Cannot upload '{p}': MetaStudio needs a non-empty file with an extension (it becomes file_type).", p));
                    continue;
                }
                if (!ShouldChange(AssetApi.Assets, AssetId, $"Upload {file.FullName} as {Category}")) continue;
                var session = CurrentSession;
                var uploaded = TryRun(ctx => new FileUploader(session, ctx, file, ActivityId)
                    .UploadAsync(AssetId, Category, LargeFileThresholdMB * 1048576L, PartSizeMB * 1048576L, ThrottleLimit), file.FullName);
                if (uploaded != null) WriteObject(uploaded);
            }
        }
    }
}
