using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using MetaStudio.Bench.Raw;
using MetaStudio.Emulator;
using MetaStudio.PowerShell;

namespace MetaStudio.Bench
{
    /// <summary>A hosted runspace with the staged module imported, as a user's session would have it.</summary>
    public sealed class Shell : IDisposable
    {
        public static readonly string Manifest = Path.GetFullPath(Bench.Meta("ModuleManifest"));

        /// <summary>
        /// Puts the staged module on PSModulePath, as an installed module is: runspaces that ForEach-Object -Parallel
        /// opens import it on first use, like they would on a user's machine.
        /// </summary>
        public static void InstallForAutoload()
        {
            var modules = Path.GetDirectoryName(Path.GetDirectoryName(Manifest));
            var current = Environment.GetEnvironmentVariable("PSModulePath") ?? "";
            if (!current.Split(Path.PathSeparator).Contains(modules))
                Environment.SetEnvironmentVariable("PSModulePath", modules + Path.PathSeparator + current);
        }

        public Shell() : this(Manifest) { }

        /// <param name="module">The module (manifest or assembly path) the runspace imports.</param>
        public Shell(string module)
        {
            var iss = InitialSessionState.CreateDefault2();
            iss.ImportPSModule(new[] { module });
            Runspace = RunspaceFactory.CreateRunspace(iss);
            Runspace.Open();
        }

        public Runspace Runspace { get; }

        /// <summary>A runspace connected to <paramref name="endpoint"/>; the session is the default and in $MsSession.</summary>
        public static Shell Connected(Uri endpoint, string region = "cn-north-4", double rateLimitScale = 1)
        {
            var shell = new Shell();
            var secret = new System.Security.SecureString();
            foreach (var c in EmulatorOptions.DefaultSecretKey) secret.AppendChar(c);
            shell.Run($"$MsSession = Connect-MsService -Region {region} -Endpoint '{endpoint}' -AccessKey {EmulatorOptions.DefaultAccessKey} " +
                      $"-SecretKey $sk -RateLimitScale {rateLimitScale.ToString(CultureInfo.InvariantCulture)}; $sk = $null",
                new Dictionary<string, object> { ["sk"] = secret });
            return shell;
        }

        /// <summary>The hand-written comparator, with the same keys, endpoint and project as <see cref="Connected"/>.</summary>
        public static RawClient Raw(Uri endpoint, string region = "cn-north-4")
            => new(endpoint, EmulatorOptions.ProjectIdFor(region), EmulatorOptions.DefaultAccessKey, EmulatorOptions.DefaultSecretKey);

        public MsSession Session => (MsSession)PSObject.AsPSObject(Runspace.SessionStateProxy.GetVariable("MsSession")).BaseObject;

        /// <summary>Runs script text in its own pipeline; a benchmark that hit an error measured the wrong thing, so it throws.</summary>
        public Collection<PSObject> Run(string script, IDictionary<string, object>? variables = null)
        {
            if (variables != null)
                foreach (var v in variables) Runspace.SessionStateProxy.SetVariable(v.Key, v.Value);
            using var ps = System.Management.Automation.PowerShell.Create();
            ps.Runspace = Runspace;
            ps.AddScript(script);
            var output = ps.Invoke();
            if (ps.Streams.Error.Count > 0)
                throw new InvalidOperationException($"Script failed: {script}\n" + string.Join("\n", ps.Streams.Error.Take(3).Select(e => e.FullyQualifiedErrorId + ": " + e)));
            return output;
        }

        /// <summary>Runs the script and returns the wall time in ms.</summary>
        public double Time(string script, IDictionary<string, object>? variables = null)
        {
            if (variables != null)
                foreach (var v in variables) Runspace.SessionStateProxy.SetVariable(v.Key, v.Value);
            return Bench.Ms(() => Run(script));
        }

        public void Dispose() => Runspace.Dispose();
    }
}
