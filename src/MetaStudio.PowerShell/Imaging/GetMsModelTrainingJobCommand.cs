using System;
using System.Management.Automation;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Paging;

namespace MetaStudio.PowerShell.Imaging
{
    /// <summary>List2dModelTrainingJob with filters, or Show2dModelTrainingJob (all detail fields) for each -JobId.</summary>
    [MsApi(OperationId.List2dModelTrainingJob, OperationId.Show2dModelTrainingJob)]
    [Cmdlet(VerbsCommon.Get, "MsModelTrainingJob", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(MsModelTrainingJob))]
    public sealed class GetMsModelTrainingJobCommand : MsBulkCmdlet, ITimeWindow
    {
        private const string ListSet = "List";
        private const string ShowSet = "Show";

        [Parameter(Mandatory = true, ParameterSetName = ShowSet, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public string[]? JobId { get; set; }

        /// <summary>Training states (an open set, so not validated here): WAIT_FILE_UPLOAD, TRAINING, JOB_SUCCESS, ...</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        public string[]? State { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateLength(1, 64)]
        public string? Name { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateLength(1, 256)]
        public string? BatchName { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateLength(1, 64)]
        public string? Tag { get; set; }

        /// <summary>Jobs created at or after this time (create_since).</summary>
        [Parameter(ParameterSetName = ListSet)]
        public DateTime? StartTime { get; set; }

        /// <summary>Jobs created at or before this time (create_until).</summary>
        [Parameter(ParameterSetName = ListSet)]
        public DateTime? EndTime { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("1080P", "4K")]
        public string? ModelResolution { get; set; }

        /// <summary>Only basic (Flexus) jobs; -IsFlexus:$false only the others.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter IsFlexus { get; set; }

        /// <summary>Order by creation time: asc (oldest first, the service's default) or desc.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("asc", "desc")]
        public string? SortDirection { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ShowSet)
            {
                WriteShown(ImagingApi.Jobs, JobId!);   // mandatory in this set
                return;
            }
            bool? flexus = MyInvocation.BoundParameters.ContainsKey(nameof(IsFlexus)) ? IsFlexus.IsPresent : (bool?)null;
            WritePaged(Pager<MsModelTrainingJob>.Of<ModelTrainingJobList>(
                () => new MsRequest(OperationId.List2dModelTrainingJob)
                    .WithQuery("state", State).WithQuery("name", Name).WithQuery("batch_name", BatchName).WithQuery("tag", Tag).CreatedWithin(this)
                    .WithQuery("model_resolution", ModelResolution).WithQuery("is_flexus", flexus)
                    .SortedByCreateTime(SortDirection)));
        }
    }
}
