using System.Collections.Generic;
using System.Management.Automation;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Http;

namespace MetaStudio.PowerShell.Imaging
{
    /// <summary>
    /// Update2dModelTrainingJob. The API replaces the whole body (name required), so the job is read
    /// first and only the given parameters change. Outputs the job read back with the fresh upload URLs
    /// the update returned.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "MsModelTrainingJob", SupportsShouldProcess = true)]
    [OutputType(typeof(MsModelTrainingJob))]
    public sealed class SetMsModelTrainingJobCommand : ModelTrainingBodyCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public string JobId { get; set; }

        /// <summary>A new name for the job (and the model asset it will create).</summary>
        [Parameter]
        [ValidateLength(1, 64)]
        public string Name { get; set; }

        protected override void ProcessRecord()
        {
            if (!ShouldChange("model training job", JobId, "Update", NameFrom<MsModelTrainingJob>(ImagingApi.Show(JobId), j => j.Name))) return;
            var session = CurrentSession;
            var current = TryRun(ctx => ImagingApi.GetAsync(session, JobId, ctx), JobId);
            if (current == null) return;
            var body = BuildBody(Current(current), Name ?? current.Name);
            var urls = TrySend(new MsRequest("Update2dModelTrainingJob").WithPath("job_id", JobId).WithBody(body))?.As<MsModelTrainingJob>();
            if (urls == null) return;
            var shown = TryRun(ctx => ImagingApi.GetAsync(session, JobId, ctx), JobId);
            if (shown != null) WriteObject(shown.WithUploadUrls(urls));
        }

        /// <summary>The job's current settings in the update body's shape.</summary>
        private static Dictionary<string, object> Current(MsModelTrainingJob job)
        {
            var body = new Dictionary<string, object>();
            void Put(string key, object value)
            {
                if (value != null) body[key] = value;
            }
            Put("contact", job.Contact);
            Put("batch_name", job.BatchName);
            Put("tags", job.Tags);
            Put("model_version", job.ModelVersion);
            Put("is_flexus", job.IsFlexus);
            Put("is_background_replacement", job.IsBackgroundReplacement);
            Put("audio_source_type", job.AudioSourceType);
            Put("supported_service", job.SupportedService);
            return body;
        }
    }
}
