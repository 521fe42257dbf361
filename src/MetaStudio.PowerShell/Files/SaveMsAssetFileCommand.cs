using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using MetaStudio.PowerShell.Assets;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Catalog;

namespace MetaStudio.PowerShell.Files
{
    /// <summary>Downloads an asset's files (their download_url) into a folder.</summary>
    [MsApi(OperationId.ShowAsset)]
    [Cmdlet(VerbsData.Save, "MsAssetFile")]
    [OutputType(typeof(FileInfo))]
    public sealed class SaveMsAssetFileCommand : MsCmdlet
    {
        // Paths written by this call, so two files with one name (in one asset or across piped assets) both survive.
        private readonly System.Collections.Generic.HashSet<string> _written = new System.Collections.Generic.HashSet<string>(StringComparer.OrdinalIgnoreCase);

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ValidateMsId]
        public string[] AssetId { get; set; }

        /// <summary>Folder to write into; created if missing. Default: the current folder.</summary>
        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Destination { get; set; }

        [Parameter]
        [ValidateSet("MAIN", "COVER", "PAGE", "SAMPLE", "OTHER", "WHOLE_MODEL", "USER_MODIFIED_MODEL", "TEMPORARY", "PACKAGE")]
        public string[] Category { get; set; }

        // By property name too, so piping MsAssetFile objects (AssetId + FileId) saves exactly those files.
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public string[] FileId { get; set; }

        /// <summary>Overwrites existing local files; without it they are left alone and reported as errors.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            var folder = GetUnresolvedProviderPathFromPSPath(Destination ?? SessionState.Path.CurrentFileSystemLocation.Path);
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
                    WriteWarning($"Asset {id} has no downloadable file{(Category != null || FileId != null ? " that matches the filter" : "")}.");
                    continue;
                }
                foreach (var f in files)
                {
                    var path = UniquePath(folder, SafeName(f.FileName, f.FileId), f.FileId);
                    if (!Force && File.Exists(path))
                    {
                        WriteError(new ErrorRecord(new IOException($"The file '{path}' already exists; use -Force to overwrite it."),
                            ErrorCodes.FileExists, ErrorCategory.ResourceExists, path));
                        continue;
                    }
                    var saved = TryRun(ctx => Downloads.ToFileAsync(session, new Uri(f.DownloadUrl), path, ctx, "Downloading " + f.FileName), f.FileId);
                    if (saved != null) WriteObject(saved);
                }
            }
        }

        /// <summary>The file's path; a name this call already wrote becomes name-fileId.ext.</summary>
        private string UniquePath(string folder, string name, string fileId)
        {
            var path = System.IO.Path.Combine(folder, name);
            if (_written.Contains(path))
                path = System.IO.Path.Combine(folder, System.IO.Path.GetFileNameWithoutExtension(name) + "-" + fileId + System.IO.Path.GetExtension(name));
            _written.Add(path);
            return path;
        }

        // The name comes from the service; only its last segment is used so it cannot point outside the folder.
        private static string SafeName(string name, string fallback)
        {
            var leaf = System.IO.Path.GetFileName((name ?? "").Replace('\\', '/').Split('/').Last());
            foreach (var c in System.IO.Path.GetInvalidFileNameChars()) leaf = leaf.Replace(c, '_');
            return string.IsNullOrWhiteSpace(leaf) || leaf == "." || leaf == ".." ? fallback : leaf;
        }
    }
}
