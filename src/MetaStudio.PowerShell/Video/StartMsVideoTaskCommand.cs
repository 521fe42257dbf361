using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Security;
using System.Text.Json.Nodes;
using MetaStudio.PowerShell.Core.Auth;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Jobs;

namespace MetaStudio.PowerShell.Video
{
    /// <summary>
    /// Starts a video task: Create2DDigitalHumanVideo from a script (-ScriptId, explicit fields override it) or
    /// from inline -Text, -ModelAssetId and -VoiceAssetId; with -HumanImagePath or -HumanImage,
    /// CreatePhotoDigitalHumanVideo (the avatar is a photo). With -Wait, all tasks started by one pipeline
    /// are waited on together.
    /// </summary>
    [MsApi(OperationId.Create2DDigitalHumanVideo, OperationId.CreatePhotoDigitalHumanVideo, OperationId.Show2DDigitalHumanVideo, OperationId.ShowPhotoDigitalHumanVideo,
        OperationId.ShowVideoScript)]
    [Cmdlet(VerbsLifecycle.Start, "MsVideoTask", SupportsShouldProcess = true, DefaultParameterSetName = ModelSet)]
    [OutputType(typeof(MsVideoTask))]
    public sealed class StartMsVideoTaskCommand : VideoContentCmdlet
    {
        private const string ModelSet = "Model";
        private const string PhotoPathSet = "PhotoPath";
        private const string PhotoSet = "Photo";
        private readonly List<JobRef> _started = new List<JobRef>();

        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public string? ScriptId { get; set; }

        /// <summary>The photo of the person who speaks (JPG or PNG), sent base64-encoded as human_image.</summary>
        [Parameter(Mandatory = true, ParameterSetName = PhotoPathSet)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string? HumanImagePath { get; set; }

        /// <summary>The photo as base64 text (human_image).</summary>
        [Parameter(Mandatory = true, ParameterSetName = PhotoSet)]
        [ValidateNotNullOrEmpty]
        public string? HumanImage { get; set; }

        /// <summary>Confirms the person in the photo allowed its use (authorize_use_human_image).</summary>
        [Parameter(ParameterSetName = PhotoPathSet)]
        [Parameter(ParameterSetName = PhotoSet)]
        public SwitchParameter AuthorizeHumanImage { get; set; }

        /// <summary>Name of the produced video asset; a unique name is made up when left out.</summary>
        [Parameter]
        [ValidateLength(1, 256)]
        public string? OutputAssetName { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public Uri? CallbackUrl { get; set; }

        [Parameter]
        [ValidateSet("NONE", "MSS_A")]
        public string? CallbackAuthType { get; set; }

        /// <summary>Key of the MSS_A callback signature.</summary>
        [Parameter]
        [SecureStringTransformation]
        public SecureString? CallbackKey { get; set; }

        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>
        /// How many piped rows may have requests in flight at once (MsBulkCmdlet's rule; this cmdlet's parameter base,
        /// VideoContentCmdlet, also serves the video script cmdlets, so it cannot derive from MsBulkCmdlet).
        /// </summary>
        [Parameter]
        [ValidateRange(1, HttpHandlers.MinConnectionsPerServer)]
        public int ThrottleLimit { get; set; }

        private int _defaultLimit;

        private protected override int ItemsInFlight
            => MsBulkCmdlet.InFlight(GetType(), () => CurrentSession.Region, ThrottleLimit, Prompts, AnItemEnded, ref _defaultLimit);

        [Parameter]
        [TimeSpanSeconds]
        public TimeSpan? Timeout { get; set; }

        [Parameter]
        [ValidateRange(0.05, 3600)]
        public double? PollIntervalSec { get; set; }

        private protected override bool IsPhotoVideo => ParameterSetName != ModelSet;

        private string JobType => IsPhotoVideo ? VideoApi.PhotoJobType : VideoApi.ModelJobType;

        protected override void ProcessRecord()
        {
            var target = ScriptId ?? OutputAssetName ?? HumanImagePath ?? "inline script";
            var problem = CheckInputs();
            if (problem != null)
            {
                WriteError(ErrorRecords.InvalidInput(problem, target));
                return;
            }
            var body = TryBuildContent(ScriptId == null, target);
            if (body == null) return;
            if (IsPhotoVideo)
            {
                var image = TryReadImage(target);
                if (image == null) return;
                body["human_image"] = image;
                if (AuthorizeHumanImage) body["authorize_use_human_image"] = true;
            }
            if (ScriptId != null) body["script_id"] = ScriptId;
            var assetName = OutputAssetName ?? $"video-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N").Substring(0, 6)}";
            body["output_asset_config"] = new JsonObject { ["asset_name"] = assetName };
            if (CallbackUrl != null)
            {
                var callback = new JsonObject { ["callback_url"] = CallbackUrl.AbsoluteUri, ["auth_type"] = CallbackAuthType ?? (CallbackKey != null ? "MSS_A" : "NONE") };
                if (CallbackKey != null) callback["key"] = SecretText.Reveal(CallbackKey);
                body["callback_config"] = callback;
            }
            var kind = IsPhotoVideo ? "photo video task" : "video task";
            if (ScriptId != null ? !ShouldChange(VideoApi.Scripts, ScriptId, $"Start a {kind} producing '{assetName}'")
                                 : !ShouldProcess($"video '{assetName}'", $"Start a {kind} from the inline script")) return;

            var operation = IsPhotoVideo ? OperationId.CreatePhotoDigitalHumanVideo : OperationId.Create2DDigitalHumanVideo;
            var session = CurrentSession;
            var jobType = JobType;
            WriteCreate(new Creation<MsVideoTask>(kind, assetName, new MsRequest(operation) { Target = target }.WithBody(body),
                (id, _) => new MsVideoTask { JobId = id, State = "WAITING", JobType = jobType })
            {
                ReadBack = (id, _, ctx) => VideoApi.GetTaskAsync(session, id, jobType, ctx),
                OnCreated = Wait ? (id, _) => { if (id != null) _started.Add(new JobRef(id, jobType)); } : (System.Action<string?, MsResponse>?)null,
                LookFor = t => $"Look for it with: Get-MsVideoTask -StartTime '{t.ToLocalTime():yyyy-MM-dd HH:mm:ss}' (its video asset is named '{assetName}')",
            });
        }

        protected override void EndProcessing()
        {
            // The starts still in flight first: their output, and for -Wait the ids they add to _started.
            base.EndProcessing();
            WaitForJobs(VideoTaskJobs.Instance, _started, Timeout, PollIntervalSec);
        }

        private string? CheckInputs()
        {
            if (CallbackUrl != null && CallbackUrl.Scheme != Uri.UriSchemeHttp && CallbackUrl.Scheme != Uri.UriSchemeHttps)
                return $"-CallbackUrl must be an http or https URL, not '{CallbackUrl}'.";
            if (CallbackAuthType == "MSS_A" && CallbackKey == null) return "-CallbackAuthType MSS_A needs -CallbackKey.";
            if (ScriptId != null) return null;
            if ((Text == null || Text.Length == 0) && ShootScript == null)
                return IsPhotoVideo ? "Give the script inline with -Text (or -ShootScript) and -VoiceAssetId, or -ScriptId."
                    : "Give -ScriptId, or the script inline with -Text (or -ShootScript), -ModelAssetId and -VoiceAssetId.";
            if (!IsPhotoVideo && ModelAssetId == null) return "An inline video task needs -ModelAssetId (the avatar model asset).";
            if (VoiceAssetId == null && VoiceConfig == null) return "An inline video task needs -VoiceAssetId (the voice model asset).";
            return null;
        }

        /// <summary>The photo as base64 (human_image), or null after writing why it cannot be read.</summary>
        private string? TryReadImage(object target)
        {
            if (HumanImage != null) return HumanImage;
            // The photo sets make -HumanImage or -HumanImagePath mandatory.
            var file = LocalPaths.InputFile(this, HumanImagePath!, nameof(HumanImagePath), target, out var error);
            if (file == null)
            {
                WriteError(error);
                return null;
            }
            return Convert.ToBase64String(File.ReadAllBytes(file.FullName));
        }
    }
}
