using System.Management.Automation;
using System.Text.Json.Nodes;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Http;

namespace MetaStudio.PowerShell.LiveRooms
{
    /// <summary>
    /// UpdateInteractionRuleGroup: a new name and/or a new set of rules (-Rule replaces all rules; without
    /// it the rules are left out of the body and kept). The body needs the name, so without -Name the
    /// current one is read with ShowInteractionRuleGroup. Outputs the library the service answers, rules included.
    /// </summary>
    [MsApi(OperationId.ShowInteractionRuleGroup, OperationId.UpdateInteractionRuleGroup)]
    [Cmdlet(VerbsCommon.Set, "MsInteractionRuleGroup", SupportsShouldProcess = true)]
    [OutputType(typeof(MsInteractionRuleGroup))]
    public sealed class SetMsInteractionRuleGroupCommand : MsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public required string GroupId { get; set; }

        /// <summary>A new library name.</summary>
        [Parameter]
        [ValidateLength(1, 256)]
        public string? Name { get; set; }

        /// <summary>The library's rules, replacing the current ones.</summary>
        [Parameter]
        [ValidateNotNull]
        public object[]? Rule { get; set; }

        protected override void ProcessRecord()
        {
            var rules = RuleGroupCmdlets.TryBuildRules(this, Rule, GroupId);
            if (Rule != null && rules == null) return;
            if (Name == null && rules == null)
            {
                WriteError(ErrorRecords.InvalidInput("Nothing to change: give -Name, -Rule or both.", GroupId));
                return;
            }
            var changes = new JsonObject();
            if (Name != null) changes["group_name"] = Name;
            if (rules != null) changes["interaction_rules"] = rules.DeepClone();
            if (!CheckBody(OperationId.UpdateInteractionRuleGroup, changes, GroupId, partial: true)) return;
            if (!ShouldChange(RuleGroupApi.Groups, GroupId, "Update")) return;

            var session = CurrentSession;
            var updated = TryRun(async ctx =>
            {
                var name = Name ?? (await RuleGroupApi.ShowAsync(session.Client, GroupId, ctx).ConfigureAwait(false)).GroupName;
                var body = new JsonObject { ["group_name"] = name };
                if (rules != null) body["interaction_rules"] = rules;
                var request = new MsRequest(OperationId.UpdateInteractionRuleGroup).WithPath("group_id", GroupId).WithBody(body);
                return (await session.Client.SendAsync(request, ctx).ConfigureAwait(false)).As<MsInteractionRuleGroup>();
            }, GroupId);
            if (updated != null) WriteObject(updated);
        }
    }
}
