using System.Collections.Generic;
using System.Management.Automation;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Cmdlets;

namespace MetaStudio.PowerShell.Imaging
{
    /// <summary>
    /// Create2dModelTrainingJob, then the job read back, carrying the single-use upload URLs the create
    /// returned (pipe it to Send-MsModelTrainingFile).
    /// </summary>
    [MsApi(OperationId.Create2dModelTrainingJob, OperationId.Show2dModelTrainingJob)]
    [Cmdlet(VerbsCommon.New, "MsModelTrainingJob", SupportsShouldProcess = true)]
    [OutputType(typeof(MsModelTrainingJob))]
    public sealed class NewMsModelTrainingJobCommand : ModelTrainingBodyCmdlet
    {
        /// <summary>The job's name; it also becomes the trained model asset's name.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateLength(1, 64)]
        public required string Name { get; set; }

        /// <summary>V3 (the service's default), V3.2 or V3.3; V2 is deprecated.</summary>
        [Parameter]
        [ValidateSet("V2", "V3", "V3.2", "V3.3")]
        public string? ModelVersion { get; set; }

        /// <summary>The basic (Flexus) edition.</summary>
        [Parameter]
        public SwitchParameter IsFlexus { get; set; }

        protected override void ProcessRecord()
        {
            var body = new Dictionary<string, object?>();
            if (!TryBuild(() => BuildBody(body, Name), Name)) return;
            // Only a create takes these: the update model (Update2dModelTrainingJobReq) has neither.
            if (IsBound(nameof(ModelVersion))) body["model_version"] = ModelVersion;
            if (IsBound(nameof(IsFlexus))) body["is_flexus"] = IsFlexus.IsPresent;
            if (!ShouldProcess(Name, "Create model training job")) return;
            var session = CurrentSession;
            MsModelTrainingJob Created(MsResponse answer)
            {
                var created = answer.AsRequired<MsModelTrainingJob>();
                created.Name = Name;
                return created;
            }
            WriteCreate(new Creation<MsModelTrainingJob>("model training job", Name, new MsRequest(OperationId.Create2dModelTrainingJob) { Target = Name }.WithBody(body),
                (_, answer) => Created(answer))
            {
                ReadBack = async (id, answer, ctx) => (await ImagingApi.GetAsync(session, id, ctx).ConfigureAwait(false)).WithUploadUrls(Created(answer)),
                LookFor = t => $"Look for it with: Get-MsModelTrainingJob -StartTime '{t.ToLocalTime():yyyy-MM-dd HH:mm:ss}' | Where-Object Name -eq '{Name}'",
            });
        }
    }
}
