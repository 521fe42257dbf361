#nullable enable
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.Emulator;
using MetaStudio.Emulator.Infrastructure;
using MetaStudio.PowerShell.Assets;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Tests.Assets;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Core
{
    /// <summary>
    /// A listing reads pages ahead (issue 13 item 2): once the consumer has taken the first page whole, pages N+1 and N+2
    /// (MsCmdlet.PagesAhead) are requested while page N is written; never past -First or the total; a consumer that stops costs nothing more and
    /// leaves nothing running; a failure of the page read ahead shows where that page is reached. The emulator's
    /// ListAssets handler is wrapped (Probe) to see each page's request as it arrives and to hold or fail chosen pages;
    /// nothing here measures time (the guards only catch hangs).
    /// </summary>
    public class PagerReadAheadTests : IClassFixture<EmulatorFixture>
    {
        private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);
        private readonly EmulatorHost _emu;

        public PagerReadAheadTests(EmulatorFixture f)
        {
            _emu = f.Emulator;
            _emu.Faults.Reset();
        }

        private string Seed(int count)
        {
            var prefix = Seeds.Unique("ahead");
            for (var i = 0; i < count; i++) Seeds.Ready(_emu, $"{prefix}-{i:000}");
            return prefix;
        }

        /// <summary>The (offset, limit) of every page request, in the order they reached the emulator.</summary>
        private static ConcurrentQueue<(int Offset, int Limit)> RecordPages(Probe probe, Func<EmuRequest, Task>? then = null)
        {
            var pages = new ConcurrentQueue<(int, int)>();
            probe.Before = r =>
            {
                pages.Enqueue(r.Paging());
                return then?.Invoke(r) ?? Task.CompletedTask;
            };
            return pages;
        }

        private static int OffsetOf(EmuRequest r) => r.Paging().Offset;

        /// <summary>For a script: waits (as a hang guard, no timing) for the n-th page request to reach the emulator.</summary>
        private static Func<int, bool> Reached(Probe probe) => n => SpinWait.SpinUntil(() => Volatile.Read(ref probe.Entered) >= n, Guard);

        /// <summary>Pages 3 and on (3 and 4 are read ahead while page 2 is written) are held until the client lets go of them.</summary>
        private static Task HoldFromPage3(EmuRequest r) => OffsetOf(r) >= 200 ? Task.Delay(Timeout.Infinite, r.Http.RequestAborted) : Task.CompletedTask;

        [Fact]
        public void The_next_page_is_requested_while_a_page_is_written_but_only_after_the_first_page_is_taken()
        {
            var prefix = Seed(450);
            using var probe = Probe.On(_emu, OperationId.ListAssets);
            var pages = RecordPages(probe);
            using var ps = new PsSession(_emu);
            var variables = new Dictionary<string, object>
            {
                ["entered"] = new Func<int>(() => Volatile.Read(ref probe.Entered)),
                ["reached"] = Reached(probe),
            };
            // At the last item of page 1 nothing more was asked; at the last item of page 2, pages 3 and 4 already were.
            var r = ps.Run($"Get-MsAsset -Name {prefix} | ForEach-Object -Begin {{ $i = 0 }} -Process {{ $i++; if ($i -eq 100) {{ $entered.Invoke() }} elseif ($i -eq 200) {{ $reached.Invoke(4) }} }}",
                variables).AssertNoErrors();
            Assert.Equal(new object[] { 1, true }, r.Output.Select(o => o.BaseObject));
            // Pages asked for together may reach the emulator in either order; each is asked for once.
            Assert.Equal(new[] { (0, 100), (100, 100), (200, 100), (300, 100), (400, 100) }, pages.OrderBy(p => p.Offset));
        }

        [Fact]
        public void The_first_object_is_written_before_page_2_is_answered()
        {
            var prefix = Seed(250);
            var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var probe = Probe.On(_emu, OperationId.ListAssets);
            // Page 2 is answered only once the consumer has the first object: a pager that waited for it would hang.
            RecordPages(probe, r => OffsetOf(r) == 100 ? release.Task : Task.CompletedTask);
            using var ps = new PsSession(_emu);
            var r = ps.Run($"Get-MsAsset -Name {prefix} | ForEach-Object -Begin {{ $i = 0 }} -Process {{ $i++; if ($i -eq 1) {{ $release.TrySetResult() }} }}; $i",
                new Dictionary<string, object> { ["release"] = release }).AssertNoErrors();
            Assert.Equal(250, r.Output.Last().BaseObject);
            Assert.Equal(3, probe.Entered);
        }

        [Theory]
        [InlineData("-First 200", 450, 200, "0:100 100:100")]
        [InlineData("-First 230", 450, 230, "0:100 100:100 200:30")]
        [InlineData("-Skip 50 -First 230", 450, 230, "50:100 150:100 250:30")]
        [InlineData("-Skip 350", 450, 100, "350:100")]
        [InlineData("", 200, 200, "0:100 100:100")]       // the reported total ends it: no page 3
        [InlineData("", 230, 230, "0:100 100:100 200:100")]
        [InlineData("-First 5", 450, 5, "0:5")]
        public void No_page_is_requested_past_First_or_the_total(string paging, int seeded, int listed, string requested)
        {
            var prefix = Seed(seeded);
            using var probe = Probe.On(_emu, OperationId.ListAssets);
            var pages = RecordPages(probe);
            using var ps = new PsSession(_emu);
            var r = ps.Run($"Get-MsAsset -Name {prefix} {paging}").AssertNoErrors();
            Assert.Equal(listed, r.All<MsAsset>().Select(a => a.AssetId).Distinct().Count());
            Assert.Equal(requested, string.Join(" ", pages.Select(p => $"{p.Offset}:{p.Limit}")));
        }

        [Fact]
        public void IncludeTotalCount_comes_first_and_the_pages_follow_with_read_ahead()
        {
            var prefix = Seed(320);
            using var probe = Probe.On(_emu, OperationId.ListAssets);
            var pages = RecordPages(probe);
            using var ps = new PsSession(_emu);
            var r = ps.Run($"Get-MsAsset -Name {prefix} -IncludeTotalCount -Skip 10 -First 250").AssertNoErrors();
            Assert.Equal(320UL, (ulong)r.Output[0].BaseObject);
            Assert.Equal(250, r.Output.Skip(1).Select(o => o.BaseObject).OfType<MsAsset>().Count());
            Assert.Equal(new[] { (10, 100), (110, 100), (210, 50) }, pages);
        }

        [Fact]
        public void A_consumer_that_stops_inside_page_1_costs_no_extra_request()
        {
            var prefix = Seed(450);
            using var probe = Probe.On(_emu, OperationId.ListAssets);
            using var ps = new PsSession(_emu);
            var r = ps.Run($"Get-MsAsset -Name {prefix} | Select-Object -First 5").AssertNoErrors();
            Assert.Equal(5, r.Output.Count);
            Assert.Equal(1, probe.Entered);
            // A later command still pages: the stop ended only that pipeline.
            Assert.Equal(450, ps.Run($"(Get-MsAsset -Name {prefix}).Count").AssertNoErrors().Single<int>());
        }

        [Fact]
        public void A_consumer_that_stops_inside_a_later_page_cancels_the_page_read_ahead()
        {
            var prefix = Seed(450);
            using var probe = Probe.On(_emu, OperationId.ListAssets);
            RecordPages(probe, HoldFromPage3);
            using var ps = new PsSession(_emu);
            var variables = new Dictionary<string, object>
            {
                ["reached"] = Reached(probe),
            };
            var r = ps.Run($"Get-MsAsset -Name {prefix} | ForEach-Object -Begin {{ $i = 0 }} -Process {{ $i++; if ($i -eq 150) {{ $null = $reached.Invoke(4) }}; $_ }} | Select-Object -First 150",
                variables).AssertNoErrors();
            Assert.Equal(150, r.Output.Count);
            // The held pages were given up when the pipeline stopped (not left to run on): the emulator saw both aborts.
            Assert.True(SpinWait.SpinUntil(() => probe.InFlight == 0 && Volatile.Read(ref probe.Aborted) == 2, Guard), "a page read ahead was left running");
            Assert.Equal(4, probe.Entered);   // pages 3 and 4, asked for together, and nothing past them
        }

        [Fact]
        public void Ctrl_C_while_a_page_read_ahead_is_held_stops_at_once_and_leaves_nothing_running()
        {
            var prefix = Seed(450);
            using var probe = Probe.On(_emu, OperationId.ListAssets);
            RecordPages(probe, HoldFromPage3);
            using var inside = new ManualResetEventSlim();
            using var ps = new PsSession(_emu);
            ps.Runspace.SessionStateProxy.SetVariable("inside", inside);
            using var pwsh = System.Management.Automation.PowerShell.Create();
            pwsh.Runspace = ps.Runspace;
            // The consumer sits inside page 2 (the pipeline thread in its script) while page 3 is held at the emulator.
            pwsh.AddScript($"Get-MsAsset -Name {prefix} | ForEach-Object -Begin {{ $i = 0 }} -Process {{ $i++; if ($i -eq 150) {{ $inside.Set(); Start-Sleep -Seconds 120 }} }}");
            var run = pwsh.BeginInvoke();
            Assert.True(inside.Wait(Guard), "the listing never reached page 2");
            StopOncePagesAreHeld(pwsh, run, probe);
        }

        [Fact]
        public void Ctrl_C_while_the_pager_waits_for_a_page_read_ahead_stops_it()
        {
            var prefix = Seed(450);
            using var probe = Probe.On(_emu, OperationId.ListAssets);
            RecordPages(probe, HoldFromPage3);
            using var ps = new PsSession(_emu);
            using var pwsh = System.Management.Automation.PowerShell.Create();
            pwsh.Runspace = ps.Runspace;
            pwsh.AddScript($"Get-MsAsset -Name {prefix} | Measure-Object");
            var run = pwsh.BeginInvoke();
            StopOncePagesAreHeld(pwsh, run, probe);
        }

        /// <summary>Ctrl+C (PowerShell.Stop) once pages 3 and 4 are held at the emulator: the pipeline stops and the held requests are given up.</summary>
        private static void StopOncePagesAreHeld(System.Management.Automation.PowerShell pwsh, IAsyncResult run, Probe probe)
        {
            Assert.True(Reached(probe)(4), "pages 3 and 4 were not read ahead");
            var stop = pwsh.BeginStop(null, null);
            Assert.True(stop.AsyncWaitHandle.WaitOne(Guard), "Stop() hung");
            pwsh.EndStop(stop);
            Assert.True(run.AsyncWaitHandle.WaitOne(Guard), "the pipeline did not end");
            Assert.Equal(PSInvocationState.Stopped, pwsh.InvocationStateInfo.State);
            Assert.True(SpinWait.SpinUntil(() => probe.InFlight == 0 && Volatile.Read(ref probe.Aborted) == 2, Guard), "a page read ahead was left running");
            Assert.Equal(4, probe.Entered);   // nothing past the held pages
        }

        [Fact]
        public void A_failure_of_a_page_read_ahead_is_written_after_the_items_before_it()
        {
            var prefix = Seed(450);
            using var probe = Probe.On(_emu, OperationId.ListAssets);
            // Pages 3 and 4 are read ahead while page 2 is written; page 3 fails, and page 4 is let end unseen.
            var pages = RecordPages(probe, r => OffsetOf(r) == 200 ? throw EmuError.BadRequest("MSS.00000003", "page three is refused") : Task.CompletedTask);
            using var ps = new PsSession(_emu);
            var r = ps.Run($"Get-MsAsset -Name {prefix} 2>&1 | ForEach-Object {{ if ($_ -is [System.Management.Automation.ErrorRecord]) {{ 'error ' + $_.FullyQualifiedErrorId.Split(',')[0] }} else {{ 'item' }} }}; 'after'");
            Assert.Equal(Enumerable.Repeat("item", 200).Concat(new[] { "error MSS.00000003", "after" }), r.All<string>());
            Assert.Equal(new[] { (0, 100), (100, 100), (200, 100), (300, 100) }, pages.OrderBy(p => p.Offset));   // nothing past the pages asked for with it
        }
    }
}
