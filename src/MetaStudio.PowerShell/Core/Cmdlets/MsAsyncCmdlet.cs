// Nullable: annotated, flow warnings still off in this file (issue 12 item 5 follow-up: finish its null checks).
#nullable disable warnings
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Management.Automation;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Http;

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
        private readonly CancellationTokenSource _cts = new CancellationTokenSource();

        /// <summary>ThrowTerminatingError, which always throws, stated so for flow analysis: <c>throw Terminate(record);</c>.</summary>
        [DoesNotReturn]
        private protected Exception Terminate(ErrorRecord error)
        {
            ThrowTerminatingError(error);
            return new InvalidOperationException("ThrowTerminatingError returned."); // not reached: it always throws
        }

        protected CancellationToken CancellationToken => _cts.Token;

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

        /// <summary>
        /// Runs async work and replays what it writes on this (the pipeline) thread until it ends.
        /// Ctrl+C cancels the work's token.
        /// </summary>
        protected T Run<T>(Func<CallContext, Task<T>> work)
        {
            using (var queue = new BlockingCollection<Action<Cmdlet>>())
            {
                var ctx = new CallContext(_cts.Token, action =>
                {
                    // After the cmdlet stopped listening (completed, or disposed: ObjectDisposedException
                    // is an InvalidOperationException) there is no one to show it to.
                    try { queue.Add(action); }
                    catch (InvalidOperationException) { }
                }, MyInvocation?.MyCommand?.Name);
                var task = Task.Run(() => work(ctx), _cts.Token);
                task.ContinueWith(_ =>
                {
                    try { queue.CompleteAdding(); }
                    catch (ObjectDisposedException) { }
                }, TaskScheduler.Default);
                try
                {
                    foreach (var action in queue.GetConsumingEnumerable()) action(this);
                }
                catch
                {
                    // Downstream stopped (or a write failed): stop the background work too.
                    _cts.Cancel();
                    throw;
                }
                try
                {
                    return task.GetAwaiter().GetResult();
                }
                catch (OperationCanceledException) when (_cts.IsCancellationRequested)
                {
                    throw new PipelineStoppedException();
                }
            }
        }

        protected void Run(Func<CallContext, Task> work) => Run<object?>(async ctx => { await work(ctx).ConfigureAwait(false); return null; });

        /// <summary>
        /// The confirmation rule of the high-impact cmdlets that have -Force: -WhatIf (parameter or
        /// $WhatIfPreference) always wins, an explicit -Confirm always prompts, otherwise -Force skips
        /// the prompt that ConfirmImpact High would show.
        /// </summary>
        protected bool ShouldProcessUnlessForced(bool force, string target, string action)
        {
            if (!force || WhatIfRequested() || BoundParameterIsTrue("Confirm")) return ShouldProcess(target, action);
            return true;
        }

        protected bool WhatIfRequested()
        {
            if (MyInvocation.BoundParameters.ContainsKey("WhatIf")) return BoundParameterIsTrue("WhatIf");
            return LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));
        }

        protected bool BoundParameterIsTrue(string name)
            => MyInvocation.BoundParameters.TryGetValue(name, out var value)
               && (value is SwitchParameter s ? s.IsPresent : LanguagePrimitives.IsTrue(value));
    }
}
