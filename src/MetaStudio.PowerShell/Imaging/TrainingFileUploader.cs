using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Threading.Tasks;
using System.Linq;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Transfers;

namespace MetaStudio.PowerShell.Imaging
{
    /// <summary>
    /// Training material (model training and voice training jobs) to the job's single-use upload URLs: one part
    /// after another, through the transfer component, with one progress bar for all of it. A URL takes one PUT, so
    /// a part whose PUT may have arrived is not sent again; the user asks for new URLs instead.
    /// </summary>
    internal static class TrainingFileUploader
    {
        private const int ActivityId = 61;

        public static async Task UploadAsync(MsSession session, IReadOnlyList<UploadPart> uploads, CallContext ctx)
        {
            var progress = new TransferProgress(ctx, ActivityId, "Uploading training material", namePart: true);
            try
            {
                await SignedUrlTransfer.UploadAsync(session, uploads, new UploadOptions(progress) { SingleUseUrls = true }, ctx).ConfigureAwait(false);
            }
            finally
            {
                progress.Complete();
            }
        }

        /// <summary>
        /// The existing, non-empty file at <paramref name="path"/> (a wildcard must match exactly one: LocalPaths), or null
        /// after writing why it cannot be uploaded.
        /// </summary>
        public static FileInfo? LocalFile(PSCmdlet cmdlet, string path, string parameter, bool literal = false)
            => LocalFiles(cmdlet, path, parameter, literal, many: false)?[0];

        /// <summary>The existing, non-empty files <paramref name="path"/> names (with <paramref name="many"/>, every file a wildcard matches, in name order), or null after writing why.</summary>
        public static IReadOnlyList<FileInfo>? LocalFiles(PSCmdlet cmdlet, string path, string parameter, bool literal, bool many)
        {
            var files = LocalPaths.InputFiles(cmdlet, path, parameter, literal, many, null, out var error);
            if (files == null)
            {
                cmdlet.WriteError(error);
                return null;
            }
            var empty = files.FirstOrDefault(f => f.Length == 0);
            if (empty == null) return files;
            cmdlet.WriteError(ErrorRecords.InvalidInput($"Cannot upload -{parameter} '{empty.FullName}': the file is empty.", path));
            return null;
        }
    }
}
