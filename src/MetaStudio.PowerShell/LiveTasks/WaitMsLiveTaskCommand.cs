using System;
using System.Collections.Generic;
using System.Management.Automation;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Jobs;
using MetaStudio.PowerShell.Core.Catalog;

namespace MetaStudio.PowerShell.LiveTasks
{
    /// <summary>
    /// Waits for every live task from the pipeline together: until it ends (SUCCEED, FAILED, BLOCKED),
    /// or with -Until Live until it is on air. A live task runs until stopped, so a -Timeout is wise.
    /// </summary>
    [MsApi(OperationId.ShowSmartLive)]
    [Cmdlet(VerbsLifecycle.Wait, "MsLiveTask")]
    [OutputType(typeof(MsLiveTask))]
    public sealed class WaitMsLiveTaskCommand : WaitJobsCmdlet<MsLiveTask>
    {
        private readonly Dictionary<string, string> _rooms = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>The room of the tasks (ShowSmartLive needs it).</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public required string RoomId { get; set; }

        /// <summary>End (default): until the task ends. Live: until it is PROCESSING (or has already ended).</summary>
        [Parameter]
        [ValidateSet("End", "Live")]
        public string Until { get; set; } = "End";

        internal override JobKind<MsLiveTask> Kind => string.Equals(Until, "Live", StringComparison.OrdinalIgnoreCase) ? LiveTaskJobs.UntilLive : LiveTaskJobs.UntilEnd;

        protected override void ProcessRecord()
        {
            foreach (var id in JobId)
            {
                if (_rooms.TryGetValue(id, out var room) && room != RoomId)
                {
                    WriteError(ErrorRecords.InvalidInput($"Job {id} was given for rooms {room} and {RoomId}; a task belongs to one room.", id));
                    continue;
                }
                _rooms[id] = RoomId;
                Add(id, RoomId);
            }
        }
    }
}
