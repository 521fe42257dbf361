using System;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.Emulator;

// `dotnet run --project src/MetaStudio.Emulator [-- --port 5080]`: a MetaStudio stand-in for
// trying the module with no cloud account. Prints how to connect, then serves until Ctrl+C.
var options = new EmulatorOptions();
for (var i = 0; i < args.Length - 1; i++)
    if (args[i] == "--port" && int.TryParse(args[i + 1], out var port)) options.Port = port;
if (options.Port == 0) options.Port = 5080;

await using var host = await EmulatorHost.StartAsync(options);
Console.WriteLine($"MetaStudio emulator listening on {host.BaseUri}");
Console.WriteLine("Connect with:");
Console.WriteLine($"  Connect-MsService -Region cn-north-4 -Endpoint {host.BaseUri} -AccessKey {EmulatorOptions.DefaultAccessKey} -SecretKey {EmulatorOptions.DefaultSecretKey}");
Console.WriteLine("Press Ctrl+C to stop.");
var done = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; done.TrySetResult(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => done.TrySetResult();
await done.Task;
