using System;
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
        public RuntimeException Terminating { get; init; }
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
    /// </summary>
    public sealed class PsSession : IDisposable
    {
        private readonly TestHost _host = new();

        public PsSession(EmulatorHost emulator = null, string region = "cn-north-4", bool connect = true, string connectArguments = "")
        {
            var iss = InitialSessionState.CreateDefault2();
            iss.ImportPSModule(new[] { TestPaths.ModuleManifest });
            Runspace = RunspaceFactory.CreateRunspace(_host, iss);
            Runspace.Open();
            Emulator = emulator;
            if (emulator != null && connect)
            {
                var session = Run($"$MsSession = Connect-MsService -Region {region} -Endpoint '{emulator.BaseUri}' -AccessKey {EmulatorOptions.DefaultAccessKey} -SecretKey '{EmulatorOptions.DefaultSecretKey}' {connectArguments}; $MsSession")
                    .AssertNoErrors().Single<MsSession>();
                // Jobs of an emulator in virtual time are waited on in the same virtual time.
                VirtualTime.Of(emulator)?.Attach(session);
            }
        }

        public Runspace Runspace { get; }
        public EmulatorHost Emulator { get; }
        public TestHost Host => _host;

        /// <summary>Runs script text; variables are set first. Never throws for script errors: look at the result.</summary>
        public PsResult Run(string script, IDictionary<string, object> variables = null)
        {
            if (variables != null)
                foreach (var v in variables) Runspace.SessionStateProxy.SetVariable(v.Key, v.Value);
            _host.ClearText();
            var progressBefore = _host.Progress.Count;
            using var ps = System.Management.Automation.PowerShell.Create();
            ps.Runspace = Runspace;
            ps.AddScript(script);
            var output = new List<PSObject>();
            RuntimeException terminating = null;
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
                HostText = _host.Text,
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

        public void Dispose() => Runspace.Dispose();
    }
}
