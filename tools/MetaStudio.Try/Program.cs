using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation.Runspaces;
using System.Reflection;
using MetaStudio.Emulator;
using MetaStudio.PowerShell;

// Usage: dotnet run --project tools/MetaStudio.Try -- [script.ps1] [--cloud] [script arguments...]
// Starts a local MetaStudio emulator (unless --cloud), points the HUAWEICLOUD_SDK_* variables at it and
// runs the script in PowerShell's own console host (the full engine of pwsh 7.6, hosted in this process)
// with the built module imported: tables, errors and progress print as they do in pwsh, and the exit
// code is the script's, as with pwsh -File (exit N gives N; a terminating error gives 1).
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

EmulatorHost? emulator = null;
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

var iss = InitialSessionState.CreateDefault2();
iss.ImportPSModule(new[] { manifest });
// pwsh's own command line: the script's arguments bind to its parameters exactly as with pwsh -File.
var shellArgs = new List<string> { "-NoProfile", "-NoLogo", "-File", script };
shellArgs.AddRange(rest.Skip(1));
try
{
    return Microsoft.PowerShell.ConsoleShell.Start(iss, "", "", shellArgs.ToArray());
}
finally
{
    if (emulator != null) await emulator.DisposeAsync();
}

static string Meta(string key) => Assembly.GetExecutingAssembly().GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == key).Value
    ?? throw new InvalidOperationException($"The build did not stamp {key}.");
