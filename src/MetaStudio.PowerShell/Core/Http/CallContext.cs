using System;
using System.Management.Automation;
using System.Threading;

namespace MetaStudio.PowerShell.Core.Http
{
    /// <summary>
    /// What a piece of background work may tell the cmdlet that started it. Cmdlet Write* methods
    /// must run on the pipeline thread, so work on other threads posts them here and the cmdlet
    /// replays them (see MsCmdlet.Run).
    /// </summary>
    public sealed class CallContext
    {
        private readonly Action<Action<Cmdlet>> _post;

        public CallContext(CancellationToken token, Action<Action<Cmdlet>> post)
        {
            Token = token;
            _post = post ?? (_ => { });
        }

        /// <summary>A context that discards messages, for callers with no cmdlet (tests, the emulator).</summary>
        public static CallContext None(CancellationToken token = default) => new CallContext(token, null);

        public CancellationToken Token { get; }

        /// <summary>The same message sink with another token (e.g. one linked to stop sibling work).</summary>
        public CallContext WithToken(CancellationToken token) => new CallContext(token, _post);

        public void Verbose(string message) => _post(c => c.WriteVerbose(message));
        public void Debug(string message) => _post(c => c.WriteDebug(message));
        public void Warning(string message) => _post(c => c.WriteWarning(message));
        public void Progress(ProgressRecord record) => _post(c => c.WriteProgress(record));
        public void Output(object value) => _post(c => c.WriteObject(value));
        public void Error(ErrorRecord record) => _post(c => c.WriteError(record));
    }
}
