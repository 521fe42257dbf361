using System;
using System.Linq;
using System.Management.Automation;
using MetaStudio.PowerShell.Core.Cmdlets;

namespace MetaStudio.PowerShell.LiveRooms
{
    /// <summary>
    /// ListInteractionRuleGroups. The API has no Show, so -GroupId pages through the list and keeps the
    /// libraries with those ids; the list does not carry the rules (Set-MsInteractionRuleGroup answers with them).
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "MsInteractionRuleGroup", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(MsInteractionRuleGroup))]
    public sealed class GetMsInteractionRuleGroupCommand : MsCmdlet
    {
        private const string ListSet = "List";
        private const string IdSet = "Id";

        [Parameter(Mandatory = true, ParameterSetName = IdSet, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public string[] GroupId { get; set; }

        /// <summary>Part of the library name.</summary>
        [Parameter(ParameterSetName = ListSet, Position = 0)]
        [ValidateLength(1, 256)]
        public string Name { get; set; }

        /// <summary>Libraries created at or after this time.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public DateTime? StartTime { get; set; }

        /// <summary>Libraries created at or before this time.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public DateTime? EndTime { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ListSet)
            {
                WritePaged(RuleGroupApi.List(Name, StartTime, EndTime));
                return;
            }
            var session = CurrentSession;
            var all = TryRun(ctx => RuleGroupApi.List().GetAllAsync(session.Client, ctx), null);
            if (all == null) return;
            foreach (var id in GroupId)
            {
                var group = all.FirstOrDefault(g => g.GroupId == id);
                if (group != null) WriteObject(group);
                else WriteFailure(RuleGroupApi.NotFound(id), id);
            }
        }
    }
}
