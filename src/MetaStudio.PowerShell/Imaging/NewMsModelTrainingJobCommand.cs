using System.Collections.Generic;
using System.Management.Automation;
using MetaStudio.PowerShell.Core.Http;

namespace MetaStudio.PowerShell.Imaging
{
    /// <summary>
    /// Create2dModelTrainingJob, then the job read back, carrying the single-use upload URLs the create
    /// returned (pipe it to Send-MsModelTrainingFile).
    /// </summary>
    [Cmdlet(VerbsCommon.New, "MsModelTrainingJob", SupportsShouldProcess = true)]
    [OutputType(typeof(MsModelTrainingJob))]
    public sealed class NewMsModelTrainingJobCommand : ModelTrainingBodyCmdlet
    {
        /// <summary>The job's name; it also becomes the trained model asset's name.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateLength(1, 64)]
        public string Name { get; set; }

        protected override void ProcessRecord()
        {
            var body = BuildBody(new Dictionary<string, object>(), Name);
            if (!ShouldProcess(Name, "Create model training job")) return;
            var created = TrySend(new MsRequest("Create2dModelTrainingJob") { Target = Name }.WithBody(body))?.As<MsModelTrainingJob>();
            if (created?.JobId == null) return;
            created.Name = Name;
            var session = CurrentSession;
            WriteCreated(async ctx => (await ImagingApi.GetAsync(session, created.JobId, ctx).ConfigureAwait(false)).WithUploadUrls(created),
                created, "Training job", created.JobId);
        }
    }
}
