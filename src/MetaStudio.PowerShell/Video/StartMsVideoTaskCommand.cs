using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Security;
using System.Text.Json.Nodes;
using MetaStudio.PowerShell.Core.Auth;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Jobs;

namespace MetaStudio.PowerShell.Video
{
    /// <summary>
    /// Create2DDigitalHumanVideo from a script (-ScriptId, explicit fields override it) or from inline
    /// -Text, -ModelAssetId and -VoiceAssetId. With -Wait, all tasks started by one pipeline are waited on together.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "MsVideoTask", SupportsShouldProcess = true)]
    [OutputType(typeof(MsVideoTask))]
    public sealed class StartMsVideoTaskCommand : VideoContentCmdlet
    {
        private readonly List<string> _started = new List<string>();

        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public string ScriptId { get; set; }

        /// <summary>Name of the produced video asset; a unique name is made up when left out.</summary>
        [Parameter]
        [ValidateLength(1, 256)]
        public string OutputAssetName { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public Uri CallbackUrl { get; set; }

        [Parameter]
        [ValidateSet("NONE", "MSS_A")]
        public string CallbackAuthType { get; set; }

        /// <summary>Key of the MSS_A callback signature.</summary>
        [Parameter]
        [SecureStringTransformation]
        public SecureString CallbackKey { get; set; }

        [Parameter]
        public SwitchParameter Wait { get; set; }

        [Parameter]
        [TimeSpanSeconds]
        public TimeSpan? Timeout { get; set; }

        [Parameter]
        [ValidateRange(0.05, 3600)]
        public double? PollIntervalSec { get; set; }

        protected override void ProcessRecord()
        {
            var target = ScriptId ?? OutputAssetName ?? "inline script";
            var problem = CheckInputs();
            if (problem != null)
            {
                WriteError(ErrorRecords.InvalidInput(problem, target));
                return;
            }
            var body = TryBuildContent(ScriptId == null, target);
            if (body == null) return;
            if (ScriptId != null) body["script_id"] = ScriptId;
            var assetName = OutputAssetName ?? $"video-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N").Substring(0, 6)}";
            body["output_asset_config"] = new JsonObject { ["asset_name"] = assetName };
            if (CallbackUrl != null)
            {
                var callback = new JsonObject { ["callback_url"] = CallbackUrl.AbsoluteUri, ["auth_type"] = CallbackAuthType ?? (CallbackKey != null ? "MSS_A" : "NONE") };
                if (CallbackKey != null) callback["key"] = SecretText.Reveal(CallbackKey);
                body["callback_config"] = callback;
            }
            if (ScriptId != null ? !ShouldChange("video script", ScriptId, $"Start a video task producing '{assetName}'", NameFrom<MsVideoScript>(VideoApi.ShowScript(ScriptId), s => s.ScriptName))
                                 : !ShouldProcess($"video '{assetName}'", "Start a video task from the inline script")) return;

            var created = TrySend(new MsRequest("Create2DDigitalHumanVideo") { Target = target }.WithBody(body));
            var jobId = created?.As<JobIdResponse>()?.JobId;
            if (jobId == null) return;
            if (Wait)
            {
                _started.Add(jobId);
                return;
            }
            var session = CurrentSession;
            WriteCreated(async ctx => (await session.Client.SendAsync(VideoApi.ShowTask(jobId), ctx).ConfigureAwait(false)).As<MsVideoTask>(),
                new MsVideoTask { JobId = jobId, State = "WAITING" }, "Video task", jobId);
        }

        protected override void EndProcessing()
        {
            if (_started.Count == 0) return;
            var session = CurrentSession;
            TryRun(async ctx => { await VideoApi.WaitAsync(session, _started, Timeout, PollIntervalSec, ctx).ConfigureAwait(false); return true; }, null);
        }

        private string CheckInputs()
        {
            if (CallbackUrl != null && CallbackUrl.Scheme != Uri.UriSchemeHttp && CallbackUrl.Scheme != Uri.UriSchemeHttps)
                return $"-CallbackUrl must be an http or https URL, not '{CallbackUrl}'.";
            if (CallbackAuthType == "MSS_A" && CallbackKey == null) return "-CallbackAuthType MSS_A needs -CallbackKey.";
            if (ScriptId != null) return null;
            if ((Text == null || Text.Length == 0) && ShootScript == null) return "Give -ScriptId, or the script inline with -Text (or -ShootScript), -ModelAssetId and -VoiceAssetId.";
            if (ModelAssetId == null) return "An inline video task needs -ModelAssetId (the avatar model asset).";
            if (VoiceAssetId == null && VoiceConfig == null) return "An inline video task needs -VoiceAssetId (the voice model asset).";
            return null;
        }
    }
}
