using System;
using System.Linq;
using System.Management.Automation;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Paging;
using MetaStudio.PowerShell.Core.Model;

namespace MetaStudio.PowerShell.Voice
{
    /// <summary>ListJobOperationLog: the history of a voice training job, oldest first, paged.</summary>
    [MsApi(OperationId.ListJobOperationLog)]
    [Cmdlet(VerbsCommon.Get, "MsVoiceTrainingLog", SupportsPaging = true)]
    [OutputType(typeof(MsVoiceTrainingLog))]
    public sealed class GetMsVoiceTrainingLogCommand : MsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public required string JobId { get; set; }

        protected override void ProcessRecord()
        {
            var jobId = JobId;
            WritePaged(new Pager<MsVoiceTrainingLog>(
                () => new MsRequest(OperationId.ListJobOperationLog) { Target = jobId }.WithPath("job_id", jobId),
                r =>
                {
                    var list = r.As<OperationLogList>();
                    var logs = (list?.Operations ?? Array.Empty<MsVoiceTrainingLog>()).ToList();
                    foreach (var log in logs) log.JobId = jobId;
                    return new Page<MsVoiceTrainingLog>(logs, list?.Count);
                }));
        }

        [WireModel("ListJobOperationLogResponse")]
        internal sealed class OperationLogList
        {
            public int? Count { get; set; }
            public MsVoiceTrainingLog[]? Operations { get; set; }
        }
    }
}
