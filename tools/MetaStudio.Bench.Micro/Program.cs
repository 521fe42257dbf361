using System.Linq;
using System.Reflection;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// Usage: dotnet run -c Release --project tools/MetaStudio.Bench.Micro [-- BenchmarkDotNet arguments, e.g. --filter *Signer*]
// Without arguments every benchmark runs. Short in-process jobs (3 warm-ups, 3 iterations): a full run takes a minute
// or two; the summary goes to the console and artifacts/bench/micro/results. Numbers, not verdicts.
var artifacts = typeof(MetaStudio.Bench.Micro.Loopback).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "ArtifactsPath").Value!;
var config = DefaultConfig.Instance
    // In-process: no generated project to restore and build, and the loopback emulator lives beside the benchmarks.
    .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
    .AddDiagnoser(MemoryDiagnoser.Default)
    .WithArtifactsPath(System.IO.Path.GetFullPath(artifacts))
    .WithOptions(ConfigOptions.JoinSummary)
    .AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory);
BenchmarkSwitcher.FromAssembly(typeof(MetaStudio.Bench.Micro.Loopback).Assembly).Run(args.Length == 0 ? new[] { "--filter", "*" } : args, config);
