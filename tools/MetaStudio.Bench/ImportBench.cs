using System.Collections.Generic;
using System.Diagnostics;
using System.Threading.Tasks;

namespace MetaStudio.Bench
{
    /// <summary>Opening a runspace that imports the module and listing its commands: what every script pays first.</summary>
    public static class ImportBench
    {
        public static Task<IEnumerable<BenchResult>> RunAsync()
        {
            var sw = Stopwatch.StartNew();
            var count = OpenAndList();
            var cold = sw.Elapsed.TotalMilliseconds;
            var warm = Bench.Time(1, 5, _ => OpenAndList());
            IEnumerable<BenchResult> results = new[]
            {
                Bench.Result("import", "open runspace + Import-Module + Get-Command, cold (first in process)", new[] { cold }, "ms", _ => $"{count} commands"),
                Bench.Result("import", "the same, warm", warm, "ms", m => $"{1000 / m:0.#} runspaces/s"),
            };
            return Task.FromResult(results);
        }

        private static int OpenAndList()
        {
            using var shell = new Shell();
            return shell.Run("Get-Command -Module MetaStudio").Count;
        }
    }
}
