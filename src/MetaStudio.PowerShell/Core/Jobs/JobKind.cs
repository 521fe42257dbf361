using System;
using System.Globalization;
using System.Management.Automation;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Http;

#nullable enable

namespace MetaStudio.PowerShell.Core.Jobs
{
    /// <summary>How a job's last state reads to someone waiting for it.</summary>
    internal enum JobOutcome
    {
        /// <summary>Not finished: keep polling.</summary>
        Running,
        /// <summary>Ended well: output it.</summary>
        Succeeded,
        /// <summary>Stopped until its owner acts: output it, with a warning that says what to do.</summary>
        NeedsUser,
        /// <summary>Ended without a result: an error, never output.</summary>
        Failed,
        /// <summary>Stopped by the service's review: an error (PermissionDenied).</summary>
        Blocked,
        /// <summary>Cancelled: an error (OperationStopped).</summary>
        Canceled,
    }

    /// <summary>One job to wait for: its id, and what else its status read needs (a video task's type, a live task's room).</summary>
    internal readonly struct JobRef
    {
        public JobRef(string id, string? scope = null)
        {
            Id = id;
            Scope = scope;
        }

        public string Id { get; }
        public string? Scope { get; }
    }

    /// <summary>
    /// One kind of service job, described once in the manner of Azure.Core's IOperation: the operation that reads
    /// its status, which states end it and how (<see cref="OutcomeOf"/>), how a failure reads (the service's code and
    /// reason), and what progress says. The poller, the wait rule and the one failure shape (<see cref="Failure"/>)
    /// are the same for every kind; a kind says only what is its own. A variant of a kind (a live task waited on
    /// until it is on air) is another instance.
    /// </summary>
    internal abstract class JobKind<TJob> where TJob : class
    {
        private readonly OperationId _statusOperation;

        /// <param name="noun">What messages call one job: "video task".</param>
        /// <param name="codeName">The middle of the fallback error ids when the service gives no code: MetaStudio.&lt;codeName&gt;Failed.</param>
        /// <param name="statusOperation">The operation that reads a job's status (by job_id in the path unless the kind says otherwise); its published rate paces the wait.</param>
        /// <param name="pollSeconds">The least time between two reads of one job when the caller gives none.</param>
        /// <param name="activityId">Progress activity id of the overall bar; each job's bar uses the ids after it.</param>
        protected JobKind(string noun, string codeName, OperationId statusOperation, double pollSeconds = 2, int activityId = 40)
        {
            Noun = noun;
            CodeName = codeName;
            _statusOperation = statusOperation;
            DefaultPollInterval = TimeSpan.FromSeconds(pollSeconds);
            ActivityId = activityId;
        }

        public string Noun { get; }

        private string CodeName { get; }

        /// <summary>The least time between two reads of one job when the caller gives none.</summary>
        public TimeSpan DefaultPollInterval { get; }

        public int ActivityId { get; }

        public virtual OperationId StatusOperation(JobRef job) => _statusOperation;

        /// <summary>The status request of one job.</summary>
        public virtual MsRequest StatusRequest(JobRef job) => new MsRequest(StatusOperation(job)).WithPath("job_id", job.Id);

        /// <summary>The status operation a read job came from, for errors (a video task's type picks it).</summary>
        protected virtual OperationId OperationOf(string id, TJob job) => StatusOperation(new JobRef(id));

        /// <summary>A job's id as the answer may leave it out: reads put it back so the job pipes on.</summary>
        protected virtual TJob? Read(MsResponse response, JobRef job) => response.As<TJob>();

        public abstract JobOutcome OutcomeOf(TJob job);

        /// <summary>The job's state as the service names it (progress, messages).</summary>
        public abstract string? StateOf(TJob job);

        /// <summary>What a person calls the job (its name), or null.</summary>
        public abstract string? NameOf(TJob job);

        /// <summary>The service's error code for a job that ended badly, or null when it gives none.</summary>
        protected virtual string? FailureCode(TJob job) => null;

        /// <summary>Why the job ended badly, in the service's words, or null.</summary>
        protected virtual string? FailureReason(TJob job) => null;

        /// <summary>What the owner must do for a job that waits for them (NeedsUser).</summary>
        protected virtual string? UserAction(TJob job) => null;

        /// <summary>How long to wait when the caller gives no -Timeout; null waits until the jobs end.</summary>
        public virtual TimeSpan? DefaultTimeout => null;

        /// <summary>The overall progress bar's activity.</summary>
        public virtual string Activity(int count) => $"Waiting for {count} {Noun}(s)";

        public async Task<TJob?> GetAsync(MsSession session, JobRef job, CallContext ctx)
            => Read(await session.Client.SendAsync(StatusRequest(job), ctx).ConfigureAwait(false), job);

        /// <summary>GetAsync for a job that must be there (a create's read-back): an answer with no job is an error, not a null.</summary>
        public async Task<TJob> GetRequiredAsync(MsSession session, JobRef job, CallContext ctx)
            => await GetAsync(session, job, ctx).ConfigureAwait(false)
               ?? throw new InvalidOperationException($"Reading {Noun} {job.Id} gave no {Noun}.");

        /// <summary>"video task 'name' (id)", or "video task id" before the name is known.</summary>
        public string Describe(string id, TJob? job) => Cmdlets.MsCmdlet.Describe(Noun, id, job == null ? null : NameOf(job));

        /// <summary>
        /// The one failure shape of every kind: error id = the service's code (MetaStudio.&lt;Kind&gt;Failed, Blocked or
        /// Canceled when it gives none), a category from how the job ended, target = the job id, and a
        /// <see cref="MsJobFailedException"/> that names the job, its state, the reason and the code, and carries the job.
        /// Null for a job that did not end badly.
        /// </summary>
        public ErrorRecord? Failure(string id, TJob job)
        {
            var outcome = OutcomeOf(job);
            ErrorCategory category;
            switch (outcome)
            {
                case JobOutcome.Failed: category = ErrorCategory.InvalidResult; break;
                case JobOutcome.Blocked: category = ErrorCategory.PermissionDenied; break;
                case JobOutcome.Canceled: category = ErrorCategory.OperationStopped; break;
                default: return null;
            }
            var serviceCode = FailureCode(job);
            var code = string.IsNullOrEmpty(serviceCode) ? $"MetaStudio.{CodeName}{outcome}" : serviceCode!;
            var reason = FailureReason(job);
            var message = $"{Capital(Describe(id, job))} ended {StateOf(job) ?? outcome.ToString().ToUpperInvariant()}"
                          + (reason is null || reason.Length == 0 ? "" : ": " + reason.TrimEnd('.'))
                          + (string.IsNullOrEmpty(serviceCode) ? "." : $" ({serviceCode}).");
            var ex = new MsJobFailedException(message, code, category, OperationOf(id, job).ToString(), id, StateOf(job), job);
            return new ErrorRecord(ex, code, category, id) { ErrorDetails = new ErrorDetails(message) };
        }

        /// <summary>The warning a job that waits for its owner ends its wait with, or null.</summary>
        public string? UserActionWarning(string id, TJob job)
        {
            if (OutcomeOf(job) != JobOutcome.NeedsUser) return null;
            var action = UserAction(job);
            return $"{Capital(Describe(id, job))} is {StateOf(job)} and waits for you" + (action == null ? "." : $": {action}.");
        }

        /// <summary>The error of a job still running at the deadline: MetaStudio.Timeout, target = the job id.</summary>
        public ErrorRecord TimeoutError(string id, TJob? last, TimeSpan timeout)
        {
            var state = last == null ? null : StateOf(last);
            var ex = new MsServiceException(
                $"{Capital(Describe(id, last))} did not finish within {timeout.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture)} s"
                + (state != null ? $" (last state {state})" : "") + ". It keeps running on the service; wait for it again later.",
                ErrorCodes.Timeout, 0, null, (last == null ? StatusOperation(new JobRef(id)) : OperationOf(id, last)).ToString(), id);
            return ErrorRecords.From(ex, id);
        }

        private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);
    }

    /// <summary>
    /// A service job that ended without a result (failed, blocked or cancelled). ErrorCode is the service's code;
    /// Job is the last status read, so a script can look at it ($_.Exception.Job) without reading it again.
    /// </summary>
    public sealed class MsJobFailedException : MsServiceException
    {
        private readonly ErrorCategory _category;

        internal MsJobFailedException(string message, string errorCode, ErrorCategory category, string operation, string jobId, string? state, object job)
            : base(message, errorCode, 0, null, operation, jobId)
        {
            _category = category;
            JobId = jobId;
            State = state;
            Job = job;
        }

        public string JobId { get; }
        /// <summary>The state the job ended in (FAILED, BLOCK, TRAIN_FAILED, ...).</summary>
        public string? State { get; }
        /// <summary>The job as last read.</summary>
        public object Job { get; }

        internal override ErrorCategory Category => _category;
    }
}
