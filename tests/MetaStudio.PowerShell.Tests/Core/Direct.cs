using System;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Core.Auth;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Http;

namespace MetaStudio.PowerShell.Tests.Core
{
    /// <summary>Sessions and calls at the C# level, below the cmdlets, for HTTP pipeline tests.</summary>
    internal static class Direct
    {
        public static readonly string ProjectId = EmulatorOptions.ProjectIdFor("cn-north-4");

        /// <param name="clock">The request path's clock (a TestClock: backoff takes no time, timeouts fire when the test says); null for the system's.</param>
        public static MsSession Session(EmulatorHost emu, Action<SessionSettings>? configure = null, Uri? endpoint = null, string? projectId = null, string region = "cn-north-4",
            TimeProvider? clock = null)
        {
            var settings = new SessionSettings { RetryBaseDelay = TimeSpan.FromMilliseconds(20), Timeout = TimeSpan.FromSeconds(20), TimeProvider = clock };
            configure?.Invoke(settings);
            var credential = new AkSkCredential(EmulatorOptions.DefaultAccessKey, SecretText.ToSecureString(EmulatorOptions.DefaultSecretKey));
            return SessionFactory.Create(region, endpoint ?? emu.BaseUri, null, credential, projectId ?? EmulatorOptions.ProjectIdFor(region), null, "Parameter", settings);
        }

        /// <summary>Sends and collects the verbose lines the call wrote.</summary>
        public static Task<(MsResponse? Response, MsServiceException? Error, string[] Verbose)> SendAsync(MsSession session, MsRequest request)
            => Capture(ctx => session.Client.SendAsync(request, ctx));

        /// <summary>Runs a call with a context that records its messages; returns its answer or its MsServiceException, and the verbose lines.</summary>
        public static async Task<(T? Response, MsServiceException? Error, string[] Verbose)> Capture<T>(Func<CallContext, Task<T>> call)
        {
            var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
            var ctx = new CallContext(CancellationToken.None, action =>
            {
                // Replay on a recording cmdlet stand-in is not possible here; capture the text instead.
                lines.Enqueue(VerboseText(action));
            });
            try
            {
                var response = await call(ctx);
                return (response, null, lines.ToArray());
            }
            catch (MsServiceException ex)
            {
                return (default, ex, lines.ToArray());
            }
        }

        internal static string VerboseText(Action<System.Management.Automation.Cmdlet> action)
        {
            var recorder = new Recorder();
            try { action(recorder); } catch (Exception) { }
            return recorder.Text;
        }

        /// <summary>A cmdlet whose WriteVerbose only records: CommandRuntime captures the messages.</summary>
        private sealed class Recorder : System.Management.Automation.Cmdlet
        {
            public Recorder() => CommandRuntime = new Runtime(this);
            public string Text => ((Runtime)CommandRuntime).Text;
        }

        private sealed class Runtime : System.Management.Automation.ICommandRuntime
        {
            public Runtime(System.Management.Automation.Cmdlet _) { }
            public string Text { get; private set; } = "";
            public System.Management.Automation.Host.PSHost? Host => null;
            public System.Management.Automation.PSTransactionContext? CurrentPSTransaction => null;
            public bool ShouldContinue(string? query, string? caption) => true;
            public bool ShouldContinue(string? query, string? caption, ref bool yesToAll, ref bool noToAll) => true;
            public bool ShouldProcess(string? target) => true;
            public bool ShouldProcess(string? target, string? action) => true;
            public bool ShouldProcess(string? verboseDescription, string? verboseWarning, string? caption) => true;
            public bool ShouldProcess(string? verboseDescription, string? verboseWarning, string? caption, out System.Management.Automation.ShouldProcessReason shouldProcessReason) { shouldProcessReason = default; return true; }
            [System.Diagnostics.CodeAnalysis.DoesNotReturn]
            public void ThrowTerminatingError(System.Management.Automation.ErrorRecord errorRecord) => throw errorRecord.Exception;
            public bool TransactionAvailable() => false;
            public void WriteCommandDetail(string? text) { }
            public void WriteDebug(string? text) => Text = "DEBUG: " + text;
            public void WriteError(System.Management.Automation.ErrorRecord errorRecord) => Text = "ERROR: " + errorRecord;
            public void WriteObject(object? sendToPipeline) { }
            public void WriteObject(object? sendToPipeline, bool enumerateCollection) { }
            public void WriteProgress(System.Management.Automation.ProgressRecord progressRecord) => Text = "PROGRESS: " + progressRecord.StatusDescription;
            public void WriteProgress(long sourceId, System.Management.Automation.ProgressRecord progressRecord) { }
            public void WriteVerbose(string? text) => Text = text ?? "";
            public void WriteWarning(string? text) => Text = "WARNING: " + text;
        }
    }
}
