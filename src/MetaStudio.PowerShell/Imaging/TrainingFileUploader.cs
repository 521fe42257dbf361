using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Threading.Tasks;
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

        /// <summary>The existing, non-empty file at <paramref name="path"/>, or null after writing why it cannot be uploaded.</summary>
        public static FileInfo? LocalFile(PSCmdlet cmdlet, string path, string parameter)
        {
            var full = cmdlet.GetUnresolvedProviderPathFromPSPath(path);
            if (!File.Exists(full))
            {
                cmdlet.WriteError(new ErrorRecord(new FileNotFoundException($"Cannot upload -{parameter} '{path}': the file does not exist.", full),
                    ErrorCodes.InvalidInput, ErrorCategory.ObjectNotFound, path));
                return null;
            }
            var file = new FileInfo(full);
            if (file.Length > 0) return file;
            cmdlet.WriteError(ErrorRecords.InvalidInput($"Cannot upload -{parameter} '{path}': the file is empty.", path));
            return null;
        }
    }
}
