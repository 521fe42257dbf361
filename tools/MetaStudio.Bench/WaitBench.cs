using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.Emulator;

namespace MetaStudio.Bench
{
    /// <summary>
    /// Twenty video tasks started together and waited on by one Wait-MsVideoTask, with every limit on:
    /// how long past the last task's finish the wait takes, and how many status reads it spends per task.
    /// </summary>
    public static class WaitBench
    {
        private const int Tasks = 20;
        private static readonly TimeSpan Waiting = TimeSpan.FromMilliseconds(500), Processing = TimeSpan.FromSeconds(1);

        public static async Task<IEnumerable<BenchResult>> RunAsync()
        {
            await using var emulator = await EmulatorHost.StartAsync(new EmulatorOptions { JobWaitingTime = Waiting, JobProcessingTime = Processing });
            using var shell = Shell.Connected(emulator.BaseUri);
            var start = new List<double>();
            var reads = new List<double>();
            var wait = Bench.Samples(0, 2, i =>
            {
                Thread.Sleep(1500); // refill the rate buckets the previous run drained
                start.Add(Bench.Ms(() => shell.Run(
                    $"$tasks = 1..{Tasks} | ForEach-Object {{ Start-MsVideoTask -Text 'Hello there' -ModelAssetId model-1 -VoiceAssetId voice-1 -OutputAssetName \"bench-wait-{i}-$_\" }}")) / 1000);
                emulator.Log.Clear();
                System.Collections.ObjectModel.Collection<System.Management.Automation.PSObject> done = null;
                var ms = Bench.Ms(() => done = shell.Run("$tasks | Wait-MsVideoTask -Timeout 120"));
                var succeeded = done.Count(t => (string)t.Properties["State"].Value == "SUCCEED");
                if (succeeded != Tasks) throw new InvalidOperationException($"{succeeded} of {Tasks} tasks succeeded.");
                reads.Add(emulator.Log.Count("Show2DDigitalHumanVideo") / (double)Tasks);
                return ms / 1000;
            });
            var jobTime = (Waiting + Processing).TotalSeconds;
            return new[]
            {
                Bench.Result("wait", $"start {Tasks} video tasks (Start-MsVideoTask, create limit on)", start, "s", m => $"{Tasks / m:0.0} tasks/s"),
                // The last task started as the start phase ended, so it was done jobTime later at best.
                Bench.Result("wait", $"then one Wait-MsVideoTask for all {Tasks} (each task takes {jobTime:0.#} s in the emulator)", wait, "s",
                    m => $"returns {m - jobTime:0.0} s after the last task is done; {reads.Average():0.0} Show2DDigitalHumanVideo calls per task"),
            };
        }
    }
}
