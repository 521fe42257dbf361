using System.Management.Automation;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.LiveRooms;

namespace MetaStudio.PowerShell.LiveTasks
{
    /// <summary>StopSmartLive. Ending a broadcast cannot be undone (a new task starts a new stream), hence ConfirmImpact High.</summary>
    [MsApi(OperationId.StopSmartLive, OperationId.ShowSmartLive, OperationId.ShowSmartLiveRoom)]
    [Cmdlet(VerbsLifecycle.Stop, "MsLiveTask", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(MsLiveTask))]
    public sealed class StopMsLiveTaskCommand : MsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public required string RoomId { get; set; }

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public required string JobId { get; set; }

        /// <summary>Skips the confirmation (-WhatIf still only reports).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Outputs the task read back after stopping it.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            if (!ShouldChange(LiveRoomApi.Rooms, RoomId, $"End its livestream (job {JobId})", force: Force)) return;
            if (TrySend(LiveTaskApi.Job(OperationId.StopSmartLive, RoomId, JobId)) == null || !PassThru) return;
            WriteRead((session, ctx) => LiveTaskApi.GetAsync(session, RoomId, JobId, ctx), JobId);
        }
    }
}
