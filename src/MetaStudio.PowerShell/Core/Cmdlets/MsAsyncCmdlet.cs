using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Management.Automation;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Http.Pipeline;

namespace MetaStudio.PowerShell.Core.Cmdlets
{
    /// <summary>
    /// What every MetaStudio cmdlet shares, with or without a session: async work run on the pipeline thread's
    /// behalf (so Verbose, Progress and output written by background work reach the right streams), Ctrl+C wired
    /// to a CancellationToken, and the warning for secrets given as plain strings.
    /// </summary>
    [SuppressMessage("Design", "CA1001", Justification = "The token source has no timer or wait handle to free, and StopProcessing may still cancel it from another thread after the pipeline ends.")]
    public abstract class MsAsyncCmdlet : PSCmdlet
    {
        private protected MsAsyncCmdlet() { } // derived only by this module's own classes
        private readonly CancellationTokenSource _cts = new CancellationTokenSource();

        /// <summary>ThrowTerminatingError, which always throws, stated so for flow analysis: <c>throw Terminate(record);</c>.</summary>
        [DoesNotReturn]
        private protected Exception Terminate(ErrorRecord error)
        {
            ThrowTerminatingError(error);
            throw new InvalidOperationException("ThrowTerminatingError returned."); // not reached: it always throws
        }

        private protected CancellationToken CancellationToken => _cts.Token;

        protected override void BeginProcessing()
        {
            WarnAboutPlainTextSecrets();
            base.BeginProcessing();
        }

        /// <summary>
        /// A secret typed as a plain string still works (SecureStringTransformation converts it), but the text can
        /// stay in the command history, transcripts and $Error: say so once per parameter, with the safe way.
        /// </summary>
        private void WarnAboutPlainTextSecrets()
        {
            foreach (var bound in MyInvocation.BoundParameters)
                if (bound.Value is SecureString secure && SecureStringTransformationAttribute.CameFromPlainText(secure))
                    WriteWarning($"-{bound.Key} was given as a plain string, which can be recorded in the command history, transcripts and $Error. " +
                                 $"Pass a SecureString instead, for example -{bound.Key} (Read-Host -AsSecureString) or a secret from a vault " +
                                 "(Get-Secret -Name ...), or keep keys in a credentials profile (Set-MsCredentialProfile, then Connect-MsService -ProfileName).");
        }

        protected override void StopProcessing() => _cts.Cancel();

        private bool? _verboseShown;

        /// <summary>
        /// Whether WriteVerbose shows anything for this cmdlet: -Verbose (or -Debug) when given, else $VerbosePreference
        /// other than SilentlyContinue and Ignore. Read once, as PowerShell reads the preference once per command. When
        /// false, per-call verbose lines are neither formatted nor posted (WriteVerbose would drop them).
        /// </summary>
        private protected bool VerboseShown => _verboseShown ??= ReadVerboseShown();

        private bool ReadVerboseShown()
        {
            var bound = MyInvocation?.BoundParameters;
            if (bound == null) return true;
            if (bound.ContainsKey("Verbose")) return BoundParameterIsTrue("Verbose");
            if (BoundParameterIsTrue("Debug")) return true;
            var preference = GetVariableValue("VerbosePreference");
            if (preference is PSObject pso) preference = pso.BaseObject;
            if (preference is ActionPreference p) return p != ActionPreference.SilentlyContinue && p != ActionPreference.Ignore;
            return !(preference != null && Enum.TryParse(preference.ToString(), true, out ActionPreference parsed)
                     && (parsed == ActionPreference.SilentlyContinue || parsed == ActionPreference.Ignore));
        }

        /// <summary>Writes what queued items have left (QueueItem): the pipeline's last chance to show their output.</summary>
        protected override void EndProcessing()
        {
            Pump(0);
            base.EndProcessing();
        }

        // The execution model. Every piece of async work is an item: it starts on the pipeline thread (no hand-off: it
        // runs there to its first real wait), posts what it writes to its own queue, and is watched by the pipeline
        // thread, which alone writes to the streams. Items are written strictly in the order they were started, each
        // item's messages and result in its own position, so several may be in flight (QueueItem) while the output reads
        // as if they ran one after another.
        private readonly Queue<Item> _pending = new Queue<Item>();
        private readonly SemaphoreSlim _signal = new SemaphoreSlim(0);

        private sealed class Item
        {
            public readonly ConcurrentQueue<Action<Cmdlet>> Messages = new ConcurrentQueue<Action<Cmdlet>>();
            public Task Task = Task.CompletedTask;
            public Action? OnSuccess;
            public Action<Exception>? OnFailure;   // both null: Run's item, which Run reads itself
        }

        /// <summary>
        /// True for cmdlets that move files: their work hashes and streams with progress, which would wait behind a
        /// synchronous stretch run on the pipeline thread, so it starts on a worker and the pipeline thread shows its
        /// progress as it comes. Every other item starts on the pipeline thread (no hand-off for a one-request record).
        /// </summary>
        private protected virtual bool MovesFiles => false;

        /// <summary>True once an item of this cmdlet has ended well or with an error of its own (the session evidently works).</summary>
        private protected bool AnItemEnded { get; private set; }

        /// <summary>How many items may be in flight at once for this record (1: each item ends before the next starts).</summary>
        private protected virtual int ItemsInFlight => 1;

        /// <summary>
        /// Starts one item's async work and returns to the pipeline at once while fewer than <see cref="ItemsInFlight"/>
        /// are running; otherwise first waits for the oldest to end. <paramref name="onSuccess"/> and
        /// <paramref name="onFailure"/> run on the pipeline thread, in submission order, when the item's turn comes
        /// (EndProcessing writes the rest). Ctrl+C cancels every item in flight.
        /// </summary>
        private protected void QueueItem(Func<CallContext, Task> work, Action? onSuccess, Action<Exception>? onFailure)
        {
            // Alone (nothing else in flight, Pump has just ended the rest), the item may run to its end here (InlineSend);
            // with several in flight it must return at its first wait, so the pipeline thread can start the next.
            var inFlight = Math.Max(1, ItemsInFlight);
            Start(work, onSuccess ?? (() => { }), onFailure ?? (ex => throw ex), inline: inFlight == 1);
            Pump(inFlight - 1);
        }

        /// <summary>
        /// -CredentialsFile as a file system path (~, relative to the PowerShell location, PSDrive), or the default file when
        /// none was given; null after writing why it cannot be one (a folder, another provider's path). A missing file is
        /// left to the caller (reading cmdlets report it, writing ones create it).
        /// </summary>
        private protected string? CredentialsFilePath(string? given)
        {
            if (given == null) return Auth.CredentialsFile.DefaultPath();
            var path = LocalPaths.ProviderPath(this, given, "CredentialsFile", given, out var error);
            if (path != null && System.IO.Directory.Exists(path)) error = LocalPaths.IsDirectory(given, "CredentialsFile", given);
            else if (path != null) return path;
            WriteError(error!);   // ProviderPath sets the error whenever it gives no path
            return null;
        }

        /// <summary>
        /// Runs async work and replays what it writes on this (the pipeline) thread until it ends. Items queued
        /// before are written first, so output keeps its order. Ctrl+C cancels the work's token.
        /// </summary>
        private protected T Run<T>(Func<CallContext, Task<T>> work)
        {
            Pump(0);
            var result = default(T);
            // Run waits for the item alone (Pump above ended the others), so it may run inline to its end.
            var item = Start(async ctx => result = await work(ctx).ConfigureAwait(false), null, null, inline: true);
            Pump(0);
            try
            {
                item.Task.GetAwaiter().GetResult();
                return result!;   // the work ran to completion, so it set the result
            }
            catch (OperationCanceledException) when (_cts.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        private Item Start(Func<CallContext, Task> work, Action? onSuccess, Action<Exception>? onFailure, bool inline)
        {
            if (_cts.IsCancellationRequested) throw new PipelineStoppedException();
            var item = new Item { OnSuccess = onSuccess, OnFailure = onFailure };
            var ctx = new CallContext(_cts.Token, action =>
            {
                item.Messages.Enqueue(action);
                _signal.Release();
            }, MyInvocation?.MyCommand?.Name, VerboseShown);
            item.Task = MovesFiles ? Task.Run(() => work(ctx), _cts.Token) : StartHere(work, ctx, inline);
            _pending.Enqueue(item);
            // An item that ended inline needs no wake-up: Pump finds it done.
            if (!item.Task.IsCompleted)
                item.Task.ContinueWith(_ => _signal.Release(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return item;
        }

        private static Task StartHere(Func<CallContext, Task> work, CallContext ctx, bool inline)
        {
            // The work runs here up to its first wait, or with inline to its end if it never has to wait for anything but
            // its own exchange (InlineSend: the transport then sends and reads synchronously). No synchronization context
            // while it does: a continuation posted back to this thread, which is about to block in Pump, would never run.
            var prior = SynchronizationContext.Current;
            SynchronizationContext.SetSynchronizationContext(null);
            var scope = InlineSend.Enter(inline);
            try
            {
                return work(ctx) ?? Task.CompletedTask;
            }
            catch (Exception ex)
            {
                return Task.FromException(ex);
            }
            finally
            {
                scope.Dispose();
                SynchronizationContext.SetSynchronizationContext(prior);
            }
        }

        /// <summary>
        /// Writes, on the pipeline thread, what the oldest items have posted and the results of those that ended, in
        /// start order, and waits until no more than <paramref name="keep"/> items are left running.
        /// </summary>
        private void Pump(int keep)
        {
            try
            {
                while (_pending.Count > 0)
                {
                    var head = _pending.Peek();
                    var done = head.Task.IsCompleted;   // read first: what it posted before it ended is then all queued
                    while (head.Messages.TryDequeue(out var action)) action(this);
                    if (done)
                    {
                        _pending.Dequeue();
                        Finish(head);
                        continue;
                    }
                    if (_pending.Count <= keep) return;
                    _signal.Wait();   // Ctrl+C cancels the items, which then end and signal
                }
            }
            catch
            {
                // Ctrl+C, a stopped downstream, a failed write or a terminating error: stop the work in flight too, and
                // let it end (a cancelled upload still tells the service) before the pipeline goes on.
                _cts.Cancel();
                foreach (var item in _pending)
                {
                    try { item.Task.Wait(); }
                    catch (Exception) { }   // cancelled or failed: nobody is left to show it to
                }
                _pending.Clear();
                throw;
            }
        }

        private void Finish(Item item)
        {
            var task = item.Task;
            if (task.Status == TaskStatus.RanToCompletion) AnItemEnded = true;
            if (item.OnSuccess == null && item.OnFailure == null) return;   // Run's own item: Run reads it
            if (task.Status == TaskStatus.RanToCompletion)
            {
                item.OnSuccess?.Invoke();
                return;
            }
            if (_cts.IsCancellationRequested && (task.IsCanceled || task.Exception?.GetBaseException() is OperationCanceledException))
                throw new PipelineStoppedException();
            item.OnFailure?.Invoke(task.Exception?.InnerExceptions.Count == 1 ? task.Exception.InnerException! : (Exception?)task.Exception ?? new TaskCanceledException(task));
            AnItemEnded = true;   // the failure was the item's own (non-terminating): the session works
        }

        private protected void Run(Func<CallContext, Task> work) => Run<object?>(async ctx => { await work(ctx).ConfigureAwait(false); return null; });

        /// <summary>
        /// The confirmation rule of the high-impact cmdlets that have -Force: -WhatIf (parameter or
        /// $WhatIfPreference) always wins, an explicit -Confirm always prompts, otherwise -Force skips
        /// the prompt that ConfirmImpact High would show.
        /// </summary>
        private protected bool ShouldProcessUnlessForced(bool force, string target, string action)
        {
            if (!force || WhatIfRequested() || BoundParameterIsTrue("Confirm")) return ShouldProcess(target, action);
            return true;
        }

        private protected bool WhatIfRequested()
        {
            if (MyInvocation.BoundParameters.ContainsKey("WhatIf")) return BoundParameterIsTrue("WhatIf");
            return LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));
        }

        private protected bool BoundParameterIsTrue(string name)
            => MyInvocation.BoundParameters.TryGetValue(name, out var value)
               && (value is SwitchParameter s ? s.IsPresent : LanguagePrimitives.IsTrue(value));
    }
}
