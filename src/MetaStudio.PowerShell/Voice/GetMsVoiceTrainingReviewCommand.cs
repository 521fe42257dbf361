using System.Management.Automation;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Http;

namespace MetaStudio.PowerShell.Voice
{
    /// <summary>ShowJobAuditResult: why a job's review passed or failed (Errors lists the rejected sentences).</summary>
    [MsApi(OperationId.ShowJobAuditResult)]
    [Cmdlet(VerbsCommon.Get, "MsVoiceTrainingReview")]
    [OutputType(typeof(MsVoiceTrainingReview))]
    public sealed class GetMsVoiceTrainingReviewCommand : MsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public required string JobId { get; set; }

        protected override void ProcessRecord()
        {
            var review = TrySend<MsVoiceTrainingReview>(new MsRequest(OperationId.ShowJobAuditResult) { Target = JobId }.WithPath("job_id", JobId));
            if (review == null) return;
            review.JobId = JobId;
            WriteObject(review);
        }
    }
}
