using System.Collections;
using System.Management.Automation;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Json;
using MetaStudio.PowerShell.Core.Catalog;

namespace MetaStudio.PowerShell.Imaging
{
    /// <summary>
    /// Execute2dModelTrainingCommandByUser. The service answers 200 even when a command is refused
    /// (commond_result EXCUTE_FAILED), so that case is turned into a non-terminating error here.
    /// </summary>
    [MsApi(OperationId.Execute2dModelTrainingCommandByUser, OperationId.Show2dModelTrainingJob)]
    [Cmdlet(VerbsLifecycle.Invoke, "MsModelTrainingCommand", SupportsShouldProcess = true)]
    [OutputType(typeof(MsModelTrainingCommandResult))]
    public sealed class InvokeMsModelTrainingCommandCommand : MsCmdlet
    {
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public required string JobId { get; set; }

        /// <summary>CONFIRM_ACCEPT, CONFIRM_REJECT, CONFIRM_ANSWER, CONFIRM_PENDING and CONFIRM_ACTIVE are for whitelisted tenants only.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateSet("SUBMITVERIFYING", "CONFIRM_ACCEPT", "CONFIRM_REJECT", "CONFIRM_ANSWER", "CONFIRM_PENDING", "CONFIRM_ACTIVE",
            "GET_MULTIPART_UPLOADED", "CONFIRM_REPAIR", "CONFIRM_MULTIPART_UPLOADED", "GET_ACTION_VIDEO_MULTIPART_UPLOADED",
            "CONFIRM_ACTION_VIDEO_MULTIPART_UPLOADED", "CONFIRM_AUTHORIZATION_LETTER", "DELETE_JOB_VIDEO")]
        public required string Command { get; set; }

        [Parameter]
        [ValidateSet("UPDATE_VIDEO", "UPLOAD_VIDEO", "CONFIRM_ACTION_VIDEO", "GET_ACTION_VIDEO_MULTIPART")]
        public string? CommandMessage { get; set; }

        /// <summary>A comment (CommentData) for the CONFIRM_* commands, as a hashtable.</summary>
        [Parameter]
        [ValidateNotNull]
        public Hashtable? CommentData { get; set; }

        protected override void ProcessRecord()
        {
            object? comment = null;
            if (CommentData != null && !TryBuild(() => comment = MsJson.FromPowerShell(CommentData, nameof(CommentData)), JobId)) return;
            if (!ShouldChange(ImagingApi.Jobs, JobId, $"Run training command {Command}")) return;
            var session = CurrentSession;
            var request = ImagingApi.Command(JobId, Command, CommandMessage, comment);
            var result = TryRun(ctx => ImagingApi.RunCommandAsync(session, request, JobId, Command, ctx), JobId);
            if (result == null) return;
            WriteObject(result);
            if (!result.Succeeded) WriteError(ImagingApi.CommandFailure(result));
        }
    }
}
