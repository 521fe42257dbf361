using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Transfers;

namespace MetaStudio.PowerShell.Imaging
{
    /// <summary>
    /// Uploads local training material to the single-use URLs that New-/Set-MsModelTrainingJob output
    /// (bound by property name), optionally submits the job (SUBMITVERIFYING), then outputs the job read back.
    /// </summary>
    [MsApi(OperationId.Execute2dModelTrainingCommandByUser, OperationId.Show2dModelTrainingJob)]
    [Cmdlet(VerbsCommunications.Send, "MsModelTrainingFile", SupportsShouldProcess = true)]
    [OutputType(typeof(MsModelTrainingJob))]
    public sealed class SendMsModelTrainingFileCommand : MsCmdlet
    {
        /// <summary>Hashes and streams files with progress: the work starts on a worker (MsAsyncCmdlet.MovesFiles).</summary>
        private protected override bool MovesFiles => true;

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public required string JobId { get; set; }

        /// <summary>The training video (MP4, 1080P or 4K, 3 to 10 minutes).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public required string VideoPath { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string? CoverPath { get; set; }

        /// <summary>The authorization (grant) letter of the person in the video.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string? GrantFilePath { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string? IdCardImage1Path { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string? IdCardImage2Path { get; set; }

        /// <summary>A separate audio file (for jobs created with -AudioSourceType AUDIO).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string? AudioPath { get; set; }

        /// <summary>The video's upload URL(s); several mean the video goes up in that many equal parts.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string[]? TrainingVideoUploadUrl { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? CoverUploadUrl { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? GrantFileUploadUrl { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? IdCardImage1UploadUrl { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? IdCardImage2UploadUrl { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? AudioUploadUrl { get; set; }

        /// <summary>After the uploads, submit the job for verification (command SUBMITVERIFYING).</summary>
        [Parameter]
        public SwitchParameter Submit { get; set; }

        protected override void ProcessRecord()
        {
            var uploads = Plan();
            if (uploads == null) return;
            var files = string.Join(", ", uploads.Select(u => u.File.Name).Distinct());
            if (!ShouldChange(ImagingApi.Jobs, JobId, $"Upload {files}{(Submit ? " and submit for verification" : "")}")) return;

            var session = CurrentSession;
            if (!TryRun(async ctx => { await TrainingFileUploader.UploadAsync(session, uploads, ctx).ConfigureAwait(false); return true; }, JobId))
                return;
            if (Submit)
            {
                var submitted = TryRun(ctx => ImagingApi.RunCommandAsync(session, ImagingApi.Command(JobId, "SUBMITVERIFYING"), JobId, "SUBMITVERIFYING", ctx), JobId);
                if (submitted == null) return;
                if (!submitted.Succeeded) WriteError(ImagingApi.CommandFailure(submitted));
            }
            var shown = TryRun(ctx => ImagingApi.GetAsync(session, JobId, ctx), JobId);
            if (shown != null) WriteObject(shown);
        }

        /// <summary>Every file with its URL, or null after writing why the input cannot be uploaded (no request is sent then).</summary>
        private List<UploadPart>? Plan()
        {
            var plan = new List<UploadPart>();
            var video = Local(VideoPath, nameof(VideoPath));
            if (video == null) return null;
            var urls = (TrainingVideoUploadUrl ?? Array.Empty<string>()).Where(u => !string.IsNullOrEmpty(u)).ToList();
            if (urls.Count == 0) return Missing(nameof(VideoPath), nameof(TrainingVideoUploadUrl));
            if (video.Length < urls.Count)
            {
                WriteError(ErrorRecords.InvalidInput($"'{VideoPath}' has {video.Length} bytes, fewer than its {urls.Count} upload parts.", VideoPath));
                return null;
            }
            plan.AddRange(UploadPart.Split("training video", video, urls));
            var extras = new[]
            {
                (CoverPath, CoverUploadUrl, "cover", nameof(CoverPath), nameof(CoverUploadUrl)),
                (GrantFilePath, GrantFileUploadUrl, "grant file", nameof(GrantFilePath), nameof(GrantFileUploadUrl)),
                (IdCardImage1Path, IdCardImage1UploadUrl, "ID card image 1", nameof(IdCardImage1Path), nameof(IdCardImage1UploadUrl)),
                (IdCardImage2Path, IdCardImage2UploadUrl, "ID card image 2", nameof(IdCardImage2Path), nameof(IdCardImage2UploadUrl)),
                (AudioPath, AudioUploadUrl, "audio", nameof(AudioPath), nameof(AudioUploadUrl)),
            };
            foreach (var (path, url, what, pathParameter, urlParameter) in extras)
            {
                if (path == null) continue;
                var file = Local(path, pathParameter);
                if (file == null) return null;
                if (url == null || url.Length == 0) return Missing(pathParameter, urlParameter);
                plan.AddRange(UploadPart.Split(what, file, new[] { url }));
            }
            return plan;
        }

        private FileInfo? Local(string path, string parameter) => TrainingFileUploader.LocalFile(this, path, parameter);

        private List<UploadPart>? Missing(string pathParameter, string urlParameter)
        {
            WriteError(ErrorRecords.InvalidInput(
                $"-{pathParameter} needs -{urlParameter}. Upload URLs are handed out once, by New-MsModelTrainingJob and Set-MsModelTrainingJob: pipe their output here (Set-MsModelTrainingJob -JobId {JobId} gives new ones).",
                JobId));
            return null;
        }
    }
}
