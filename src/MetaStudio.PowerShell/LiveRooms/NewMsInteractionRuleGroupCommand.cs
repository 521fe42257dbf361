using System.Management.Automation;
using System.Text.Json.Nodes;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Http;

namespace MetaStudio.PowerShell.LiveRooms
{
    /// <summary>CreateInteractionRuleGroup, then outputs the library read back with ShowInteractionRuleGroup.</summary>
    [MsApi(OperationId.CreateInteractionRuleGroup, OperationId.ShowInteractionRuleGroup)]
    [Cmdlet(VerbsCommon.New, "MsInteractionRuleGroup", SupportsShouldProcess = true)]
    [OutputType(typeof(MsInteractionRuleGroup))]
    public sealed class NewMsInteractionRuleGroupCommand : MsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateLength(1, 256)]
        public required string Name { get; set; }

        /// <summary>Rules (InteractionRuleInfo) as hashtables or objects.</summary>
        [Parameter(Position = 1)]
        [ValidateNotNull]
        public object[]? Rule { get; set; }

        protected override void ProcessRecord()
        {
            var rules = RuleGroupCmdlets.TryBuildRules(this, Rule, Name);
            if (Rule != null && rules == null) return;
            if (!ShouldProcess(Name, "Create interaction rule library")) return;

            var body = new JsonObject { ["group_name"] = Name, ["interaction_rules"] = rules ?? new JsonArray() };
            var session = CurrentSession;
            var sent = RuleGroupApi.RulesOf(rules);
            WriteCreate(new Creation<MsInteractionRuleGroup>("interaction rule library", Name, new MsRequest(OperationId.CreateInteractionRuleGroup) { Target = Name }.WithBody(body),
                (id, _) => new MsInteractionRuleGroup { GroupId = id, GroupName = Name, InteractionRules = sent })
            {
                ReadBack = (id, _, ctx) => RuleGroupApi.ShowAsync(session.Client, id, ctx),
                LookFor = t => $"Look for it with: Get-MsInteractionRuleGroup -StartTime '{t.ToLocalTime():yyyy-MM-dd HH:mm:ss}' | Where-Object GroupName -eq '{Name}'",
            });
        }
    }

    internal static class RuleGroupCmdlets
    {
        /// <summary>The rules as JSON, checked against the documented limits; null (after an error) when unusable or not given.</summary>
        public static JsonArray? TryBuildRules(PSCmdlet cmdlet, object[]? rules, object target)
        {
            if (rules == null) return null;
            try
            {
                var array = LiveRoomCmdlet.Objects(rules, "-Rule");
                var problem = LiveRoomRules.CheckRules(array);
                if (problem == null) return array;
                cmdlet.WriteError(ErrorRecords.InvalidInput(problem, target));
            }
            catch (System.ArgumentException ex)
            {
                cmdlet.WriteError(ErrorRecords.InvalidInput(ex.Message, target));
            }
            return null;
        }
    }
}
