using System.Management.Automation;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Http;

namespace MetaStudio.PowerShell.Voice
{
    /// <summary>ShowTrainingSegmentInfo: which sentences of a job have a confirmed online recording.</summary>
    [MsApi(OperationId.ShowTrainingSegmentInfo)]
    [Cmdlet(VerbsCommon.Get, "MsVoiceTrainingSegment")]
    [OutputType(typeof(MsVoiceTrainingSegment))]
    public sealed class GetMsVoiceTrainingSegmentCommand : MsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public required string JobId { get; set; }

        protected override void ProcessRecord()
        {
            var info = TrySend<MsVoiceTrainingSegment>(new MsRequest(OperationId.ShowTrainingSegmentInfo) { Target = JobId }.WithQuery("job_id", JobId));
            if (info == null) return;
            info.JobId = JobId;
            WriteObject(info);
        }
    }
}
