using System.Management.Automation;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Http;

namespace MetaStudio.PowerShell.LiveRooms
{
    /// <summary>DeleteSmartLiveRoom. A deleted room, its scenes and rules cannot be restored, hence ConfirmImpact High.</summary>
    [MsApi(OperationId.DeleteSmartLiveRoom, OperationId.ShowSmartLiveRoom)]
    [Cmdlet(VerbsCommon.Remove, "MsLiveRoom", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveMsLiveRoomCommand : MsBulkCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public required string RoomId { get; set; }

        /// <summary>Skips the confirmation (-WhatIf still only reports).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord() => Remove(LiveRoomApi.Rooms, RoomId, new MsRequest(OperationId.DeleteSmartLiveRoom).WithPath("room_id", RoomId), Force);
    }
}
