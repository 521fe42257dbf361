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
    [Cmdlet(VerbsCommunications.Send, "MsAssetFile", SupportsShouldProcess = true, DefaultParameterSetName = PathSet)]
    [OutputType(typeof(MsAssetFile))]
    public sealed class SendMsAssetFileCommand : MsCmdlet
    {
        /// <summary>Hashes and streams files with progress: the work starts on a worker (MsAsyncCmdlet.MovesFiles).</summary>
        private protected override bool MovesFiles => true;

        private const int ActivityId = 11;
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ValidateMsId]
        public required string AssetId { get; set; }

        /// <summary>Files to upload; wildcards are expanded, each file they match is uploaded (in name order).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[]? Path { get; set; }

        /// <summary>Files to upload, taken exactly as written (no wildcards); what Get-ChildItem output binds to.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = LiteralPathSet)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[]? LiteralPath { get; set; }

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
            var literal = ParameterSetName == LiteralPathSet;
            foreach (var p in (literal ? LiteralPath : Path)!)   // each is mandatory in its set
            {
                var files = LocalPaths.InputFiles(this, p, literal ? nameof(LiteralPath) : nameof(Path), literal, many: true, null, out var error);
                if (files == null)
                {
                    WriteError(error);
                    continue;
                }
                foreach (var file in files) Upload(file, p);
            }
        }

        private void Upload(FileInfo file, string given)
        {
            if (file.Length == 0 || file.Extension.Length < 2)
            {
                WriteError(ErrorRecords.InvalidInput($"Cannot upload '{file.FullName}': MetaStudio needs a non-empty file with an extension (it becomes file_type).", given));
                return;
            }
            if (!ShouldChange(AssetApi.Assets, AssetId, $"Upload {file.FullName} as {Category}")) return;
            var session = CurrentSession;
            var uploaded = TryRun(ctx => new FileUploader(session, ctx, file, ActivityId)
                .UploadAsync(AssetId, Category, LargeFileThresholdMB * 1048576L, PartSizeMB * 1048576L, ThrottleLimit), file.FullName);
            if (uploaded != null) WriteObject(uploaded);
        }
    }
}
