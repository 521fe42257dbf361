using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;
using MetaStudio.PowerShell.Core.Json;
using MetaStudio.PowerShell.Core.Spec;
using System.Management.Automation;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Http;

namespace MetaStudio.PowerShell.Imaging
{
    /// <summary>
    /// Update2dModelTrainingJob. The job is read first (Show2dModelTrainingJob) and sent back in the update
    /// model's shape with only the given parameters changed, so the update keeps what it is not told.
    /// Outputs the job read back with the fresh upload URLs the update returned.
    /// </summary>
    [MsApi(OperationId.Show2dModelTrainingJob, OperationId.Update2dModelTrainingJob)]
    [Cmdlet(VerbsCommon.Set, "MsModelTrainingJob", SupportsShouldProcess = true)]
    [OutputType(typeof(MsModelTrainingJob))]
    public sealed class SetMsModelTrainingJobCommand : ModelTrainingBodyCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public required string JobId { get; set; }

        /// <summary>A new name for the job (and the model asset it will create).</summary>
        [Parameter]
        [ValidateLength(1, 64)]
        public string? Name { get; set; }

        protected override void ProcessRecord()
        {
            var changes = new Dictionary<string, object?>();
            if (!TryBuild(() => BuildBody(changes, Name), JobId)) return;
            if (!CheckBody(OperationId.Update2dModelTrainingJob, changes, JobId, partial: true)) return;
            if (!ShouldChange(ImagingApi.Jobs, JobId, "Update")) return;
            var session = CurrentSession;
            var current = TrySend(ImagingApi.Show(JobId));
            if (current == null) return;
            var body = ReadMergeWrite.Merge(current, OperationId.Update2dModelTrainingJob, changes);
            var urls = TrySend<MsModelTrainingJob>(new MsRequest(OperationId.Update2dModelTrainingJob).WithPath("job_id", JobId).WithBody(body));
            if (urls == null) return;
            var shown = TryRun(ctx => ImagingApi.GetAsync(session, JobId, ctx), JobId);
            if (shown != null) WriteObject(shown.WithUploadUrls(urls));
        }
    }
}
