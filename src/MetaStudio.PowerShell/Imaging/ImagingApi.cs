using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Jobs;
using MetaStudio.PowerShell.Core.Cmdlets;

namespace MetaStudio.PowerShell.Imaging
{
    /// <summary>How a training job's state reads to someone waiting for it.</summary>
    internal enum TrainingOutcome
    {
        Running,
        Succeeded,
        Failed,
        NeedsUser,
    }

    /// <summary>Requests, state rules and the wait shared by the model training cmdlets.</summary>
    internal static class ImagingApi
    {
        public const OperationId ShowOperation = OperationId.Show2dModelTrainingJob;
        public const OperationId CommandOperation = OperationId.Execute2dModelTrainingCommandByUser;

        /// <summary>States in which the service waits for the job's owner, and what the owner must do.</summary>
        private static readonly Dictionary<string, string> UserActions = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["WAIT_FILE_UPLOAD"] = "upload the training video (Send-MsModelTrainingFile), then submit it with Invoke-MsModelTrainingCommand -Command SUBMITVERIFYING (or Send-MsModelTrainingFile -Submit)",
            ["WAIT_MAIN_FILE_UPLOAD"] = "upload the main training file again (Set-MsModelTrainingJob for new upload URLs, then Send-MsModelTrainingFile)",
            ["WAIT_MASK_UPLOAD"] = "upload the mask file the service asked for, then run the job's next command",
            ["WAIT_BEAUTY_VIDEO_FILE_UPLOAD"] = "upload the beautified video, then run the job's next command",
            ["WAIT_USER_CONFIRM"] = "review the result (Get-MsModelTrainingJob -JobId ... shows the verify video) and confirm or reject it with Invoke-MsModelTrainingCommand",
        };

        public static MsRequest Show(string jobId) => new MsRequest(ShowOperation).WithPath("job_id", jobId);

        public static readonly Resource<MsModelTrainingJob> Jobs = new Resource<MsModelTrainingJob>("model training job", Show, j => j.Name);

        public static async Task<MsModelTrainingJob> GetAsync(MsSession session, string jobId, CallContext ctx)
            => (await session.Client.SendAsync(Show(jobId), ctx).ConfigureAwait(false)).AsRequired<MsModelTrainingJob>();

        public static MsRequest Command(string jobId, string command, string? commandMessage = null, object? commentData = null)
        {
            var body = new Dictionary<string, object?> { ["command"] = command };
            if (!string.IsNullOrEmpty(commandMessage)) body["command_message"] = commandMessage;
            if (commentData != null) body["comment_data"] = commentData;
            return new MsRequest(CommandOperation).WithPath("job_id", jobId).WithBody(body);
        }

        /// <summary>Runs a command; the answer is returned whatever its result (callers decide how EXCUTE_FAILED is reported).</summary>
        public static async Task<MsModelTrainingCommandResult> RunCommandAsync(MsSession session, MsRequest request, string jobId, string command, CallContext ctx)
        {
            var result = (await session.Client.SendAsync(request, ctx).ConfigureAwait(false)).As<MsModelTrainingCommandResult>() ?? new MsModelTrainingCommandResult();
            result.JobId = jobId;
            result.Command = command;
            return result;
        }

        /// <summary>EXCUTE_FAILED as an error: id MetaStudio.TrainingCommandFailed, target = the job id.</summary>
        public static ErrorRecord CommandFailure(MsModelTrainingCommandResult result)
        {
            var message = $"Command {result.Command} on training job {result.JobId} failed: {result.FailedMessage ?? "the service gave no reason"}.";
            return new ErrorRecord(new InvalidOperationException(message), "MetaStudio.TrainingCommandFailed", ErrorCategory.InvalidOperation, result.JobId);
        }

        public static TrainingOutcome Classify(string? state)
        {
            if (state == null || state.Length == 0) return TrainingOutcome.Running;
            if (state == "JOB_SUCCESS" || state == "JOB_FINISH") return TrainingOutcome.Succeeded;
            if (state.EndsWith("_FAILED", StringComparison.Ordinal) || state == "JOB_REJECT" || state.StartsWith("MANUAL_STOP_", StringComparison.Ordinal))
                return TrainingOutcome.Failed;
            return UserActions.ContainsKey(state) ? TrainingOutcome.NeedsUser : TrainingOutcome.Running;
        }

        public static string? UserActionFor(string? state) => UserActions.TryGetValue(state ?? "", out var action) ? action : null;
    }

    /// <summary>
    /// A model training job as a job: read with Show2dModelTrainingJob. JOB_SUCCESS and JOB_FINISH end it well,
    /// *_FAILED, JOB_REJECT and MANUAL_STOP_* without a model (the last log's description says why), and the
    /// states that wait for the owner end the wait with a warning naming the next step (ImagingApi.Classify).
    /// </summary>
    internal sealed class ModelTrainingJobs : JobKind<MsModelTrainingJob>
    {
        public static readonly ModelTrainingJobs Instance = new ModelTrainingJobs();

        /// <summary>Training takes hours: a read every 10 s by default.</summary>
        private ModelTrainingJobs() : base("model training job", "TrainingJob", ImagingApi.ShowOperation, pollSeconds: 10, activityId: 60)
        {
        }

        public override string? StateOf(MsModelTrainingJob job) => job.State;
        public override string? NameOf(MsModelTrainingJob job) => job.Name;
        protected override string? FailureReason(MsModelTrainingJob job) => job.OperationLogs?.LastOrDefault(l => !string.IsNullOrEmpty(l.LogDescription))?.LogDescription;
        protected override string? UserAction(MsModelTrainingJob job) => ImagingApi.UserActionFor(job.State);

        public override JobOutcome OutcomeOf(MsModelTrainingJob job)
        {
            switch (ImagingApi.Classify(job.State))
            {
                case TrainingOutcome.Succeeded: return JobOutcome.Succeeded;
                case TrainingOutcome.Failed: return JobOutcome.Failed;
                case TrainingOutcome.NeedsUser: return JobOutcome.NeedsUser;
                default: return JobOutcome.Running;
            }
        }
    }
}
