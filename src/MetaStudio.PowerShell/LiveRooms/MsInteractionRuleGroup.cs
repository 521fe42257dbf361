using System.Collections.Generic;
using System;
using System.Text.Json.Serialization;
using MetaStudio.PowerShell.Core.Json;
using MetaStudio.PowerShell.Core.Model;
using MetaStudio.PowerShell.Core.Paging;

namespace MetaStudio.PowerShell.LiveRooms
{
    /// <summary>An interaction rule library: named rules that rooms can import.</summary>
    [WireModel("ShowInteractionRuleGroupResponse", "InteractionRuleGroupDetail", "UpdateInteractionRuleGroupResponse")]
    public sealed class MsInteractionRuleGroup : MsObject
    {
        public string? GroupId { get; set; }
        public string? GroupName { get; set; }
        public MsInteractionRule[]? InteractionRules { get; set; }
        [JsonConverter(typeof(LenientTimeConverter))]
        public DateTime? CreateTime { get; set; }
        [JsonConverter(typeof(LenientTimeConverter))]
        public DateTime? UpdateTime { get; set; }

        public override string ToString() => $"{GroupName} ({GroupId})";
    }

    /// <summary>What to do when a live event matches (LiveRoomInteractionRuleInfo / InteractionRuleInfo).</summary>
    [WireModel("LiveRoomInteractionRuleInfo", "InteractionRuleDetailInfo", "InteractionRuleInfo")]
    public sealed class MsInteractionRule : MsObject
    {
        public string? RuleIndex { get; set; }
        public string? RuleName { get; set; }
        public bool? Enabled { get; set; }
        /// <summary>1 comment, 2 viewer enters, 3 like, 4 gift, 10 preset script match.</summary>
        public int? EventType { get; set; }
        public MsHitCondition? HitCondition { get; set; }
        public MsInteractionTrigger? Trigger { get; set; }
        public string? GroupId { get; set; }
        public string? GroupName { get; set; }
        public string[]? EnabledScenes { get; set; }

        public override string? ToString() => RuleName ?? RuleIndex;
    }

    /// <summary>When a rule matches: tags combined with AND or OR, and a priority (0–999).</summary>
    [WireModel("HitCondition")]
    public sealed class MsHitCondition : MsObject
    {
        public string? Relation { get; set; }
        public int? Priority { get; set; }
        public MsHitConditionTag[]? Tags { get; set; }
    }

    /// <summary>One test of an event field (HitConditionTag), e.g. tag 'content', match 'REGEX', value 'price'.</summary>
    [WireModel("HitConditionTag")]
    public sealed class MsHitConditionTag : MsObject
    {
        public string? Tag { get; set; }
        public string? Operation { get; set; }
        public string? Match { get; set; }
        public string? Value { get; set; }

        public override string ToString() => $"{Tag} {Match} {Value}";
    }

    /// <summary>How a rule replies (the rule's trigger).</summary>
    [WireModel("TriggerProcess")]
    public sealed class MsInteractionTrigger : MsObject
    {
        public int? TimeWindow { get; set; }
        public string? ReplyMode { get; set; }
        public string[]? ReplyTexts { get; set; }
        public string? ReplyOrder { get; set; }
        public string? ReplyRole { get; set; }
        public string? RobotId { get; set; }
        public string? PlayType { get; set; }
    }

    [WireModel("ListInteractionRuleGroupsResponse")]
    internal sealed class RuleGroupList : IListPage<MsInteractionRuleGroup>
    {
        public int? Count { get; set; }
        public MsInteractionRuleGroup[]? InteractionRuleGroups { get; set; }
        IList<MsInteractionRuleGroup>? IListPage<MsInteractionRuleGroup>.Items => InteractionRuleGroups;
    }
}
