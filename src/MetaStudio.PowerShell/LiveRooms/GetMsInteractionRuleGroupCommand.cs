using System;
using System.Linq;
using System.Management.Automation;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Catalog;

namespace MetaStudio.PowerShell.LiveRooms
{
    /// <summary>
    /// ListInteractionRuleGroups (libraries without their rules), or ShowInteractionRuleGroup for each
    /// -GroupId (the library with its rules).
    /// </summary>
    [MsApi(OperationId.ListInteractionRuleGroups, OperationId.ShowInteractionRuleGroup)]
    [Cmdlet(VerbsCommon.Get, "MsInteractionRuleGroup", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(MsInteractionRuleGroup))]
    public sealed class GetMsInteractionRuleGroupCommand : MsBulkCmdlet, ITimeWindow
    {
        private const string ListSet = "List";
        private const string IdSet = "Id";

        [Parameter(Mandatory = true, ParameterSetName = IdSet, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public string[]? GroupId { get; set; }

        /// <summary>Part of the library name.</summary>
        [Parameter(ParameterSetName = ListSet, Position = 0)]
        [ValidateLength(1, 256)]
        public string? Name { get; set; }

        /// <summary>Libraries created at or after this time.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public DateTime? StartTime { get; set; }

        /// <summary>Libraries created at or before this time.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public DateTime? EndTime { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ListSet) WritePaged(RuleGroupApi.List(Name, StartTime, EndTime));
            else WriteShown(RuleGroupApi.Groups, GroupId!);   // mandatory in this set
        }
    }
}
