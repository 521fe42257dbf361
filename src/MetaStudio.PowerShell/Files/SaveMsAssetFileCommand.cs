using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using MetaStudio.PowerShell.Assets;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Transfers;
using MetaStudio.PowerShell.Core.Catalog;

namespace MetaStudio.PowerShell.Files
{
    /// <summary>
    /// Downloads an asset's files (their download_url) into a folder, named after the service's file, the
    /// asset, or a given name. Reports each file (asset id, path, what happened); an existing file is an error,
    /// overwritten with -Force, or kept and reported with -SkipExisting, so a rerun of a batch script is safe.
    /// </summary>
    [MsApi(OperationId.ShowAsset)]
    [Cmdlet(VerbsData.Save, "MsAssetFile", DefaultParameterSetName = NameFromSet)]
    [OutputType(typeof(MsSavedFile))]
    public sealed class SaveMsAssetFileCommand : MsCmdlet
    {
        /// <summary>Hashes and streams files with progress: the work starts on a worker (MsAsyncCmdlet.MovesFiles).</summary>
        private protected override bool MovesFiles => true;

        private const string NameFromSet = "NameFrom";
        private const string GivenNameSet = "Name";

        // Paths written by this call, so two files with one name (in one asset or across piped assets) both survive.
        private readonly HashSet<string> _written = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ValidateMsId]
        public required string[] AssetId { get; set; }

        /// <summary>Folder to write into; created if missing. Default: the current folder.</summary>
        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty]
        public string? Destination { get; set; }

        [Parameter]
        [ValidateSet("MAIN", "COVER", "PAGE", "SAMPLE", "OTHER", "WHOLE_MODEL", "USER_MODIFIED_MODEL", "TEMPORARY", "PACKAGE")]
        public string[]? Category { get; set; }

        // By property name too, so piping MsAssetFile objects (AssetId + FileId) saves exactly those files.
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public string[]? FileId { get; set; }

        /// <summary>File: the service's file name (default). Asset: the asset's name with the file's extension.</summary>
        [Parameter(ParameterSetName = NameFromSet)]
        [ValidateSet("File", "Asset")]
        public string NameFrom { get; set; } = "File";

        /// <summary>The local file name (the file's extension is added when the name lacks it).</summary>
        [Parameter(Mandatory = true, ParameterSetName = GivenNameSet)]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        /// <summary>Overwrites existing local files; without it (or -SkipExisting) they are left alone and reported as errors.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Leaves existing local files as they are and reports them (Action Skipped) instead of an error.</summary>
        [Parameter]
        public SwitchParameter SkipExisting { get; set; }

        private string _folder = null!;   // set in BeginProcessing, which PowerShell runs before ProcessRecord

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            if (Force && SkipExisting)
                ThrowTerminatingError(ErrorRecords.InvalidInput("-Force overwrites existing files and -SkipExisting keeps them: give only one of them.", null));
            _folder = Destination == null ? SessionState.Path.CurrentFileSystemLocation.ProviderPath : LocalPaths.OutputFolder(this, Destination, nameof(Destination), out var error)
                ?? throw Terminate(error!);   // OutputFolder sets the error whenever it gives no folder
        }

        protected override void ProcessRecord()
        {
            var folder = _folder;
            var session = CurrentSession;
            foreach (var id in AssetId)
            {
                var asset = TryRun(ctx => AssetApi.ShowAsync(session.Client, id, ctx), id);
                if (asset == null) continue;
                var files = (asset.Files ?? Array.Empty<MsAssetFileInfo>())
                    .Where(f => !string.IsNullOrEmpty(f.DownloadUrl))
                    .Where(f => Category == null || Category.Contains(f.AssetFileCategory, StringComparer.OrdinalIgnoreCase))
                    .Where(f => FileId == null || FileId.Contains(f.FileId, StringComparer.OrdinalIgnoreCase))
                    .ToList();
                if (files.Count == 0)
                {
                    WriteWarning($"Asset '{asset.AssetName}' ({id}) has no downloadable file{(Category != null || FileId != null ? " that matches the filter" : "")}.");
                    continue;
                }
                foreach (var f in files) Save(session, asset, f, folder);
            }
        }

        private void Save(MsSession session, MsAsset asset, MsAssetFileInfo file, string folder)
        {
            var path = UniquePath(folder, LocalName(asset, file), file.FileId);
            var result = new MsSavedFile
            {
                AssetId = asset.AssetId,
                AssetName = asset.AssetName,
                FileId = file.FileId,
                Category = file.AssetFileCategory,
                Name = System.IO.Path.GetFileName(path),
                Path = path,
                Action = "Saved",
            };
            if (File.Exists(path))
            {
                if (SkipExisting)
                {
                    result.Action = "Skipped";
                    result.Length = new FileInfo(path).Length;
                    WriteVerbose($"{path} exists; kept (-SkipExisting).");
                    WriteObject(result);
                    return;
                }
                if (!Force)
                {
                    WriteError(new ErrorRecord(new IOException($"The file '{path}' already exists; use -Force to overwrite it or -SkipExisting to keep it."),
                        ErrorCodes.FileExists, ErrorCategory.ResourceExists, path));
                    return;
                }
                result.Action = "Overwritten";
            }
            var saved = TryRun(ctx => SignedUrlTransfer.DownloadAsync(session, new Uri(file.DownloadUrl), path, ctx, $"Downloading {result.Name} (asset '{asset.AssetName}')"), file.FileId);
            if (saved == null) return;
            result.Length = saved.Length;
            WriteObject(result);
        }

        /// <summary>The file's name: the service's, the asset's or -Name; the last two get the service file's extension.</summary>
        private string LocalName(MsAsset asset, MsAssetFileInfo file)
        {
            var own = SafeName(file.FileName, file.FileId) ?? "file";   // neither a usable name nor an id
            var chosen = Name ?? (NameFrom == "Asset" ? asset.AssetName : null);
            if (chosen == null) return own;
            var extension = System.IO.Path.GetExtension(own);
            var name = SafeName(chosen, own);
            return extension.Length > 0 && !name.EndsWith(extension, StringComparison.OrdinalIgnoreCase) ? name + extension : name;
        }

        /// <summary>The file's path; a name this call already wrote becomes name-fileId.ext.</summary>
        private string UniquePath(string folder, string name, string? fileId)
        {
            var path = System.IO.Path.Combine(folder, name);
            if (_written.Contains(path))
                path = System.IO.Path.Combine(folder, System.IO.Path.GetFileNameWithoutExtension(name) + "-" + fileId + System.IO.Path.GetExtension(name));
            _written.Add(path);
            return path;
        }

        // Names come from the service or the caller; only the last segment is used so none can point outside the folder.
        [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(fallback))]
        private static string? SafeName(string? name, string? fallback)
        {
            var leaf = System.IO.Path.GetFileName((name ?? "").Replace('\\', '/').Split('/').Last());
            foreach (var c in System.IO.Path.GetInvalidFileNameChars()) leaf = leaf.Replace(c, '_');
            return string.IsNullOrWhiteSpace(leaf) || leaf == "." || leaf == ".." ? fallback : leaf;
        }
    }
}
