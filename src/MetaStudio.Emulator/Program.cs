using System;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.Emulator;

// `dotnet run --project src/MetaStudio.Emulator [-- --port 5080]`: a MetaStudio stand-in for
// trying the module with no cloud account. Prints how to connect, then serves until Ctrl+C or SIGTERM.
// `--port 0` takes a free port; the first line printed names it (scripts read it from there).
// `--no-rate-limits` turns the service's buckets off (benchmarks that measure a client's own cost per call).
var options = new EmulatorOptions { Port = 5080 };
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--no-rate-limits") options.EnforceRateLimits = false;
    if (args[i] != "--port") continue;
    if (i + 1 >= args.Length || !int.TryParse(args[i + 1], out var port) || port < 0 || port > 65535)
    {
        Console.Error.WriteLine("--port needs a number from 0 to 65535 (0: a free port).");
        return 2;
    }
    options.Port = port;
}

await using var host = await EmulatorHost.StartAsync(options);
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
