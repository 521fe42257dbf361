using System.Management.Automation;
using System.Text.Json.Nodes;
using System;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.LiveRooms;
using MetaStudio.PowerShell.Video;
using MetaStudio.PowerShell.Core.Catalog;

namespace MetaStudio.PowerShell.LiveTasks
{
    /// <summary>
    /// ExecuteSmartLiveCommand: controls a running broadcast. -Text is the common case (INSERT_PLAY_SCRIPT
    /// with text_config.text); any command takes its params as a hashtable or object in -Parameters.
    /// </summary>
    [MsApi(OperationId.ExecuteSmartLiveCommand, OperationId.ShowSmartLiveRoom)]
    [Cmdlet(VerbsLifecycle.Invoke, "MsLiveCommand", SupportsShouldProcess = true)]
    [OutputType(typeof(MsLiveCommandResult))]
    public sealed class InvokeMsLiveCommandCommand : MsCmdlet
    {
        internal const string InsertPlayScript = "INSERT_PLAY_SCRIPT";

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public required string RoomId { get; set; }

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public required string JobId { get; set; }

        /// <summary>The command; INSERT_PLAY_SCRIPT when only -Text is given.</summary>
        [Parameter(Position = 0)]
        [ValidateSet(InsertPlayScript, "INSERT_PLAY_AUDIO", "REWRITE_PLAY_SCRIPT", "REWRITE_INTERACTION_RULES", "GET_CURRENT_PLAYING_SCRIPTS",
            "REFRESH_OUTPUT_URL", "GET_LIVE_JOB_CONFIG_INFO", "CLEAN_UP_INSERT_COMMAND", "RESET_EXIT_CONFIG")]
        public string? Command { get; set; }

        /// <summary>The command's params (hashtable, object or JSON text); -Text and -PlayType are added to them.</summary>
        [Parameter]
        [ValidateNotNull]
        public object? Parameters { get; set; }

        /// <summary>Text the avatar speaks (INSERT_PLAY_SCRIPT).</summary>
        [Parameter]
        [ValidateLength(1, 131072)]
        public string? Text { get; set; }

        /// <summary>When the inserted text plays: after the current paragraph (APPEND), next (INSERT) or at once (PLAY_NOW, the service's default).</summary>
        [Parameter]
        [ValidateSet("APPEND", "INSERT", "PLAY_NOW")]
        public string? PlayType { get; set; }

        protected override void ProcessRecord()
        {
            var command = Command ?? (Text != null ? InsertPlayScript : null);
            JsonObject? parameters;
            try
            {
                parameters = Parameters != null ? VideoContentCmdlet.ToObject(Parameters, "-Parameters") : null;
            }
            catch (ArgumentException ex)
            {
                WriteError(ErrorRecords.InvalidInput(ex.Message, JobId));
                return;
            }
            var problem = command == null ? "Give -Command, or -Text to have the avatar say something."
                : (Text != null || PlayType != null) && command != InsertPlayScript ? $"-Text and -PlayType belong to {InsertPlayScript}, not {command}."
                : command == InsertPlayScript && Text == null && parameters?["text_config"] == null ? $"{InsertPlayScript} needs -Text (or text_config in -Parameters)."
                : null;
            if (problem != null)
            {
                WriteError(ErrorRecords.InvalidInput(problem, JobId));
                return;
            }
            if (Text != null || PlayType != null)
            {
                parameters = parameters ?? new JsonObject();
                if (Text != null) parameters["text_config"] = new JsonObject { ["text"] = Text };
                if (PlayType != null) parameters["play_type"] = PlayType;
            }
            if (!ShouldChange(LiveRoomApi.Rooms, RoomId, $"Send {command} to its livestream (job {JobId})")) return;
            var body = new JsonObject { ["command"] = command };
            if (parameters != null) body["params"] = parameters;
            var response = TrySend(LiveTaskApi.Job(OperationId.ExecuteSmartLiveCommand, RoomId, JobId).WithBody(body));
            if (response == null) return;
            var result = response.As<MsLiveCommandResult>() ?? new MsLiveCommandResult();
            result.Command = result.Command ?? command;
            WriteObject(result);
        }
    }
}
