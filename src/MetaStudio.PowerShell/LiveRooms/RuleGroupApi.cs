using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Json;
using MetaStudio.PowerShell.Core.Paging;

namespace MetaStudio.PowerShell.LiveRooms
{
    /// <summary>
    /// The rule library API has no Show: a library is found by id in its list (filtered by name when the
    /// name is known), and the list leaves the rules out, so only an update answers with them.
    /// </summary>
    internal static class RuleGroupApi
    {
        public static Pager<MsInteractionRuleGroup> List(string name = null, DateTime? since = null, DateTime? until = null)
            => new Pager<MsInteractionRuleGroup>(
                () => new MsRequest("ListInteractionRuleGroups").WithQuery("group_name", name).WithQuery("create_since", since).WithQuery("create_until", until),
                r =>
                {
                    var list = r.As<RuleGroupList>();
                    return new Page<MsInteractionRuleGroup>(list?.InteractionRuleGroups, list?.Count);
                });

        /// <summary>The library with this id, or an ObjectNotFound error naming it.</summary>
        public static async Task<MsInteractionRuleGroup> FindAsync(MsClient client, string groupId, string name, CallContext ctx)
        {
            var all = await List(name).GetAllAsync(client, ctx).ConfigureAwait(false);
            return all.FirstOrDefault(g => g.GroupId == groupId) ?? throw NotFound(groupId);
        }

        /// <summary>The library's name for confirmation messages (the API has no read, so the list is searched).</summary>
        public static Func<CallContext, Task<string>> NameOf(MsSession session, string groupId)
            => async ctx => (await FindAsync(session.Client, groupId, null, ctx).ConfigureAwait(false)).GroupName;

        public static MsServiceException NotFound(string groupId)
            => new MsServiceException($"The interaction rule library '{groupId}' does not exist.", NotFoundCode, 404, null, "ListInteractionRuleGroups", groupId);

        /// <summary>A client-side code: the service was not asked about the id, the id was missing from its list.</summary>
        public const string NotFoundCode = "MetaStudio.InteractionRuleGroupNotFound";

        /// <summary>The rules as sent, for output when the service does not answer with them.</summary>
        public static MsInteractionRule[] RulesOf(JsonArray rules)
            => rules == null ? null : MsJson.Deserialize<MsInteractionRule[]>(MsJson.Serialize(rules));
    }
}
