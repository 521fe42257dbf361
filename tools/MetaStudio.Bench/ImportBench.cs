using System.Collections.Generic;
using System.Diagnostics;

namespace MetaStudio.Bench
{
    /// <summary>
    /// Opening a runspace that imports the module and lists its commands, against the same with an empty compiled
    /// module (this benchmark's own assembly, which holds one do-nothing cmdlet): what every script pays first.
    /// </summary>
    public static class ImportBench
    {
        public static IEnumerable<BenchRow> Run()
        {
            var sw = Stopwatch.StartNew();
            var count = OpenAndList(Shell.Manifest, "MetaStudio");
            var cold = sw.Elapsed.TotalMilliseconds;
            var empty = typeof(ImportBench).Assembly.Location;
            var (module, baseline) = Bench.Paired(1, Bench.Scaled(9, 2),
                _ => Bench.Ms(() => OpenAndList(Shell.Manifest, "MetaStudio")),
                _ => Bench.Ms(() => OpenAndList(empty, "MetaStudio.Bench")));
            yield return new BenchRow("import", "open a runspace, import the module, Get-Command -Module (warm)", "ms", Stat.Of(module),
                "the same with an empty compiled module", Stat.Of(baseline), "ms",
                Stat.Of(Bench.Ratios(module, baseline)), "× empty", null,
                $"{count} commands; cold (first in process) {Bench.Num(cold)} ms; no target: issue 13 counts import among what holds (1.25× in its own measure)");
        }

        private static int OpenAndList(string module, string name)
        {
            using var shell = new Shell(module);
            return shell.Run($"Get-Command -Module {name}").Count;
        }
    }

    /// <summary>The one command of the empty compiled module ImportBench compares with.</summary>
    [System.Management.Automation.Cmdlet(System.Management.Automation.VerbsDiagnostic.Test, "BenchNothing")]
    public sealed class TestBenchNothingCommand : System.Management.Automation.PSCmdlet
    {
    }
}
