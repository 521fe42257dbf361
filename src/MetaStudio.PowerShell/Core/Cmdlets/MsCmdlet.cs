using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using System.Text.Json;
using System.Text.Json.Nodes;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Auth;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Json;
using MetaStudio.PowerShell.Core.Spec;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Paging;

namespace MetaStudio.PowerShell.Core.Cmdlets
{
    /// <summary>
    /// Base of every MetaStudio cmdlet that calls the service: resolves the session, sends requests and turns
    /// failures into ErrorRecords; async work and Ctrl+C come from MsAsyncCmdlet.
    /// </summary>
    public abstract class MsCmdlet : MsAsyncCmdlet
    {
        private protected MsCmdlet() { } // derived only by this module's own classes
        private MsSession? _resolved;

        /// <summary>The session to use; defaults to the runspace's default session (Connect-MsService).</summary>
        [Parameter]
        [ValidateNotNull]
        public MsSession? Session { get; set; }

        /// <summary>The preference variable that lets cmdlets use the environment or credentials file after Disconnect-MsService.</summary>
        internal const string AllowImplicitVariable = "MsAllowImplicitCredentials";

        /// <summary>
        /// The session this call uses: -Session, else the runspace default (Connect-MsService), else one from the
        /// official SDKs' chain (HUAWEICLOUD_SDK_* variables, then the credentials file's [basic]); after
        /// Disconnect-MsService the chain is not consulted unless $MsAllowImplicitCredentials is $true.
        /// </summary>
        private protected MsSession CurrentSession
        {
            get
            {
                if (_resolved != null) return _resolved;
                if (Session != null)
                {
                    if (VerboseShown) WriteVerbose($"Session: -Session, credentials from {Session.CredentialSource}.");
                    return _resolved = Session;
                }
                var fallback = SessionStore.GetDefault();
                if (fallback != null)
                {
                    if (VerboseShown) WriteVerbose($"Session: the runspace default (Connect-MsService at {fallback.ConnectedAt:T}), credentials from {fallback.CredentialSource}.");
                    return _resolved = fallback;
                }
                var disconnectedAt = SessionStore.DisconnectedAt;
                if (disconnectedAt != null && !LanguagePrimitives.IsTrue(GetVariableValue(AllowImplicitVariable)))
                    throw Terminate(ErrorRecords.NotConnected(disconnectedAt.Value));
                var log = new ChainLog();
                log.Verbose.Add("Session: none connected in this runspace; looking for credentials where Huawei Cloud's SDKs do.");
                try
                {
                    fallback = SessionFactory.Implicit(log);
                }
                catch (Exception ex)
                {
                    log.WriteTo(this);
                    throw Terminate(ErrorRecords.From(ex));
                }
                log.WriteTo(this);
                if (fallback != null)
                {
                    WriteDebug($"Session from {fallback.CredentialSource}: {fallback}.");
                    return _resolved = fallback;
                }
                throw Terminate(new ErrorRecord(
                    new InvalidOperationException("No MetaStudio session. Run Connect-MsService first, pass -Session, set HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK and HUAWEICLOUD_SDK_REGION, " +
                                                  "or add a [basic] profile to the credentials file (Set-MsCredentialProfile -ProfileName basic). Looked at:\n  " + string.Join("\n  ", log.Skipped)),
                    ErrorCodes.NoSession, ErrorCategory.InvalidOperation, null));
            }
        }

        /// <summary>Sends one operation for one item. On failure writes a non-terminating error
        /// (terminating when the session or its credentials failed) and returns null.</summary>
        private protected MsResponse? TrySend(MsRequest request)
        {
            var session = CurrentSession;
            return TryRun(ctx => session.Client.SendAsync(request, ctx), request.Target);
        }

        /// <summary>
        /// Sends one operation and reads its answer as <typeparamref name="T"/>, with the error rules of TrySend: an answer
        /// the type cannot read is this item's error (MetaStudio.UnexpectedResponse), never the end of the pipeline.
        /// </summary>
        private protected T? TrySend<T>(MsRequest request) where T : class
        {
            var session = CurrentSession;
            return TryRun(ctx => session.Client.SendAsync<T>(request, ctx), request.Target);
        }

        /// <summary>
        /// Builds a request body from user input before anything is sent: an ArgumentException (a nested config
        /// that contains itself or nests too deeply, MsJson.FromPowerShell; any other unusable value) is written as
        /// MetaStudio.InvalidInput for <paramref name="target"/> and the answer is false.
        /// </summary>
        private protected bool TryBuild(Action build, object target)
        {
            try
            {
                build();
                return true;
            }
            catch (ArgumentException ex)
            {
                WriteError(ErrorRecords.InvalidInput(ex.Message, target));
                return false;
            }
        }

        /// <summary>Runs work for one item with the error rules of TrySend; returns default on failure.</summary>
        private protected T? TryRun<T>(Func<CallContext, Task<T>> work, object? target) => TryRun(() => Run(work), target);

        private T? TryRun<T>(Func<T> run, object? target)
        {
            try
            {
                return run();
            }
            catch (Exception ex) when (!(ex is PipelineStoppedException) && !(ex is OperationCanceledException))
            {
                WriteFailure(ex, target);
                return default;
            }
        }

        /// <summary>Takes work started ahead (MsAsyncCmdlet.Ahead) with the error rules of TrySend; returns default on failure.</summary>
        private protected T? TryTake<T>(AheadItem<T> ahead, object? target) => TryRun(() => Take(ahead), target);

        /// <summary>
        /// Queues one item's work (MsAsyncCmdlet.QueueItem) with the error rules of TrySend: <paramref name="done"/> gets its
        /// result on the pipeline thread in the item's position; a failure is written there as the item's error.
        /// </summary>
        private protected void QueueItem<T>(Func<CallContext, Task<T>> work, Action<T> done, object? target)
        {
            var result = default(T);
            // done runs only after the work ended well, which set the result.
            QueueItem(async ctx => result = await work(ctx).ConfigureAwait(false), () => done(result!), ex => WriteFailure(ex, target));
        }

        /// <summary>
        /// A resource just created whose read-back failed still exists (and may be billed): a warning names its id and
        /// the minimal object is output so pipelines continue and nobody re-runs the create, then the read's error is written.
        /// </summary>
        private void WriteCreatedButUnread<T>(T minimal, string what, string id, Exception readFailure)
        {
            WriteWarning($"{what} {id} was created, but reading it back failed; do not run the command again (that creates another one), use the id {id}.");
            WriteObject(minimal);
            WriteFailure(readFailure, id);
        }

        /// <summary>
        /// The create shape (<see cref="Creation{T}"/>): sends the create; on success reads the new object back
        /// (a failed read-back still outputs the id: WriteCreatedButUnread) or hands the id to OnCreated. When the outcome is
        /// unknown (<see cref="CreateOutcome.IsUnknown"/>) and the object has a natural key, it is looked up: found, it
        /// is output with a warning; not found, the create is sent once more. Without a natural key, or when the lookup
        /// fails, the error is MetaStudio.OutcomeUnknown (an unreadable 200 keeps its MetaStudio.UnexpectedResponse).
        /// </summary>
        private protected void WriteCreate<T>(Creation<T> c) where T : class
        {
            var session = CurrentSession;
            // The create, the lookup and the read-back run as one queued item (bulk cmdlets keep several in flight);
            // what is written is decided on the pipeline thread, in the item's position.
            QueueItem(ctx => CreateAsync(session, c, ctx), r => WriteCreation(c, r), c.Request.Target);
        }

        /// <summary>What one create came to: exactly one of an answer (with its read-back), a found object, a known failure or an unknown outcome.</summary>
        private sealed class CreationResult<T> where T : class
        {
            public MsResponse? Answer;
            public string? Id;
            public T? Shown;
            public Exception? ReadFailure;
            public T? Found;
            public string? FoundWarning;
            public Exception? Failure;
            public MsServiceException? Unknown;
        }

        private static async Task<CreationResult<T>> CreateAsync<T>(MsSession session, Creation<T> c, CallContext ctx) where T : class
        {
            if (c.Prepare != null) await c.Prepare(ctx).ConfigureAwait(false);
            var startedAt = session.TimeProvider.GetUtcNow();
            for (var attempt = 1; ; attempt++)
            {
                MsResponse? answer = null;
                Exception? failure = null;
                try
                {
                    answer = await session.Client.SendAsync(c.Request, ctx).ConfigureAwait(false);
                }
                catch (Exception ex) when (!(ex is OperationCanceledException))
                {
                    failure = ex is AggregateException agg && agg.InnerExceptions.Count == 1 ? agg.InnerException! : ex;
                }
                if (answer != null)
                {
                    var done = new CreationResult<T> { Answer = answer, Id = CreateOutcome.IdOf(c.Request, answer) };
                    if (c.OnCreated == null && c.ReadBack != null && done.Id != null)
                    {
                        try
                        {
                            done.Shown = await c.ReadBack(done.Id, answer, ctx).ConfigureAwait(false);
                        }
                        catch (Exception ex) when (!(ex is OperationCanceledException))
                        {
                            done.ReadFailure = ex;
                        }
                    }
                    return done;
                }
                if (failure == null) throw new InvalidOperationException("A create ended with neither an answer nor an error.");
                if (!CreateOutcome.IsUnknown(failure) || (c.FindByName == null && CreateOutcome.AnsweredUnreadably(failure)))
                    return new CreationResult<T> { Failure = failure };
                if (c.FindByName == null)
                    return new CreationResult<T> { Unknown = CreateOutcome.Unknown(c, failure, startedAt, null) };
                T? found;
                try
                {
                    found = await c.FindByName(ctx).ConfigureAwait(false);
                }
                catch (Exception ex) when (!(ex is OperationCanceledException))
                {
                    return new CreationResult<T> { Unknown = CreateOutcome.Unknown(c, failure, startedAt, ex) };
                }
                var named = $"{c.Noun} '{c.Name}'";
                if (found != null)
                    return new CreationResult<T>
                    {
                        Found = found,
                        FoundWarning = $"{CreateOutcome.Capital(named)} was created, though the answer to the create was lost ({failure.Message}); it is output as found by its name.",
                    };
                if (attempt == 2) return new CreationResult<T> { Failure = failure };
                ctx.Verbose($"{CreateOutcome.Capital(named)} does not exist after a create whose answer was lost ({failure.Message}); creating it once more.");
            }
        }

        private void WriteCreation<T>(Creation<T> c, CreationResult<T> r) where T : class
        {
            if (r.Failure != null)
            {
                WriteFailure(r.Failure, c.Request.Target);
                return;
            }
            if (r.Unknown != null)
            {
                WriteError(ErrorRecords.From(r.Unknown));
                return;
            }
            if (r.Found != null)
            {
                WriteWarning(r.FoundWarning);
                WriteObject(r.Found);
                return;
            }
            // Neither a failure nor an unknown outcome nor a found object: the create answered.
            var answer = r.Answer!;
            if (c.OnCreated != null)
            {
                c.OnCreated(r.Id, answer);
                return;
            }
            var minimal = c.Minimal(r.Id, answer);
            if (c.ReadBack == null || r.Id == null)
                WriteObject(minimal);
            else if (r.ReadFailure != null)
                WriteCreatedButUnread(minimal, CreateOutcome.Capital(c.Noun), r.Id, r.ReadFailure);
            else
                WriteObject(r.Shown);
        }

        /// <summary>
        /// Waits for jobs of one kind together by the wait rule (Core/Jobs/JobWait): what every Wait-* cmdlet and every
        /// -Wait switch runs in EndProcessing. Each job that ends well goes to <paramref name="onSucceeded"/> (default:
        /// output) as it ends; failures, timeouts and unreadable jobs are written as errors after the wait.
        /// </summary>
        private protected void WaitForJobs<TJob>(Jobs.JobKind<TJob> kind, IReadOnlyCollection<Jobs.JobRef> jobs, TimeSpan? timeout, double? pollIntervalSec,
            Action<TJob, CallContext>? onSucceeded = null) where TJob : class
        {
            if (jobs.Count == 0) return;
            var session = CurrentSession;
            var options = new Jobs.JobWaitOptions(timeout, pollIntervalSec);
            TryRun(async ctx =>
            {
                await Jobs.JobWait.RunAsync(kind, session, jobs, options, ctx, onSucceeded == null ? null : job => onSucceeded(job, ctx)).ConfigureAwait(false);
                return true;
            }, null);
        }

        /// <summary>Writes a failure: terminating for session and authentication failures, else non-terminating.</summary>
        private protected void WriteFailure(Exception ex, object? target)
        {
            if (ex is AggregateException agg && agg.InnerExceptions.Count == 1) ex = agg.InnerExceptions[0];
            var record = ErrorRecords.From(ex, target);
            if (ex is MsServiceException ms && ms.IsSessionFailure) ThrowTerminatingError(record);
            if (ex is ActionPreferenceStopException || ex is PipelineStoppedException) throw ex;
            WriteError(record);
        }

        /// <summary>
        /// Writes every item of a paged list, one page at a time, so the first results show at once and a pipeline that
        /// stops early stops the paging. Honours -First and -Skip when the cmdlet declares SupportsPaging.
        /// Once the consumer has taken a whole page, the next pages are read while this one is written (PagesAhead, each an
        /// item of its own: MsAsyncCmdlet.Ahead), so the client's decoding and output overlap the service's work. Never a
        /// page past -First or the reported total; a consumer that stops inside the first page costs no extra request; a
        /// stop cancels and drains the pages in flight; a failure of a page read ahead is written where that page is
        /// reached, after the items before it.
        /// </summary>
        private protected void WritePaged<TItem>(Pager<TItem> pager)
        {
            var session = CurrentSession;
            ulong first = ulong.MaxValue, skip = 0;
            var paging = TryGetPaging();
            if (paging != null)
            {
                first = paging.First;
                skip = paging.Skip;
            }
            Func<CallContext, Task<Page<TItem>>> Read(int at, int size) => ctx => pager.GetPageAsync(session.Client, at, size, ctx);
            var start = (int)Math.Min(skip, int.MaxValue);
            var offset = start;
            var pageSize = (int)Math.Min((ulong)pager.PageSize, first);
            if (pageSize == 0) return;
            var page = TryRun(Read(offset, pageSize), null);
            if (page == null) return;
            if (paging != null && paging.IncludeTotalCount)
                WriteObject(paging.NewTotalCount((ulong)Math.Max(0, page.Total ?? page.Items.Count), 1.0));
            ulong written = 0;
            // Pages asked for beyond the one in hand, in order. Each starts where the one asked before it ends, which is
            // where the list goes on whenever the pages before it came back full (a short page ends the list).
            var aheads = new Queue<(AheadItem<Page<TItem>> Item, int Size)>();
            var askedEnd = offset + pageSize;
            // Without a reported total the end shows only as a short page: one page ahead then, so at most one is wasted.
            var depth = page.Total.HasValue ? PagesAhead : 1;
            for (var firstPage = true; ; firstPage = false)
            {
                var items = page.Items;
                var count = (int)Math.Min((ulong)items.Count, first - written);
                offset += items.Count;
                var last = items.Count == 0 || items.Count < pageSize || (page.Total.HasValue && offset >= page.Total.Value) || written + (ulong)count >= first;
                if (!last && !firstPage && PageReadAhead)
                {
                    // Items asked for so far, against -First: every page before askedEnd was (or will be) full.
                    ulong Asked() => (ulong)(askedEnd - start);
                    while (aheads.Count < depth && Asked() < first && (!page.Total.HasValue || askedEnd < page.Total.Value))
                    {
                        var size = (int)Math.Min((ulong)pager.PageSize, first - Asked());
                        aheads.Enqueue((Ahead(Read(askedEnd, size)), size));
                        askedEnd += size;
                    }
                }
                try
                {
                    for (var i = 0; i < count; i++) WriteObject(items[i]);
                }
                catch when (aheads.Count > 0)
                {
                    StopItems();   // a stopped downstream or Ctrl+C: the pages read ahead are cancelled and waited for
                    throw;
                }
                written += (ulong)count;
                if (last) break;
                if (aheads.Count > 0)
                {
                    var (next, size) = aheads.Dequeue();
                    page = TryTake(next, null);
                    pageSize = size;
                }
                else
                {
                    pageSize = (int)Math.Min((ulong)pager.PageSize, first - written);
                    page = TryRun(Read(offset, pageSize), null);
                    askedEnd = offset + pageSize;
                }
                if (page == null) break;
            }
            // Pages asked for past a failed or short page: already sent, so they are let end, and nothing of them is shown.
            while (aheads.Count > 0)
            {
                try { Take(aheads.Dequeue().Item); }
                catch (Exception ex) when (!(ex is PipelineStoppedException)) { }
            }
        }

        /// <summary>
        /// How many pages WritePaged asks for ahead of the one it writes, once the first page is taken whole: two, so the
        /// service prepares one page while the module reads the one before it, and neither waits for the other.
        /// </summary>
        internal const int PagesAhead = 2;

        /// <summary>
        /// Whether WritePaged reads pages ahead (always, but for the listing benchmark's paired row, which turns it off
        /// to show what it gains in the same minutes).
        /// </summary>
        internal static bool PageReadAhead { get; set; } = true;

        private PagingParameters? TryGetPaging()
        {
            try { return PagingParameters; }
            catch (Exception) { return null; }   // the cmdlet does not declare SupportsPaging
        }

        /// <summary>
        /// Checks a body, or with <paramref name="partial"/> the changes to one, against the operation's official
        /// model before anything is sent (a read-modify-write cmdlet reads first); writes the error and answers
        /// false when it does not match. Every request is checked again, whole, just before it is sent.
        /// </summary>
        private protected bool CheckBody(OperationId operation, object body, object target, bool partial = false)
        {
            var spec = OperationCatalog.SpecOf(operation);
            var node = body as JsonNode ?? JsonSerializer.SerializeToNode(body, body.GetType(), MsJson.Options);
            var violations = new List<SpecViolation>();
            var options = new SpecCheckOptions { Normalize = true, Partial = partial, AllowUnknown = CurrentSession.AllowUnknownFields };
            SpecValidator.CheckBody(spec, node, options, violations);
            if (violations.Count == 0) return true;
            WriteError(ErrorRecords.From(new SpecViolationException(spec.Name, violations), target));
            return false;
        }

        private bool _yesToAll, _noToAll;

        /// <summary>
        /// True once this pipeline has asked, or is set to ask, for confirmation: an explicit -Confirm, or
        /// $ConfirmPreference at or below the cmdlet's impact (seen in BeginProcessing), or a change ShouldChange prompted
        /// for. Items then go one at a time (MsBulkCmdlet), so each prompt follows the output of the items before it.
        /// </summary>
        private protected bool Prompts { get; private set; }

        private bool WouldPrompt(ConfirmImpact level, bool force)
        {
            var confirmAsked = BoundParameterIsTrue("Confirm");
            var confirmOff = MyInvocation.BoundParameters.ContainsKey("Confirm") && !confirmAsked;
            var preference = ConfirmPreference;
            return confirmAsked || (!confirmOff && !force && preference != ConfirmImpact.None && level >= preference);
        }

        /// <summary>
        /// Confirms a change to one existing service object, named in -WhatIf, prompts and verbose text as
        /// "kind 'name' (id)". The name is read (<paramref name="lookupName"/>, best effort: one read, none on
        /// failure) only when a message will be shown, so unattended runs send nothing extra.
        /// <paramref name="impact"/> is this change's impact when it is higher than the cmdlet's declared one (the
        /// permanent delete of a cmdlet whose usual change is reversible): it prompts as that impact would.
        /// <paramref name="force"/> skips the prompt as ShouldProcessUnlessForced does.
        /// </summary>
        private protected bool ShouldChange(string kind, string? id, string action, Func<CallContext, Task<string?>>? lookupName,
            ConfirmImpact? impact = null, bool force = false)
        {
            var declared = DeclaredImpact;
            var level = impact ?? declared;
            var whatIf = WhatIfRequested();
            var confirmAsked = BoundParameterIsTrue("Confirm");
            var preference = ConfirmPreference;
            var wouldPrompt = WouldPrompt(level, force);
            Prompts |= wouldPrompt && !whatIf;
            var target = Describe(kind, id, whatIf || wouldPrompt ? LookupName(lookupName) : null);
            if (force && !whatIf && !confirmAsked) return true;
            if (!ShouldProcess(target, action)) return false;
            // ShouldProcess prompted only for the declared impact; a higher one asks here.
            if (!whatIf && wouldPrompt && !confirmAsked && declared < preference)
                return ShouldContinue($"{action} {target}?", "Confirm", ref _yesToAll, ref _noToAll);
            return true;
        }

        /// <summary>A name lookup for ShouldChange: reads the object with <paramref name="show"/> and picks its name.</summary>
        private protected Func<CallContext, Task<string?>> NameFrom<T>(MsRequest show, Func<T, string?> name) where T : class
        {
            var session = CurrentSession;
            return async ctx =>
            {
                var found = await session.Client.SendAsync<T>(show, ctx).ConfigureAwait(false);
                return found == null ? null : name(found);
            };
        }

        /// <summary>How messages name an object: "asset 'product-photo' (0f3e...)", or "asset 0f3e..." without a name.</summary>
        internal static string Describe(string kind, string? id, string? name)
            => string.IsNullOrEmpty(name) ? $"{kind} {id}" : $"{kind} '{name}' ({id})";

        private string? LookupName(Func<CallContext, Task<string?>>? lookup)
        {
            if (lookup == null) return null;
            try
            {
                return Run(lookup);
            }
            catch (Exception ex) when (!(ex is PipelineStoppedException) && !(ex is ActionPreferenceStopException))
            {
                WriteDebug($"The name for the confirmation message could not be read: {ex.Message}");
                return null;
            }
        }

        // Read once per cmdlet type: a reflection read on every invocation cost a tenth of a Get-MsAsset -AssetId.
        private static readonly ConcurrentDictionary<Type, CmdletAttribute?> CmdletAttributes = new ConcurrentDictionary<Type, CmdletAttribute?>();

        private CmdletAttribute? CmdletInfo => CmdletAttributes.GetOrAdd(GetType(), t => (CmdletAttribute?)Attribute.GetCustomAttribute(t, typeof(CmdletAttribute)));

        private ConfirmImpact DeclaredImpact => CmdletInfo?.ConfirmImpact ?? ConfirmImpact.Medium;

        private ConfirmImpact ConfirmPreference
        {
            get
            {
                var value = GetVariableValue("ConfirmPreference");
                if (value is PSObject pso) value = pso.BaseObject;
                if (value is ConfirmImpact impact) return impact;
                return value != null && Enum.TryParse(value.ToString(), true, out ConfirmImpact parsed) ? parsed : ConfirmImpact.High;
            }
        }

        /// <summary>
        /// The rules of the shared shapes that hold before any request: a list with a time window (ITimeWindow) rejects
        /// a -StartTime after -EndTime, which the service would only answer with nothing.
        /// </summary>
        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            Prompts = CmdletInfo?.SupportsShouldProcess == true && !WhatIfRequested() && WouldPrompt(DeclaredImpact, force: BoundParameterIsTrue("Force"));
            if (this is ITimeWindow window) RejectInvertedTimeWindow(window.StartTime, window.EndTime);
        }

        private void RejectInvertedTimeWindow(DateTime? start, DateTime? end)
        {
            if (start.HasValue && end.HasValue && start > end)
                ThrowTerminatingError(ErrorRecords.InvalidInput($"-StartTime {start:u} is after -EndTime {end:u}.", null));
        }

        /// <summary>
        /// The show shape: reads each id (<see cref="Resource{T}.Show"/>) and writes what was read, after
        /// <paramref name="complete"/> fills what the answer leaves out (the id, the room); one id's failure is its own
        /// error and the others go on. The one place that reads many ids, so a -ThrottleLimit for piped ids lives here.
        /// </summary>
        private protected void WriteShown<T>(Resource<T> resource, IEnumerable<string> ids, Action<T, string>? complete = null) where T : class
        {
            var session = CurrentSession;
            foreach (var id in ids)
            {
                var request = resource.Show(id);
                // Read inside the item: an answer its type cannot read is this id's error, never the end of the pipeline.
                QueueItem(async ctx => (await session.Client.SendAsync(request, ctx).ConfigureAwait(false))?.As<T>(), item =>
                {
                    if (item == null) return;
                    complete?.Invoke(item, id);
                    WriteObject(item);
                }, request.Target ?? id);
            }
        }

        /// <summary>The show shape for a read that is more than one request's answer (a job read, which fills in what the answer leaves out).</summary>
        private protected void WriteRead<T>(Func<MsSession, CallContext, Task<T?>> read, object? target) where T : class
        {
            var session = CurrentSession;
            QueueItem(ctx => read(session, ctx), item =>
            {
                if (item != null) WriteObject(item);
            }, target);
        }

        /// <summary>ShouldChange for an object of a resource: named as "kind 'name' (id)", the name read only when a message is shown.</summary>
        private protected bool ShouldChange<T>(Resource<T> resource, string id, string action, ConfirmImpact? impact = null, bool force = false) where T : class
            => ShouldChange(resource.Noun, id, action, NameFrom<T>(resource.Show(id), item => resource.NameOf(item)), impact, force);

        /// <summary>The remove shape: confirms (ShouldChange: -WhatIf, -Confirm, -Force and the impact as declared) and sends the delete.</summary>
        private protected void Remove<T>(Resource<T> resource, string id, MsRequest delete, bool force) where T : class
        {
            if (delete.Target == null) delete.Target = id;   // errors name the object
            if (!ShouldChange(resource, id, "Delete", force: force)) return;
            var session = CurrentSession;
            QueueItem(ctx => session.Client.SendAsync(delete, ctx), _ => { }, delete.Target);
        }

        /// <summary>ShouldProcess with a target list cut to ten names, as long confirmations are unreadable.</summary>
        private protected bool ShouldProcessMany(IReadOnlyCollection<string> targets, string action)
        {
            var shown = string.Join(", ", System.Linq.Enumerable.Take(targets, 10));
            if (targets.Count > 10) shown += $" (plus {targets.Count - 10} more)";
            return ShouldProcess(shown, action);
        }
    }
}
