using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Core.Catalog;

// `dotnet run --project src/MetaStudio.Emulator [-- --port 5080]`: a MetaStudio stand-in for
// trying the module with no cloud account. Prints how to connect, then serves until Ctrl+C or SIGTERM.
// `--port 0` takes a free port; the first line printed names it (scripts read it from there).
// `--no-rate-limits` turns the service's buckets off (benchmarks that measure a client's own cost per call).
// `--latency ShowAsset=5` sends each answer of that operation no sooner than 5 ms after its request arrived, as a
// service some way off would (Faults.Latency; repeat it for more operations).
var options = new EmulatorOptions { Port = 5080 };
var latencies = new List<(string Operation, TimeSpan Latency)>();
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--no-rate-limits") options.EnforceRateLimits = false;
    if (args[i] == "--latency")
    {
        // A name the catalog does not know would delay nothing, silently: refused like a bad port.
        var parts = i + 1 < args.Length ? args[++i].Split('=') : Array.Empty<string>();
        if (parts.Length != 2 || OperationCatalog.Find(parts[0]) == null || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) || ms < 0)
        {
            Console.Error.WriteLine("--latency needs <operation>=<milliseconds>, such as ShowAsset=5, with an operation of the catalog.");
            return 2;
        }
        latencies.Add((parts[0], TimeSpan.FromMilliseconds(ms)));
    }
    if (args[i] != "--port") continue;
    if (i + 1 >= args.Length || !int.TryParse(args[i + 1], out var port) || port < 0 || port > 65535)
    {
        Console.Error.WriteLine("--port needs a number from 0 to 65535 (0: a free port).");
        return 2;
    }
    options.Port = port;
}

await using var host = await EmulatorHost.StartAsync(options);
foreach (var (operation, latency) in latencies) host.Faults.Latency[operation] = latency;
Console.WriteLine($"MetaStudio emulator listening on {host.BaseUri}");
Console.WriteLine("Connect with:");
Console.WriteLine($"  Connect-MsService -Region cn-north-4 -Endpoint {host.BaseUri} -AccessKey {EmulatorOptions.DefaultAccessKey} -SecretKey {EmulatorOptions.DefaultSecretKey}");
Console.WriteLine("Press Ctrl+C to stop.");
Console.Out.Flush();
// The web host's console lifetime turns Ctrl+C and SIGTERM into "stopping"; waiting on that (and not on
// our own event) is what makes the process end on SIGTERM instead of ignoring it.
var stopped = new TaskCompletionSource();
using (host.Stopping.Register(() => stopped.TrySetResult()))
{
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; stopped.TrySetResult(); };
    await stopped.Task;
}
return 0;
