using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Http.Pipeline;

#nullable enable

namespace MetaStudio.PowerShell.Core.Jobs
{
    /// <summary>How one job's wait ended.</summary>
    internal enum JobWaitOutcome
    {
        Finished,
        TimedOut,
        FetchFailed,
    }

    /// <summary>The end of one job's wait: its last status, or why there is none.</summary>
    internal sealed class JobWaitResult<TJob>
    {
        internal JobWaitResult(string id, JobWaitOutcome outcome, TJob? job, Exception? error)
        {
            Id = id;
            Outcome = outcome;
            Job = job;
            Error = error;
        }

        public string Id { get; }
        public JobWaitOutcome Outcome { get; }
        /// <summary>The last status read (null when none could be read).</summary>
        public TJob? Job { get; }
        /// <summary>Why the status could not be read (FetchFailed).</summary>
        public Exception? Error { get; }
    }

    /// <summary>
    /// Waits for many service jobs at once, on a fixed schedule: a round reads the status of all unfinished jobs
    /// concurrently and reports each job the moment it reaches a terminal state; the next round starts one interval
    /// after this one started (at once when a round took longer), the interval long enough that the reads of all
    /// pending jobs stay within the status operation's rate limit. Time is the given TimeProvider's (tests use a
    /// fake one). The engine knows nothing about what a job is: a <see cref="JobKind{TJob}"/> (<see cref="For"/>),
    /// or a fetcher and a terminal test, say that.
    /// </summary>
    internal sealed class JobPoller<TJob>
    {
        private readonly Func<string, CallContext, Task<TJob?>> _fetch;
        private readonly Func<TJob?, bool> _isTerminal;
        private readonly TimeProvider _clock;

        public JobPoller(Func<string, CallContext, Task<TJob?>> fetch, Func<TJob?, bool> isTerminal, TimeProvider? clock = null)
        {
            _fetch = fetch ?? throw new ArgumentNullException(nameof(fetch));
            _isTerminal = isTerminal ?? throw new ArgumentNullException(nameof(isTerminal));
            _clock = clock ?? TimeProvider.System;
        }

        /// <summary>Requests per second the status operation may use (the region's limit times the session's scale).</summary>
        public double RatePerSecond { get; set; } = 1;
        /// <summary>The least time between two status reads of one job; raised when the rate needs it.</summary>
        public TimeSpan MinimumInterval { get; set; } = TimeSpan.FromSeconds(5);
        /// <summary>How long to wait for all jobs; null waits until they end or the wait is cancelled.</summary>
        public TimeSpan? Timeout { get; set; }
        public string Activity { get; set; } = "Waiting for jobs";
        /// <summary>Progress activity id of the overall bar; each job's bar uses the ids after it.</summary>
        public int ActivityId { get; set; } = 40;
        /// <summary>Up to this many jobs get a progress bar each, under the overall bar.</summary>
        public int MaxJobBars { get; set; } = 10;
        /// <summary>How many rounds in a row a job's status may fail to read for a passing reason before its wait ends.</summary>
        public int MaxConsecutiveReadFailures { get; set; } = 3;

        internal static bool IsTransient(Exception error)
            => error is MsServiceException ms && (ms.ErrorCode == ErrorCodes.Throttled || ms.ErrorCode == ErrorCodes.Timeout
                || ms.ErrorCode == ErrorCodes.Network || ms.StatusCode >= 500 || ms.StatusCode == 429 || ms.StatusCode == 408);

        /// <summary>A job's status line in its progress bar.</summary>
        public Func<TJob, string?> Describe { get; set; } = job => job?.ToString();

        /// <summary>What a person calls the job (its name), for its progress bar; null shows the id alone.</summary>
        public Func<TJob, string?> NameOf { get; set; } = job => null;

        /// <summary>A job that ended badly as its error, or null when it ended well (RunReportingAsync).</summary>
        internal Func<string, TJob, ErrorRecord?> FailureOf { get; set; } = (id, job) => null;

        /// <summary>The error of a job still running at the deadline (RunReportingAsync).</summary>
        internal Func<string, TJob?, ErrorRecord>? TimeoutErrorOf { get; set; }

        /// <summary>A warning to write after a job that ended waiting for its owner, or null (RunReportingAsync).</summary>
        internal Func<string, TJob, string?> WarningOf { get; set; } = (id, job) => null;

        /// <summary>A job's progress activity: "name (id)" once its name is known, else the id.</summary>
        private string Label(string id, TJob? job)
        {
            var name = job == null ? null : NameOf(job);
            return string.IsNullOrEmpty(name) ? id : $"{name} ({id})";
        }

        /// <summary>The interval a wait for <paramref name="pending"/> jobs uses: never faster than the rate allows.</summary>
        public TimeSpan IntervalFor(int pending)
        {
            var rate = RatePerSecond > 0 ? RatePerSecond : 1;
            var byRate = TimeSpan.FromSeconds(Math.Max(1, pending) / rate);
            return byRate > MinimumInterval ? byRate : MinimumInterval;
        }

        /// <summary>The rate a session may use for an operation, for RatePerSecond.</summary>
        public static double RateOf(MsSession session, OperationId operation)
        {
            var op = OperationCatalog.Get(operation);
            var scale = session.RateLimitScale > 0 ? session.RateLimitScale : 1;
            return op.RateLimit(session.Region) * scale;
        }

        /// <summary>
        /// Waits for every id; calls <paramref name="onEnded"/> as soon as each job ends (or times out, or
        /// cannot be read). Cancellation of ctx.Token ends the wait with OperationCanceledException.
        /// Exceptions that <paramref name="isFatal"/> accepts (a dead session) end the whole wait.
        /// </summary>
        public async Task RunAsync(IReadOnlyList<string> ids, CallContext ctx, Action<JobWaitResult<TJob>> onEnded, Func<Exception, bool>? isFatal = null)
        {
            // A round's reads are in flight together: none may be sent synchronously, holding up the others (InlineSend).
            InlineSend.Forgo();
            var pending = ids.Distinct(StringComparer.Ordinal).ToList();
            var barOf = pending.Select((id, i) => new { id, i }).ToDictionary(x => x.id, x => ActivityId + 1 + x.i, StringComparer.Ordinal);
            var last = new Dictionary<string, TJob?>(StringComparer.Ordinal);
            var failures = new Dictionary<string, int>(StringComparer.Ordinal);
            var total = pending.Count;
            // Past a handful of jobs, one bar each buries the overall bar; then only that one is shown.
            var barPerJob = total <= MaxJobBars;
            var started = _clock.GetUtcNow();
            var deadline = Timeout.HasValue ? started + Timeout.Value : (DateTimeOffset?)null;

            void End(JobWaitResult<TJob> result)
            {
                pending.Remove(result.Id);
                if (barPerJob) ctx.Progress(new ProgressRecord(barOf[result.Id], Label(result.Id, result.Job), "Done") { ParentActivityId = ActivityId, RecordType = ProgressRecordType.Completed });
                onEnded(result);
            }

            try
            {
                while (pending.Count > 0)
                {
                    ctx.Token.ThrowIfCancellationRequested();
                    var roundStart = _clock.GetUtcNow();
                    var round = pending.ToList();
                    // All reads of a round in flight together: one slow job never holds up the others.
                    var reads = round.Select(async id =>
                    {
                        try { return (id, job: await _fetch(id, ctx).ConfigureAwait(false), error: (Exception?)null); }
                        catch (Exception ex) when (!(ex is OperationCanceledException) && (isFatal == null || !isFatal(ex)))
                        {
                            return (id, job: default(TJob), error: (Exception?)ex);
                        }
                    }).ToList();
                    foreach (var read in reads)
                    {
                        var (id, job, error) = await read.ConfigureAwait(false);
                        if (error != null)
                        {
                            // A read that failed for a passing reason (throttled, timed out, network, 5xx after
                            // the client's own retries) is tried again next round; the job itself is fine.
                            failures.TryGetValue(id, out var count);
                            failures[id] = ++count;
                            if (IsTransient(error) && count < MaxConsecutiveReadFailures)
                            {
                                ctx.Verbose($"Status of {id} could not be read ({error.Message}); trying again next round.");
                                continue;
                            }
                            last.TryGetValue(id, out var seen);
                            End(new JobWaitResult<TJob>(id, JobWaitOutcome.FetchFailed, seen, error));
                            continue;
                        }
                        failures.Remove(id);
                        last[id] = job;
                        if (_isTerminal(job))
                        {
                            End(new JobWaitResult<TJob>(id, JobWaitOutcome.Finished, job, null));
                            continue;
                        }
                        if (barPerJob) ctx.Progress(new ProgressRecord(barOf[id], Label(id, job), (job == null ? null : Describe(job)) ?? "Waiting") { ParentActivityId = ActivityId });
                    }
                    if (pending.Count == 0) break;

                    var now = _clock.GetUtcNow();
                    var done = total - pending.Count;
                    ctx.Progress(new ProgressRecord(ActivityId, Activity, $"{done} of {total} finished, {(now - started).TotalSeconds:0} s")
                    {
                        PercentComplete = total == 0 ? 100 : done * 100 / total,
                    });

                    // A fixed schedule: the next round is due one interval after this one started, not after it ended.
                    var next = roundStart + IntervalFor(pending.Count);
                    if (deadline.HasValue)
                    {
                        if (now >= deadline.Value)
                        {
                            foreach (var id in pending.ToList())
                            {
                                last.TryGetValue(id, out var seen);
                                End(new JobWaitResult<TJob>(id, JobWaitOutcome.TimedOut, seen, null));
                            }
                            break;
                        }
                        if (next > deadline.Value) next = deadline.Value;
                    }
                    if (next > now) await _clock.Delay(next - now, ctx.Token).ConfigureAwait(false);
                }
            }
            finally
            {
                ctx.Progress(new ProgressRecord(ActivityId, Activity, "Done") { RecordType = ProgressRecordType.Completed });
            }
        }

        /// <summary>
        /// RunAsync with the reporting every Wait-* cmdlet shares, so an unattended script gets the same rule
        /// everywhere: every job is waited for to the end (one failure never stops the wait); a job that ended
        /// well goes to <paramref name="onSucceeded"/> (default: output) the moment it ends, followed by the warning
        /// of a job that waits for its owner; the errors (jobs that ended badly, as FailureOf says, timed out or
        /// could not be read) are written only after the wait, so with -ErrorAction Stop every success has already
        /// gone down the pipeline before the script stops. A failed job is never output: downstream cmdlets would
        /// only get an empty result. A session failure still ends the whole wait, after the errors collected so far.
        /// </summary>
        public async Task RunReportingAsync(IReadOnlyList<string> ids, CallContext ctx, Action<TJob>? onSucceeded = null)
        {
            var errors = new List<ErrorRecord>();
            var completed = false;
            try
            {
                await RunAsync(ids, ctx, result =>
                {
                    switch (result.Outcome)
                    {
                        case JobWaitOutcome.Finished:
                            var job = result.Job!;   // a finished job was read
                            var failure = FailureOf(result.Id, job);
                            if (failure != null)
                            {
                                errors.Add(failure);
                                break;
                            }
                            if (onSucceeded != null) onSucceeded(job);
                            else ctx.Output(job);
                            var warning = WarningOf(result.Id, job);
                            if (warning != null) ctx.Warning(warning);
                            break;
                        case JobWaitOutcome.TimedOut:
                            errors.Add(TimeoutErrorOf != null ? TimeoutErrorOf(result.Id, result.Job)
                                : TimeoutError(result.Id, Timeout ?? TimeSpan.Zero, result.Job == null ? null : Describe(result.Job)));
                            break;
                        default:
                            errors.Add(ErrorRecords.From(result.Error!, result.Id));
                            break;
                    }
                }, ex => ex is MsServiceException ms && ms.IsSessionFailure).ConfigureAwait(false);
                completed = true;
            }
            finally
            {
                // Ctrl+C: nobody is listening any more. Otherwise the failures follow the successes.
                if (completed || !ctx.Token.IsCancellationRequested)
                    foreach (var error in errors) ctx.Error(error);
            }
        }

        /// <summary>The error a timed-out job gets: MetaStudio.Timeout, non-terminating, target = the job id.</summary>
        public static ErrorRecord TimeoutError(string id, TimeSpan timeout, string? lastState)
        {
            var ex = new MsServiceException(
                $"Job {id} did not finish within {timeout.TotalSeconds:0.#} s{(lastState != null ? $" (last state {lastState})" : "")}. It keeps running on the service; wait for it again later.",
                ErrorCodes.Timeout, 0, null, "Wait", id);
            return ErrorRecords.From(ex, id);
        }
    }
}
