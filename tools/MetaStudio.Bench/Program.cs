using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using MetaStudio.Bench;

// Usage: dotnet run -c Release --project tools/MetaStudio.Bench [-- name...]
// Runs every benchmark (or the named ones) against an in-process emulator on loopback, prints one
// Markdown table and writes the same rows to artifacts/bench/results.json. Numbers, not verdicts:
// nothing here fails on a slow machine.
// A process of the store benchmark's tenant (StoreBench starts this program again with its arguments).
if (StoreBench.IsChild(args)) return StoreBench.Child(args);

var all = new (string Name, Func<Task<IEnumerable<BenchResult>>> Run)[]
{
    // import first: its cold figure is only cold while nothing else has loaded the engine.
    ("import", ImportBench.RunAsync),
    ("sign", SignBench.RunAsync),
    ("call", CallBench.RunAsync),
    ("pipeline", PipelineBench.RunAsync),
    ("limiter", LimiterBench.RunAsync),
    ("upload", UploadBench.RunAsync),
    ("wait", WaitBench.RunAsync),
    ("store", StoreBench.RunAsync),
};
var unknown = args.Where(a => all.All(b => b.Name != a)).ToList();
if (unknown.Count > 0)
{
    Console.Error.WriteLine($"Unknown benchmark(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", all.Select(b => b.Name))}.");
    return 2;
}
if (!File.Exists(Shell.Manifest))
{
    Console.Error.WriteLine($"No staged module at {Shell.Manifest}; build the solution first.");
    return 2;
}

var selected = args.Length == 0 ? all : all.Where(b => args.Contains(b.Name)).ToArray();
var results = new List<BenchResult>();
var total = Stopwatch.StartNew();
foreach (var (name, run) in selected)
{
    Console.Error.Write($"{name}... ");
    var sw = Stopwatch.StartNew();
    results.AddRange(await run());
    Console.Error.WriteLine($"{sw.Elapsed.TotalSeconds:0.0} s");
}

var table = new StringBuilder();
table.AppendLine("| Benchmark | What | Runs | Median | Min | Max | Unit | Derived |");
table.AppendLine("|---|---|--:|--:|--:|--:|---|---|");
foreach (var r in results)
    table.AppendLine($"| {r.Name} | {r.What} | {r.Runs} | {Bench.Num(r.Median)} | {Bench.Num(r.Min)} | {Bench.Num(r.Max)} | {r.Unit} | {r.Derived} |");
Console.WriteLine();
Console.WriteLine($"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}; total {total.Elapsed.TotalSeconds:0.0} s");
Console.WriteLine();
Console.Write(table);

var file = Path.GetFullPath(Bench.Meta("ResultsFile"));
Directory.CreateDirectory(Path.GetDirectoryName(file));
File.WriteAllText(file, JsonSerializer.Serialize(new
{
    time = DateTimeOffset.UtcNow,
    cores = Environment.ProcessorCount,
    os = RuntimeInformation.OSDescription,
    runtime = Environment.Version.ToString(),
    totalSeconds = Math.Round(total.Elapsed.TotalSeconds, 1),
    results,
}, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
Console.WriteLine();
Console.WriteLine($"Written to {file}");
return 0;
