using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;

namespace MetaStudio.PowerShell.Core.Http
{
    /// <summary>
    /// What a piece of background work may tell the cmdlet that started it. Cmdlet Write* methods
    /// must run on the pipeline thread, so work on other threads posts them here and the cmdlet
    /// replays them (see MsCmdlet.Run).
    /// </summary>
    internal sealed class CallContext
    {
        private readonly Action<Action<Cmdlet>> _post;

        [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1068", Justification = "The token is what a context is for; the optional arguments stay last so callers can leave them out.")]
        public CallContext(CancellationToken token, Action<Action<Cmdlet>>? post, string? command = null)
        {
            Token = token;
            _post = post ?? Discard;
            Command = command;
        }

        private static readonly Action<Action<Cmdlet>> Discard = _ => { };

        /// <summary>
        /// False when messages go nowhere (<see cref="None"/>, <see cref="Detached"/>): callers on the per-call path
        /// skip formatting a verbose line no one will read.
        /// </summary>
        public bool HasSink => !ReferenceEquals(_post, Discard);

        // One User-Agent string per cmdlet name, made once (the names are the module's cmdlets and a few callers).
        private static readonly ConcurrentDictionary<string, string> UserAgents = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);

        /// <summary>The User-Agent that names the command, or null without one.</summary>
        internal string? UserAgent => Command == null ? null : UserAgents.GetOrAdd(Command, c => $"{MsSession.UserAgent} ({c})");

        /// <summary>A context that discards messages, for callers with no cmdlet (tests, the emulator).</summary>
        public static CallContext None(CancellationToken token = default) => new CallContext(token, null);

        public CancellationToken Token { get; }

        /// <summary>The cmdlet the work is for (sent in the User-Agent, as the service's logs and the emulator read it).</summary>
        public string? Command { get; }

        /// <summary>The same message sink with another token (e.g. one linked to stop sibling work).</summary>
        public CallContext WithToken(CancellationToken token) => new CallContext(token, _post, Command);

        /// <summary>The same command with another token and no message sink, for work that may outlive the cmdlet.</summary>
        public CallContext Detached(CancellationToken token) => new CallContext(token, null, Command);

        public void Verbose(string message) => _post(c => c.WriteVerbose(message));
        public void Debug(string message) => _post(c => c.WriteDebug(message));
        public void Warning(string message) => _post(c => c.WriteWarning(message));
        public void Progress(ProgressRecord record) => _post(c => c.WriteProgress(record));
        public void Output(object value) => _post(c => c.WriteObject(value));
        public void Error(ErrorRecord record) => _post(c => c.WriteError(record));
    }
}
