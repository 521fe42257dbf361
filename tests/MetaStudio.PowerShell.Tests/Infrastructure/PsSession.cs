using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using MetaStudio.Emulator;

namespace MetaStudio.PowerShell.Tests.Infrastructure
{
    /// <summary>What one script run produced, stream by stream.</summary>
    public sealed class PsResult
    {
        public List<PSObject> Output { get; init; } = new();
        public List<ErrorRecord> Errors { get; init; } = new();
        public List<string> Verbose { get; init; } = new();
        public List<string> Warnings { get; init; } = new();
        public List<string> Debug { get; init; } = new();
        public List<ProgressRecord> Progress { get; init; } = new();
        /// <summary>The terminating error that ended the script, if one did.</summary>
        public RuntimeException? Terminating { get; init; }
        /// <summary>What Out-Host / Out-Default printed during this run.</summary>
        public string HostText { get; init; } = "";

        /// <summary>Every error, non-terminating and terminating.</summary>
        public IEnumerable<ErrorRecord> AllErrors => Terminating?.ErrorRecord != null ? Errors.Append(Terminating.ErrorRecord) : Errors;

        /// <summary>All text of all streams and errors, to search for leaked secrets.</summary>
        public string EverythingAsText => string.Join("\n",
            Output.Select(o => o?.ToString()).Concat(Errors.Select(e => e + " " + e.Exception + " " + e.ErrorDetails?.Message))
                .Concat(Verbose).Concat(Warnings).Concat(Debug).Concat(new[] { Terminating?.ToString(), HostText }));

        public T Single<T>() => (T)Output.Single().BaseObject;
        public IEnumerable<T> All<T>() => Output.Select(o => (T)o.BaseObject);

        /// <summary>Throws with every error's text when the run had any; use on happy paths.</summary>
        public PsResult AssertNoErrors()
        {
            var errors = AllErrors.ToList();
            if (errors.Count > 0)
                throw new Xunit.Sdk.XunitException("The script wrote errors:\n" + string.Join("\n", errors.Select(e => $"{e.FullyQualifiedErrorId}: {e}")));
            return this;
        }
    }

    /// <summary>
    /// A real PowerShell runspace with the staged MetaStudio module imported, optionally connected to
    /// an emulator (the session is the runspace default and is also in $MsSession).
    /// A plain connected session (the default region and no Connect arguments) is shared by the tests of a class: its
    /// runspace goes back to a pool per emulator (one emulator per test class) when the test disposes it, with its
    /// variables, $Error, location and host text reset, and is handed to the next test of the class. A test that changed
    /// what a reset cannot put back (Disconnect or another Connect, functions, aliases or modules of its own, the runspace
    /// used directly) leaves a runspace that is closed instead. All others get a runspace of their own.
    /// </summary>
    public sealed class PsSession : IDisposable
    {
        /// <summary>A runspace with its host and the session it was connected with: what a pool keeps between tests.</summary>
        private sealed class Shell
        {
            public readonly TestHost Host = new();
            // Set by PsSession's constructor before the shell is used; a shell made without connecting has no session.
            public Runspace Runspace = null!;
            public MsSession? Session;
            public string? Location;
            public (int Functions, int Aliases, int Modules) Baseline;
        }

        private static readonly ConcurrentDictionary<EmulatorHost, ConcurrentBag<Shell>> Pool = new();

        private readonly Shell _shell;
        private readonly bool _shareable;
        private bool _exposed;
        private bool _disposed;

        /// <summary>
        /// A shell whose session keeps no rate limits (-RateLimitScale 0), for tests whose subject is not pacing: the
        /// limiter is shared by the whole test process, so other test classes calling the same operation at the same time
        /// could otherwise pace this one (one call at a time at a low published rate, or a wait that is a thread hop).
        /// </summary>
        public static PsSession Unpaced(EmulatorHost emulator) => new(emulator, connectArguments: "-RateLimitScale 0");

        public PsSession(EmulatorHost? emulator = null, string region = "cn-north-4", bool connect = true, string connectArguments = "")
        {
            _emulator = emulator;
            _shareable = emulator != null && connect && region == "cn-north-4" && string.IsNullOrEmpty(connectArguments);
            if (_shareable && emulator is not null && Pool.TryGetValue(emulator, out var bag) && bag.TryTake(out var pooled))
            {
                _shell = pooled;
                return;
            }
            _shell = new Shell();
            var iss = InitialSessionState.CreateDefault2();
            iss.ImportPSModule(new[] { TestPaths.ModuleManifest });
            _shell.Runspace = RunspaceFactory.CreateRunspace(_shell.Host, iss);
            _shell.Runspace.Open();
            if (emulator != null && connect)
            {
                _shell.Session = Run($"$MsSession = Connect-MsService -Region {region} -Endpoint '{emulator.BaseUri}' -AccessKey {EmulatorOptions.DefaultAccessKey} -SecretKey '{EmulatorOptions.DefaultSecretKey}' {connectArguments}; $MsSession")
                    .AssertNoErrors().Single<MsSession>();
                // Jobs of an emulator in virtual time are waited on in the same virtual time.
                VirtualTime.Of(emulator)?.Attach(_shell.Session);
            }
            if (_shareable)
            {
                _shell.Location = Run("(Get-Location).Path").Single<string>();
                _shell.Baseline = Counts();
            }
        }

        public Runspace Runspace
        {
            get
            {
                _exposed = true;   // used directly: nothing says what it was left like
                return _shell.Runspace;
            }
        }

        /// <summary>The emulator the session was made for; throws for a session made without one.</summary>
        public EmulatorHost Emulator => _emulator ?? throw new InvalidOperationException("This PsSession was made without an emulator.");
        private readonly EmulatorHost? _emulator;
        public TestHost Host => _shell.Host;

        /// <summary>Runs script text; variables are set first. Never throws for script errors: look at the result.</summary>
        public PsResult Run(string script, IDictionary<string, object>? variables = null)
        {
            if (variables != null)
                foreach (var v in variables) _shell.Runspace.SessionStateProxy.SetVariable(v.Key, v.Value);
            _shell.Host.ClearText();
            using var ps = System.Management.Automation.PowerShell.Create();
            ps.Runspace = _shell.Runspace;
            ps.AddScript(script);
            var output = new List<PSObject>();
            RuntimeException? terminating = null;
            try
            {
                output.AddRange(ps.Invoke());
            }
            catch (RuntimeException ex)
            {
                terminating = ex;
            }
            return new PsResult
            {
                Output = output.Where(o => o != null).ToList(),
                Errors = ps.Streams.Error.ToList(),
                Verbose = ps.Streams.Verbose.Select(v => v.Message).ToList(),
                Warnings = ps.Streams.Warning.Select(v => v.Message).ToList(),
                Debug = ps.Streams.Debug.Select(v => v.Message).ToList(),
                Progress = ps.Streams.Progress.ToList(),
                Terminating = terminating,
                HostText = _shell.Host.Text,
            };
        }

        /// <summary>Runs script text while the emulator answers the next request for <paramref name="operation"/> with 500.</summary>
        public PsResult RunFailingOnce(string operation, string script)
        {
            Emulator.Faults.Operation = operation;
            Emulator.Faults.FailNext = 1;
            try
            {
                return Run(script);
            }
            finally
            {
                Emulator.Faults.Reset();
            }
        }

        private (int Functions, int Aliases, int Modules) Counts()
        {
            var counts = Run("@((Get-ChildItem function:).Count, (Get-ChildItem alias:).Count, (Get-Module).Count)").All<int>().ToArray();
            return (counts[0], counts[1], counts[2]);
        }

        /// <summary>Still connected as at the start, and nothing added that a reset would leave behind.</summary>
        private bool CanBeShared()
        {
            if (!_shareable || _exposed || _shell.Runspace.RunspaceStateInfo.State != RunspaceState.Opened) return false;
            var current = Run("Get-MsSession");
            if (current.AllErrors.Any() || current.Output.Count != 1 || !ReferenceEquals(current.Output[0].BaseObject, _shell.Session)) return false;
            return Counts() == _shell.Baseline;
        }

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            if (!CanBeShared())
            {
                _shell.Runspace.Dispose();
                return;
            }
            _shell.Runspace.ResetRunspaceState();
            _shell.Runspace.SessionStateProxy.SetVariable("MsSession", _shell.Session);
            _shell.Runspace.SessionStateProxy.Path.SetLocation(_shell.Location!);   // set for every shareable shell
            _shell.Host.ClearText();
            lock (_shell.Host.Progress) _shell.Host.Progress.Clear();
            lock (_shell.Host.Prompts) _shell.Host.Prompts.Clear();
            lock (_shell.Host.Answers) _shell.Host.Answers.Clear();
            Pool.GetOrAdd(Emulator, emulator =>
            {
                // When the class's emulator stops, so do the runspaces kept for its tests.
                emulator.Stopping.Register(() =>
                {
                    if (Pool.TryRemove(emulator, out var kept))
                        foreach (var shell in kept) shell.Runspace.Dispose();
                });
                return new ConcurrentBag<Shell>();
            }).Add(_shell);
        }
    }
}
