using System.Management.Automation;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Catalog;

namespace MetaStudio.PowerShell.Voice
{
    /// <summary>
    /// CommitVoiceTrainingJob: hands the uploaded material to review and training, optionally changing
    /// the voice's fields; outputs the job read back (follow it with Wait-MsVoiceTrainingJob).
    /// </summary>
    [MsApi(OperationId.CommitVoiceTrainingJob, OperationId.ShowVoiceTrainingJob)]
    [Cmdlet(VerbsLifecycle.Submit, "MsVoiceTrainingJob", SupportsShouldProcess = true)]
    [OutputType(typeof(MsVoiceTrainingJob))]
    public sealed class SubmitMsVoiceTrainingJobCommand : VoiceTrainingBodyCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Core.Cmdlets.ValidateMsId]
        public required string JobId { get; set; }

        /// <summary>A new name for the voice (and the asset it will create).</summary>
        [Parameter]
        [ValidateLength(1, 256)]
        public string? VoiceName { get; set; }

        protected override void ProcessRecord()
        {
            var body = BuildBody(VoiceName);
            if (!ShouldChange(VoiceApi.Jobs, JobId, "Submit for review and training")) return;
            if (TrySend(VoiceApi.Commit(JobId, body)) == null) return;
            var session = CurrentSession;
            var shown = TryRun(ctx => VoiceApi.GetAsync(session, JobId, ctx), JobId);
            if (shown != null) WriteObject(shown);
        }
    }
}
