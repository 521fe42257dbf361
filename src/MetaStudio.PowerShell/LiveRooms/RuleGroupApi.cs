using System;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Json;
using MetaStudio.PowerShell.Core.Paging;
using MetaStudio.PowerShell.Core.Cmdlets;

namespace MetaStudio.PowerShell.LiveRooms
{
    /// <summary>
    /// Requests of the rule library cmdlets. A library is read with ShowInteractionRuleGroup (rules included);
    /// the list (ListInteractionRuleGroups) leaves the rules out.
    /// </summary>
    internal static class RuleGroupApi
    {
        public static Pager<MsInteractionRuleGroup> List(string? name = null, DateTime? since = null, DateTime? until = null)
            => Pager<MsInteractionRuleGroup>.Of<RuleGroupList>(
                () => new MsRequest(OperationId.ListInteractionRuleGroups).WithQuery("group_name", name).WithQuery("create_since", since).WithQuery("create_until", until));

        public static MsRequest Show(string groupId) => new MsRequest(OperationId.ShowInteractionRuleGroup).WithPath("group_id", groupId);

        public static readonly Resource<MsInteractionRuleGroup> Groups = new Resource<MsInteractionRuleGroup>("interaction rule library", Show, g => g.GroupName);

        public static async Task<MsInteractionRuleGroup> ShowAsync(MsClient client, string groupId, CallContext ctx)
            => (await client.SendAsync(Show(groupId), ctx).ConfigureAwait(false)).AsRequired<MsInteractionRuleGroup>();

        /// <summary>The rules as sent, for output when the read-back fails.</summary>
        public static MsInteractionRule[]? RulesOf(JsonArray? rules)
            => rules == null ? null : MsJson.Deserialize<MsInteractionRule[]>(MsJson.Serialize(rules));
    }
}
