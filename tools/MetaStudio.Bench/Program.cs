using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using MetaStudio.Bench;

// Usage: dotnet run -c Release --project tools/MetaStudio.Bench [-- [--quick] [--readme] [scenario...]]
// Runs every scenario (or the named ones) against in-process emulators on loopback and prints one Markdown table
// (module, comparator, ratio, the issue 13 target) and writes the same rows to artifacts/bench/results.json.
// --quick: fewer runs and smaller sizes, to check the harness (not for figures). --readme: also puts the table in
// README.md between its bench markers (only for a full run of every scenario).
// Numbers, not verdicts: nothing here fails on a slow machine.
// A process of the store benchmark's tenant (StoreBench starts this program again with its arguments).
if (StoreBench.IsChild(args)) return StoreBench.Child(args);

var all = new (string Name, Func<IEnumerable<BenchRow>> Run)[]
{
    // import first: its cold figure is only cold while nothing else has loaded the engine.
    ("import", ImportBench.Run),
    ("call", CallBench.Run),
    ("pipeline", PipelineBench.Run),
    ("bulk", BulkBench.Run),
    ("list", ListBench.Run),
    ("upload", UploadBench.Run),
    ("sustained", SustainedBench.Run),
    ("wait", WaitBench.Run),
    ("store", StoreBench.Rows),
};
var options = new[] { "--quick", "--readme" };
Bench.Quick = args.Contains("--quick");
var names = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
var unknown = names.Where(a => all.All(b => b.Name != a)).Concat(args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && !options.Contains(a))).ToList();
if (unknown.Count > 0)
{
    Console.Error.WriteLine($"Unknown argument(s): {string.Join(", ", unknown)}. Scenarios: {string.Join(", ", all.Select(b => b.Name))}; options: {string.Join(", ", options)}.");
    return 2;
}
var readme = args.Contains("--readme");
if (readme && (Bench.Quick || names.Count > 0))
{
    Console.Error.WriteLine("--readme takes the table of a full run of every scenario only (no --quick, no names).");
    return 2;
}
if (!File.Exists(Shell.Manifest))
{
    Console.Error.WriteLine($"No staged module at {Shell.Manifest}; build the solution first.");
    return 2;
}

// The emulator runs in this process: a starved thread pool would hold requests back and release them in bunches.
ThreadPool.GetMinThreads(out var workers, out var io);
ThreadPool.SetMinThreads(Math.Max(workers, 32), Math.Max(io, 32));

var selected = names.Count == 0 ? all : all.Where(b => names.Contains(b.Name)).ToArray();
var rows = new List<BenchRow>();
var loadBefore = LoadAverage();
var total = Stopwatch.StartNew();
foreach (var (name, run) in selected)
{
    Console.Error.Write($"{name}... ");
    var sw = Stopwatch.StartNew();
    rows.AddRange(run().ToList());
    Console.Error.WriteLine($"{sw.Elapsed.TotalSeconds:0.0} s");
}
var loadAfter = LoadAverage();

var table = new StringBuilder();
table.AppendLine("| Area | Scenario | Module | Comparator | Ratio (median, range) | Target (issue 13) | Met | Notes |");
table.AppendLine("|---|---|--:|---|--:|---|:-:|---|");
foreach (var r in rows)
{
    var comparator = r.ComparatorStat == null ? r.Comparator : $"{r.Comparator}: {r.ComparatorStat.Text(r.ComparatorUnit)}";
    var ratio = r.Ratio?.Text(r.RatioBasis) ?? "";
    var target = r.Target?.Text(r.RatioBasis.Contains("limit") ? " of the limit" : r.RatioBasis) ?? "";
    var met = r.Met switch { true => "yes", false => "**no**", _ => "" };
    var cells = new[] { r.Area, r.Scenario, r.Module.Text(r.Unit), comparator, ratio, target, met, r.Notes };
    // A pipe splits a Markdown table cell even inside a code span.
    table.AppendLine("| " + string.Join(" | ", cells.Select(c => c.Replace("|", "\\|"))) + " |");
}
var machine = $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}; " +
              $"load average {loadBefore} before, {loadAfter} after; {(Bench.Quick ? "--quick, " : "")}total {total.Elapsed.TotalSeconds:0} s";
Console.WriteLine();
Console.WriteLine(machine);
Console.WriteLine();
Console.Write(table);

var file = Path.GetFullPath(Bench.Meta("ResultsFile"));
Directory.CreateDirectory(Path.GetDirectoryName(file)!);
File.WriteAllText(file, JsonSerializer.Serialize(new
{
    time = DateTimeOffset.UtcNow,
    cores = Environment.ProcessorCount,
    os = RuntimeInformation.OSDescription,
    runtime = Environment.Version.ToString(),
    loadAverageBefore = loadBefore,
    loadAverageAfter = loadAfter,
    quick = Bench.Quick,
    totalSeconds = Math.Round(total.Elapsed.TotalSeconds, 1),
    rows = rows.Select(r => new
    {
        r.Area, r.Scenario, r.Unit, r.Module, r.Comparator, r.ComparatorStat, r.ComparatorUnit,
        r.Ratio, ratioBasis = r.RatioBasis.Trim(), r.Target, r.Met, r.Notes,
    }),
    markdown = table.ToString(),
}, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
Console.WriteLine();
Console.WriteLine($"Written to {file}");
if (readme)
{
    var path = Path.GetFullPath(Bench.Meta("Readme"));
    const string begin = "<!-- bench:begin -->", end = "<!-- bench:end -->";
    var text = File.ReadAllText(path);
    int from = text.IndexOf(begin, StringComparison.Ordinal), to = text.IndexOf(end, StringComparison.Ordinal);
    if (from < 0 || to < from)
    {
        Console.Error.WriteLine($"{path} has no {begin} ... {end} section.");
        return 2;
    }
    var section = $"{begin}\nMeasured {DateTime.UtcNow:yyyy-MM-dd} on {machine}.\n\n{table}{end}";
    File.WriteAllText(path, string.Concat(text.AsSpan(0, from), section, text.AsSpan(to + end.Length)));
    Console.WriteLine($"Table written to {path}");
}
return 0;

// The 1-minute load average (Linux): how busy the shared machine was around the run.
static string LoadAverage()
{
    try { return File.ReadAllText("/proc/loadavg").Split(' ')[0]; }
    catch (IOException) { return "n/a"; }
    catch (UnauthorizedAccessException) { return "n/a"; }
}
