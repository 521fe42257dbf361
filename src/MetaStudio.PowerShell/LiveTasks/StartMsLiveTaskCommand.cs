using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Security;
using System.Text.Json.Nodes;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Jobs;
using MetaStudio.PowerShell.LiveRooms;

namespace MetaStudio.PowerShell.LiveTasks
{
    /// <summary>
    /// StartSmartLive: puts a live room on air; the given settings override the room's for this task only.
    /// Outputs the start answer merged with the task read back; with -Wait, every task started by one
    /// pipeline is waited on together until it is live (or has already ended).
    /// </summary>
    [MsApi(OperationId.StartSmartLive, OperationId.ShowSmartLive, OperationId.ShowSmartLiveRoom)]
    [Cmdlet(VerbsLifecycle.Start, "MsLiveTask", SupportsShouldProcess = true)]
    [OutputType(typeof(MsLiveTask))]
    public sealed class StartMsLiveTaskCommand : MsCmdlet
    {
        private readonly List<JobRef> _waits = new List<JobRef>();
        private readonly Dictionary<string, MsLiveTask> _started = new Dictionary<string, MsLiveTask>(StringComparer.Ordinal);

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public required string RoomId { get; set; }

        /// <summary>Video settings (M2) for this task: 1080x1920 at 1000 to 8000 kbps; missing fields take the live defaults.</summary>
        [Parameter]
        [ValidateNotNull]
        public object? VideoConfig { get; set; }

        [Parameter]
        [ValidateNotNull]
        public object? PlayPolicy { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OutputUrl { get; set; }

        [Parameter]
        [SecureStringTransformation]
        [ValidateNotNull]
        public SecureString? StreamKey { get; set; }

        /// <summary>Where the service calls back for rules whose reply mode is CALLBACK.</summary>
        [Parameter]
        [ValidateLength(1, 2048)]
        public string? InteractionCallbackUrl { get; set; }

        [Parameter]
        [ValidateNotNull]
        public object? LiveEventCallbackConfig { get; set; }

        [Parameter]
        [ValidateSet("LANDSCAPE", "VERTICAL")]
        public string? ViewMode { get; set; }

        /// <summary>Waits until each task is live (PROCESSING) or has ended.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        [Parameter]
        [TimeSpanSeconds]
        public TimeSpan? Timeout { get; set; }

        [Parameter]
        [ValidateRange(0.05, 3600)]
        public double? PollIntervalSec { get; set; }

        protected override void ProcessRecord()
        {
            var body = TryBuildBody();
            if (body == null || !ShouldChange(LiveRoomApi.Rooms, RoomId, "Start livestreaming")) return;
            var session = CurrentSession;
            var roomId = RoomId;
            MsLiveTask Started(MsResponse answer)
            {
                var started = answer.AsRequired<MsLiveTask>();
                started.RoomId = roomId;
                started.State = "WAITING";
                return started;
            }
            WriteCreate(new Creation<MsLiveTask>("live task", null,
                new MsRequest(OperationId.StartSmartLive) { Target = roomId }.WithPath("room_id", roomId).WithBody(body), (_, answer) => Started(answer))
            {
                ReadBack = async (id, answer, ctx) => (await LiveTaskJobs.UntilEnd.GetRequiredAsync(session, new JobRef(id, roomId), ctx).ConfigureAwait(false)).MergeStart(Started(answer), roomId),
                OnCreated = Wait ? (id, answer) =>
                {
                    if (id == null) return;
                    _waits.Add(new JobRef(id, roomId));
                    _started[id] = Started(answer);
                } : (System.Action<string?, MsResponse>?)null,
                LookFor = t => $"Look for it with: Get-MsLiveTask -RoomId {roomId} -StartTime '{t.ToLocalTime():yyyy-MM-dd HH:mm:ss}'",
            });
        }

        /// <summary>-Wait: every task started by the pipeline, until it is live; each is output with what its start answer knew.</summary>
        protected override void EndProcessing()
            => WaitForJobs(LiveTaskJobs.UntilLive, _waits, Timeout, PollIntervalSec, (task, ctx) =>
            {
                _started.TryGetValue(task.JobId ?? "", out var first);   // reads put the id back; none matches no start
                ctx.Output(task.MergeStart(first, task.RoomId));
            });

        private JsonObject? TryBuildBody()
        {
            var body = new JsonObject();
            try
            {
                LiveRoomCmdlet.AddStreamFields(body, VideoConfig, PlayPolicy, OutputUrl, StreamKey, LiveEventCallbackConfig);
                if (InteractionCallbackUrl != null) body["interaction_callback_url"] = InteractionCallbackUrl;
                if (ViewMode != null) body["view_mode"] = ViewMode;
            }
            catch (ArgumentException ex)
            {
                WriteError(ErrorRecords.InvalidInput(ex.Message, RoomId));
                return null;
            }
            // The same limits as a room's settings: the task overrides them for one broadcast.
            var problem = LiveRoomRules.CheckRoom(body);
            if (problem == null) return body;
            WriteError(ErrorRecords.InvalidInput(problem, RoomId));
            return null;
        }
    }
}
