using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Jobs;

namespace MetaStudio.Bench
{
    /// <summary>
    /// One Wait-MsVideoTask for 16 video tasks, limits on, status reads answered after 100 ms: how often each task's
    /// status is really read (the time between two reads of one task, from the emulator's log) against the interval
    /// the poller means to keep for 16 tasks.
    /// </summary>
    public static class WaitBench
    {
        private const string Region = "cn-north-4";
        private static readonly string Status = OperationCatalog.Get(OperationId.Show2DDigitalHumanVideo).Name;
        private const double PollSeconds = 2;

        public static IEnumerable<BenchRow> Run()
        {
            var jobs = 16;
            var runs = Bench.Scaled(2, 1);
            var waiting = TimeSpan.FromSeconds(1);
            var processing = TimeSpan.FromSeconds(Bench.Scaled(9, 4));
            var limit = OperationCatalog.Get(OperationId.Show2DDigitalHumanVideo).RateLimit(Region);
            var nominal = new JobPoller<string>((_, _) => Task.FromResult<string?>(""), _ => true)
            {
                RatePerSecond = limit, MinimumInterval = TimeSpan.FromSeconds(PollSeconds),
            }.IntervalFor(jobs).TotalSeconds;

            using var lab = Lab.Start(new EmulatorOptions { JobWaitingTime = waiting, JobProcessingTime = processing }, region: Region);
            var (emulator, shell) = (lab.Emulator, lab.Shell);
            emulator.Faults.Latency[Status] = TimeSpan.FromMilliseconds(100);
            var readsPerTask = new List<double>();
            var waits = new List<double>();
            var periods = Bench.Samples(0, runs, i =>
            {
                Bench.Refill();
                shell.Run($"$tasks = 1..{jobs} | ForEach-Object {{ Start-MsVideoTask -Text 'Hello there' -ModelAssetId model-1 -VoiceAssetId voice-1 -OutputAssetName \"bench-wait-{i}-$_\" }}");
                emulator.Log.Clear();
                var done = new System.Collections.ObjectModel.Collection<System.Management.Automation.PSObject>();
                waits.Add(Bench.Ms(() => done = shell.Run($"$tasks | Wait-MsVideoTask -PollIntervalSec {PollSeconds} -Timeout 120")) / 1000);
                var succeeded = done.Count(t => (string?)t.Properties["State"]?.Value == "SUCCEED");
                if (succeeded != jobs) throw new InvalidOperationException($"{succeeded} of {jobs} tasks succeeded.");
                var reads = emulator.Log.All.Where(e => e.Operation == Status && e.Status == 200).ToList();
                readsPerTask.Add(reads.Count / (double)jobs);
                // Per task: the gaps between its consecutive status reads (the path ends with its job id).
                var gaps = reads.GroupBy(e => e.Path)
                    .SelectMany(g => g.OrderBy(e => e.Time).Select(e => e.Time).Zip(g.OrderBy(e => e.Time).Skip(1).Select(e => e.Time), (a, b) => (b - a).TotalSeconds))
                    .OrderBy(x => x).ToList();
                return gaps.Count == 0 ? double.NaN : gaps[gaps.Count / 2];
            });
            yield return new BenchRow("waits", $"`Wait-MsVideoTask` for {jobs} video tasks (each {(waiting + processing).TotalSeconds:0} s), status reads answered after 100 ms",
                "s/poll", Stat.Of(periods), "the poller's nominal interval", Stat.Of(new[] { nominal }), "s",
                Stat.Of(periods.Select(p => p / nominal).ToArray()), "× nominal", Target.Max(1.05, "item 3: fixed schedule"),
                $"median time between two reads of one task; {Bench.Num(readsPerTask.Average())} status reads per task; wait {Bench.Num(waits.Average())} s; issue 13 saw 3.1 s for 2 s");
        }
    }
}
