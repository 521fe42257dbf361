using System;
using System.Globalization;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Imaging;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Transfers;

namespace MetaStudio.PowerShell.Voice
{
    /// <summary>
    /// Uploads recordings to a voice training job's single-use URLs: one zip (PACKAGE) or audio/text pairs
    /// matched by index (SEGMENT), plus an authorization letter. URLs come from the piped job; when absent
    /// they are fetched with ShowJobUploadingAddress. -Commit then submits the job. Outputs the job read back.
    /// </summary>
    [MsApi(OperationId.ShowJobUploadingAddress, OperationId.CommitVoiceTrainingJob, OperationId.ShowVoiceTrainingJob)]
    [Cmdlet(VerbsCommunications.Send, "MsVoiceTrainingData", SupportsShouldProcess = true, DefaultParameterSetName = PackageSet)]
    [OutputType(typeof(MsVoiceTrainingJob))]
    public sealed class SendMsVoiceTrainingDataCommand : MsCmdlet
    {
        /// <summary>Hashes and streams files with progress: the work starts on a worker (MsAsyncCmdlet.MovesFiles).</summary>
        private protected override bool MovesFiles => true;

        private const string PackageSet = "Package";
        private const string PackageLiteralSet = "PackageLiteral";
        private const string SegmentSet = "Segment";

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public required string JobId { get; set; }

        /// <summary>A zip of 0.wav/0.txt, 1.wav/1.txt, ... (jobs created with -CreateType PACKAGE); a wildcard must match one file.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PackageSet)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string? Path { get; set; }

        /// <summary>The zip, named exactly as written (no wildcards).</summary>
        [Parameter(Mandatory = true, ParameterSetName = PackageLiteralSet)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string? LiteralPath { get; set; }

        /// <summary>One .wav per sentence; AudioPath[i] goes with TextPath[i]. A wildcard stands for every file it matches, in name order.</summary>
        [Parameter(Mandatory = true, ParameterSetName = SegmentSet)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[]? AudioPath { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = SegmentSet)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[]? TextPath { get; set; }

        /// <summary>The voice owner's signed authorization letter.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string? AuthorizationLetterPath { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? TrainingDataUploadingUrl { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public MsVoiceSegmentUrls? SegmentUploadingUrl { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? AuthorizationLetterUploadingUrl { get; set; }

        /// <summary>After the uploads, submit the job for review and training (CommitVoiceTrainingJob).</summary>
        [Parameter]
        public SwitchParameter Commit { get; set; }

        protected override void ProcessRecord()
        {
            var files = Files();
            if (files == null) return;
            if (!ShouldChange(VoiceApi.Jobs, JobId, $"Upload {files.Count} file(s){(Commit ? " and submit for training" : "")}")) return;

            var session = CurrentSession;
            var urls = new MsVoiceTrainingUploadUrl
            {
                JobId = JobId, TrainingDataUploadingUrl = TrainingDataUploadingUrl,
                SegmentUploadingUrl = SegmentUploadingUrl, AuthorizationLetterUploadingUrl = AuthorizationLetterUploadingUrl,
            };
            if (!Covers(urls))
            {
                WriteVerbose($"Fetching upload URLs of {JobId} (ShowJobUploadingAddress).");
                urls = TryRun(ctx => VoiceApi.GetUploadUrlsAsync(session, JobId, ctx), JobId);
                if (urls == null) return;
            }
            var uploads = Plan(files, urls);
            if (uploads == null) return;
            if (!TryRun(async ctx => { await TrainingFileUploader.UploadAsync(session, uploads, ctx).ConfigureAwait(false); return true; }, JobId))
                return;
            if (Commit && TrySend(VoiceApi.Commit(JobId, null)) == null) return;
            var shown = TryRun(ctx => VoiceApi.GetAsync(session, JobId, ctx), JobId);
            if (shown != null) WriteObject(shown);
        }

        /// <summary>The local files by slot, or null after writing why (no request is sent then).</summary>
        private List<(string What, FileInfo File, string ContentType)>? Files()
        {
            var files = new List<(string, FileInfo, string)>();
            if (IsPackage)
            {
                // -LiteralPath and -Path are mandatory in their sets, as are -AudioPath and -TextPath in the segment set.
                var zip = ParameterSetName == PackageLiteralSet
                    ? TrainingFileUploader.LocalFile(this, LiteralPath!, nameof(LiteralPath), literal: true)
                    : Local(Path!, nameof(Path));
                if (zip == null) return null;
                files.Add(("package", zip, "application/zip"));
            }
            else
            {
                var audios = Expand(AudioPath!, nameof(AudioPath));
                if (audios == null) return null;
                var texts = Expand(TextPath!, nameof(TextPath));
                if (texts == null) return null;
                if (audios.Count != texts.Count)
                {
                    WriteError(ErrorRecords.InvalidInput($"-AudioPath names {audios.Count} file(s) and -TextPath {texts.Count}; they are matched by index, so give as many of each.", JobId));
                    return null;
                }
                for (var i = 0; i < audios.Count; i++)
                {
                    files.Add(($"audio {i}", audios[i], "audio/wav"));
                    files.Add(($"text {i}", texts[i], "text/plain"));
                }
            }
            if (AuthorizationLetterPath != null)
            {
                var letter = Local(AuthorizationLetterPath, nameof(AuthorizationLetterPath));
                if (letter == null) return null;
                files.Add(("authorization letter", letter, "application/octet-stream"));
            }
            return files;
        }

        private bool Covers(MsVoiceTrainingUploadUrl urls)
        {
            var data = IsPackage
                ? !string.IsNullOrEmpty(urls.TrainingDataUploadingUrl)
                : (urls.SegmentUploadingUrl?.AudioUploadingUrl?.Length ?? 0) > 0;
            return data && (AuthorizationLetterPath == null || !string.IsNullOrEmpty(urls.AuthorizationLetterUploadingUrl));
        }

        private List<UploadPart>? Plan(List<(string What, FileInfo File, string ContentType)> files, MsVoiceTrainingUploadUrl urls)
        {
            var audio = urls.SegmentUploadingUrl?.AudioUploadingUrl ?? Array.Empty<string>();
            var text = urls.SegmentUploadingUrl?.TxtUploadingUrl ?? Array.Empty<string>();
            var plan = new List<UploadPart>();
            foreach (var (what, file, type) in files)
            {
                string? url;
                if (what == "package") url = urls.TrainingDataUploadingUrl;
                else if (what == "authorization letter") url = urls.AuthorizationLetterUploadingUrl;
                else
                {
                    var index = int.Parse(what.Substring(what.IndexOf(' ') + 1), CultureInfo.InvariantCulture);
                    var list = what.StartsWith("audio", StringComparison.Ordinal) ? audio : text;
                    url = index < list.Length ? list[index] : null;
                }
                if (url == null || url.Length == 0)
                {
                    WriteError(ErrorRecords.InvalidInput(
                        $"Job {JobId} has no upload URL for the {what} (it offers {audio.Length} segment(s){(string.IsNullOrEmpty(urls.TrainingDataUploadingUrl) ? " and no package URL" : "")}); check the job's -CreateType and edition.",
                        JobId));
                    return null;
                }
                plan.Add(new UploadPart(what, file, 0, file.Length, url) { ContentType = type });
            }
            return plan;
        }

        private bool IsPackage => ParameterSetName != SegmentSet;

        private FileInfo? Local(string path, string parameter) => TrainingFileUploader.LocalFile(this, path, parameter);

        // Each item of -AudioPath or -TextPath, its wildcards expanded in name order; null after writing why one cannot be used.
        private List<FileInfo>? Expand(string[] paths, string parameter)
        {
            var all = new List<FileInfo>();
            foreach (var path in paths)
            {
                var files = TrainingFileUploader.LocalFiles(this, path, parameter, literal: false, many: true);
                if (files == null) return null;
                all.AddRange(files);
            }
            return all;
        }
    }
}
