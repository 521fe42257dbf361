using System.Management.Automation;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Http;

namespace MetaStudio.PowerShell.Voice
{
    /// <summary>
    /// ConfirmTrainingSegment, once per -Index: accepts the online recording of a sentence. A false
    /// ConfirmResult with UnmatchedIndexHit means the recording did not match its text there.
    /// </summary>
    [MsApi(OperationId.ConfirmTrainingSegment, OperationId.ShowVoiceTrainingJob)]
    [Cmdlet(VerbsLifecycle.Confirm, "MsVoiceTrainingSegment", SupportsShouldProcess = true)]
    [OutputType(typeof(MsVoiceSegmentConfirmation))]
    public sealed class ConfirmMsVoiceTrainingSegmentCommand : MsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public required string JobId { get; set; }

        /// <summary>The sentence index (0 for 0.wav/0.txt).</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateRange(0, 100000)]
        public required int[] Index { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var index in Index)
            {
                if (!ShouldChange(VoiceApi.Jobs, JobId, $"Confirm the online recording of sentence {index}")) continue;
                var result = TrySend(new MsRequest(OperationId.ConfirmTrainingSegment) { Target = JobId }.WithQuery("job_id", JobId).WithQuery("index", index))
                    ?.As<MsVoiceSegmentConfirmation>();
                if (result == null) continue;
                result.JobId = JobId;
                result.Index = index;
                WriteObject(result);
            }
        }
    }
}
