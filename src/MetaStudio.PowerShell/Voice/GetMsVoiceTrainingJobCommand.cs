using System;
using System.Management.Automation;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Paging;

namespace MetaStudio.PowerShell.Voice
{
    /// <summary>ListVoiceTrainingJob with filters, or ShowVoiceTrainingJob for each -JobId.</summary>
    [MsApi(OperationId.ListVoiceTrainingJob, OperationId.ShowVoiceTrainingJob)]
    [Cmdlet(VerbsCommon.Get, "MsVoiceTrainingJob", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(MsVoiceTrainingJob))]
    public sealed class GetMsVoiceTrainingJobCommand : MsBulkCmdlet, ITimeWindow
    {
        private const string ListSet = "List";
        private const string ShowSet = "Show";

        [Parameter(Mandatory = true, ParameterSetName = ShowSet, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public string[]? JobId { get; set; }

        /// <summary>Job states (an open set, so not validated here): CREATING, SYSTEM_AUDITING, PROCESSING, SUCCEED, ...</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        public string[]? State { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateLength(1, 256)]
        public string? VoiceName { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("ECOMMERCE", "NEWS", "MARKETING")]
        public string? Tag { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("BASIC", "MIDDLE", "ADVANCE", "THIRD_PARTY", "THIRD_PARTY_LJZN", "FLEXUS")]
        public string? JobType { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateLength(1, 256)]
        public string? BatchName { get; set; }

        /// <summary>Jobs created at or after this time (create_since, sent as epoch milliseconds).</summary>
        [Parameter(ParameterSetName = ListSet)]
        public DateTime? StartTime { get; set; }

        /// <summary>Jobs created at or before this time (create_until, sent as epoch milliseconds).</summary>
        [Parameter(ParameterSetName = ListSet)]
        public DateTime? EndTime { get; set; }

        /// <summary>Only jobs billed on demand; -IsOnDemandResource:$false only the others.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter IsOnDemandResource { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ShowSet)
            {
                WriteShown(VoiceApi.Jobs, JobId!);   // mandatory in this set
                return;
            }
            bool? onDemand = MyInvocation.BoundParameters.ContainsKey(nameof(IsOnDemandResource)) ? IsOnDemandResource.IsPresent : (bool?)null;
            WritePaged(Pager<MsVoiceTrainingJob>.Of<VoiceTrainingJobList>(
                () => new MsRequest(OperationId.ListVoiceTrainingJob)
                    .WithQuery("state", State).WithQuery("voice_name", VoiceName).WithQuery("tag", Tag).WithQuery("job_type", JobType)
                    .WithQuery("batch_name", BatchName)
                    .WithQuery("create_since", VoiceApi.EpochMs(StartTime)).WithQuery("create_until", VoiceApi.EpochMs(EndTime))
                    .WithQuery("is_ondemand_resource", onDemand)));
        }
    }
}
