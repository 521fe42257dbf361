using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using MetaStudio.Emulator;
using MetaStudio.PowerShell;

namespace MetaStudio.Bench
{
    /// <summary>A hosted runspace with the staged module imported, as a user's session would have it.</summary>
    public sealed class Shell : IDisposable
    {
        public static readonly string Manifest = System.IO.Path.GetFullPath(Bench.Meta("ModuleManifest"));

        public Shell()
        {
            var iss = InitialSessionState.CreateDefault2();
            iss.ImportPSModule(new[] { Manifest });
            Runspace = RunspaceFactory.CreateRunspace(iss);
            Runspace.Open();
        }

        public Runspace Runspace { get; }

        /// <summary>A runspace connected to <paramref name="endpoint"/>; the session is the default and in $MsSession.</summary>
        public static Shell Connected(Uri endpoint, string region = "cn-north-4", double rateLimitScale = 1)
        {
            var shell = new Shell();
            shell.Run($"$MsSession = Connect-MsService -Region {region} -Endpoint '{endpoint}' -AccessKey {EmulatorOptions.DefaultAccessKey} " +
                      $"-SecretKey '{EmulatorOptions.DefaultSecretKey}' -RateLimitScale {rateLimitScale.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
            return shell;
        }

        public MsSession Session => (MsSession)PSObject.AsPSObject(Runspace.SessionStateProxy.GetVariable("MsSession")).BaseObject;

        /// <summary>Runs script text in its own pipeline; a benchmark that hit an error measured the wrong thing, so it throws.</summary>
        public Collection<PSObject> Run(string script, IDictionary<string, object> variables = null)
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

        public void Dispose() => Runspace.Dispose();
    }
}
