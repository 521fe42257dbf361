using System.Management.Automation;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Http;

namespace MetaStudio.PowerShell.LiveRooms
{
    /// <summary>DeleteInteractionRuleGroup. The library's rules are gone for good, hence ConfirmImpact High.</summary>
    [MsApi(OperationId.DeleteInteractionRuleGroup, OperationId.ShowInteractionRuleGroup)]
    [Cmdlet(VerbsCommon.Remove, "MsInteractionRuleGroup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveMsInteractionRuleGroupCommand : MsBulkCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public required string GroupId { get; set; }

        /// <summary>Skips the confirmation (-WhatIf still only reports).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord() => Remove(RuleGroupApi.Groups, GroupId, new MsRequest(OperationId.DeleteInteractionRuleGroup).WithPath("group_id", GroupId), Force);
    }
}
