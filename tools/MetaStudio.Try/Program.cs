using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;
using System.Threading.Tasks;
using MetaStudio.Emulator;
using MetaStudio.PowerShell;
using MetaStudio.Try;

// Usage: dotnet run --project tools/MetaStudio.Try -- [script.ps1] [--cloud] [script arguments...]
// Starts a local MetaStudio emulator (unless --cloud), points the HUAWEICLOUD_SDK_* variables at it,
// imports the built module into a hosted PowerShell and runs the script, printing its output with
// the module's format views. Exit code 1 when the script wrote errors.
var repoRoot = Meta("RepoRoot");
var manifest = Path.GetFullPath(Meta("ModuleManifest"));
var cloud = args.Contains("--cloud");
var rest = args.Where(a => a != "--cloud").ToList();
var script = rest.Count > 0 ? rest[0] : Path.Combine(repoRoot, "samples", "quickstart.ps1");
if (!File.Exists(script) && File.Exists(Path.Combine(repoRoot, script))) script = Path.Combine(repoRoot, script);
script = Path.GetFullPath(script);
if (!File.Exists(script))
{
    Console.Error.WriteLine($"No such script: {script}");
    return 2;
}

EmulatorHost emulator = null;
if (!cloud)
{
    emulator = await EmulatorHost.StartAsync();
    Environment.SetEnvironmentVariable(SessionFactory.EnvAccessKey, EmulatorOptions.DefaultAccessKey);
    Environment.SetEnvironmentVariable(SessionFactory.EnvSecretKey, EmulatorOptions.DefaultSecretKey);
    Environment.SetEnvironmentVariable(SessionFactory.EnvSecurityToken, null);
    Environment.SetEnvironmentVariable(SessionFactory.EnvProjectId, null);
    if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(SessionFactory.EnvRegion)))
        Environment.SetEnvironmentVariable(SessionFactory.EnvRegion, "cn-north-4");
    // The official per-region endpoint variables (HUAWEICLOUD_SDK_REGION_METASTUDIO_CN_NORTH_4, ...), for every region.
    foreach (var region in MetaStudio.PowerShell.Core.Catalog.Regions.Known)
        Environment.SetEnvironmentVariable(SessionFactory.RegionEndpointVariable(region), emulator.BaseUri.ToString());
    // Nothing but the emulator: no credentials file of the user's, nothing off this machine.
    Environment.SetEnvironmentVariable(SessionFactory.EnvEndpoint, null);
    Environment.SetEnvironmentVariable("HUAWEICLOUD_SDK_CREDENTIALS_FILE", Path.Combine(Path.GetTempPath(), "metastudio-try-no-credentials", "credentials"));
    Environment.SetEnvironmentVariable(MetaStudio.PowerShell.Core.Http.NetworkGuard.Variable, "1");
    Console.WriteLine($"MetaStudio emulator on {emulator.BaseUri} (region {Environment.GetEnvironmentVariable(SessionFactory.EnvRegion)}); running {Path.GetFileName(script)}");
}

var host = new ConsoleHost();
var iss = InitialSessionState.CreateDefault2();
iss.ImportPSModule(new[] { manifest });
using var runspace = RunspaceFactory.CreateRunspace(host, iss);
runspace.Open();
using var ps = System.Management.Automation.PowerShell.Create();
ps.Runspace = runspace;
// All streams merged into Out-Default, so errors and warnings show where they happen.
var arguments = string.Join(" ", rest.Skip(1).Select(a => a.StartsWith("-") ? a : "'" + a.Replace("'", "''") + "'"));
ps.AddScript($"& '{script.Replace("'", "''")}' {arguments} *>&1 | Out-Default");
Console.CancelKeyPress += (_, e) => { e.Cancel = true; ps.BeginStop(null, null); };
try
{
    await Task.Factory.FromAsync(ps.BeginInvoke(), ps.EndInvoke);
}
catch (RuntimeException ex)
{
    host.UI.WriteErrorLine(ex.ErrorRecord?.ToString() ?? ex.Message);
}
finally
{
    if (emulator != null) await emulator.DisposeAsync();
}
// An error that stops the whole pipeline (e.g. a parameter that fails to bind) never reaches Out-Default.
if (host.ErrorCount == 0)
    foreach (var error in ps.Streams.Error) host.UI.WriteErrorLine(error.ToString());
return host.ErrorCount > 0 || ps.HadErrors ? 1 : 0;

static string Meta(string key) => typeof(ConsoleHost).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == key).Value;
