#nullable enable
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.Emulator;
using MetaStudio.Emulator.Infrastructure;
using MetaStudio.PowerShell.Assets;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Tests.Assets;
using MetaStudio.PowerShell.Tests.Infrastructure;
using MetaStudio.PowerShell.Video;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Core
{
    /// <summary>
    /// Bulk pipelines (issue 13 item 1): piped ids and rows keep several requests in flight (-ThrottleLimit), output and
    /// errors stay in input order, Ctrl+C cancels everything in flight, confirmations are asked per item before its
    /// request goes. The emulator's handlers are wrapped to count concurrent requests, answer at chosen times and hold
    /// requests; nothing here measures time.
    /// </summary>
    public class BulkPipelineTests : IClassFixture<EmulatorFixture>
    {
        private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);
        private readonly EmulatorHost _emu;

        public BulkPipelineTests(EmulatorFixture f)
        {
            _emu = f.Emulator;
            _emu.Faults.Reset();
        }

        private string[] Seed(string prefix, int count)
            => Enumerable.Range(0, count).Select(i => Seeds.Ready(_emu, $"{prefix}-{i:00}").AssetId).ToArray();

        private static Dictionary<string, object> Ids(IEnumerable<string> ids) => new() { ["ids"] = ids.ToArray() };

        // The tests whose subject is what is in flight and in what order use PsSession.Unpaced: other test classes creating
        // the same kind of object at the same time can leave the shared limiter pacing a low published rate (CreateProduct:
        // 4/s) one call at a time. The limiter's own part is The_session_limiter_still_paces_a_wide_pipeline and
        // In_flight_never_exceeds_the_default_limit_derived_from_the_published_rate.

        [Fact]
        public void Piped_ids_come_out_in_input_order_when_later_ones_answer_first()
        {
            var ids = Seed(Seeds.Unique("order"), 12);
            using var probe = Probe.On(_emu, OperationId.ShowAsset);
            // The first id answers last: a pipeline that wrote in completion order would come out reversed.
            probe.Before = r => Task.Delay(TimeSpan.FromMilliseconds(40 * (12 - Array.IndexOf(ids, r.Path("asset_id")))));
            using var ps = PsSession.Unpaced(_emu);
            var r = ps.Run("$ids | Get-MsAsset -ThrottleLimit 4", Ids(ids)).AssertNoErrors();
            Assert.Equal(ids, r.All<MsAsset>().Select(a => a.AssetId));
            Assert.InRange(probe.Peak, 2, 4);   // several in flight, never more than asked
        }

        [Fact]
        public void Piped_script_copies_are_bulk_creates_in_input_order_each_sent_once()
        {
            using var ps = PsSession.Unpaced(_emu);
            var prefix = Seeds.Unique("copy");
            var sources = ps.Run($"1..6 | ForEach-Object {{ New-MsVideoScript -Name \"{prefix}-$_\" -Text 'Hi' -ModelAssetId model-1 -VoiceAssetId voice-1 }}")
                .AssertNoErrors().All<MsVideoScript>().ToList();
            var ids = sources.Select(s => s.ScriptId!).ToArray();
            using var probe = Probe.On(_emu, OperationId.CopyVideoScripts);
            // The first script's copy answers last: a pipeline that wrote in completion order would come out reversed.
            probe.Before = r => Task.Delay(TimeSpan.FromMilliseconds(40 * (6 - Array.IndexOf(ids, r.Path("script_id")))));
            var copies = ps.Run("$ids | ForEach-Object { [pscustomobject]@{ ScriptId = $_ } } | Copy-MsVideoScript -ThrottleLimit 3 -Confirm:$false", Ids(ids))
                .AssertNoErrors().All<MsVideoScript>().ToList();
            Assert.Equal(sources.Select(s => s.ScriptName + "_copy"), copies.Select(c => c.ScriptName));
            Assert.Empty(copies.Select(c => c.ScriptId).Intersect(ids));
            Assert.InRange(probe.Peak, 2, 3);
            Assert.Equal(6, probe.Entered);   // one create per row: none repeated
        }

        /// <summary>The position in <paramref name="keys"/> of the one key a create's body names (each key is unique in the test).</summary>
        private static int IndexIn(string[] keys, EmuRequest r)
        {
            var body = System.Text.Encoding.UTF8.GetString(r.BodyBytes);
            return Array.FindIndex(keys, k => body.Contains('"' + k + '"', StringComparison.Ordinal));
        }

        [Fact]
        public void Piped_product_rows_are_bulk_creates_in_input_order_each_sent_once()
        {
            var names = Enumerable.Range(1, 6).Select(i => Seeds.Unique("prod") + "-" + i).ToArray();
            using var probe = Probe.On(_emu, OperationId.CreateProduct);
            probe.Before = r => Task.Delay(TimeSpan.FromMilliseconds(40 * (6 - IndexIn(names, r))));
            using var ps = PsSession.Unpaced(_emu);
            var products = ps.Run("$ids | ForEach-Object { [pscustomobject]@{ Name = $_ } } | New-MsProduct -ThrottleLimit 3", Ids(names))
                .AssertNoErrors().All<MetaStudio.PowerShell.Products.MsProduct>().ToList();
            Assert.Equal(names, products.Select(p => p.Name));
            Assert.Equal(6, products.Select(p => p.ProductId).Distinct().Count());
            Assert.InRange(probe.Peak, 2, 3);
            Assert.Equal(6, probe.Entered);
        }

        [Fact]
        public void Piped_scripts_start_video_tasks_as_bulk_creates_in_input_order_each_sent_once()
        {
            using var ps = PsSession.Unpaced(_emu);
            var prefix = Seeds.Unique("start");
            var ids = ps.Run($"1..6 | ForEach-Object {{ New-MsVideoScript -Name \"{prefix}-$_\" -Text 'Hi' -ModelAssetId model-1 -VoiceAssetId voice-1 }}")
                .AssertNoErrors().All<MsVideoScript>().Select(s => s.ScriptId!).ToArray();
            using var probe = Probe.On(_emu, OperationId.Create2DDigitalHumanVideo);
            probe.Before = r => Task.Delay(TimeSpan.FromMilliseconds(40 * (6 - IndexIn(ids, r))));
            var tasks = ps.Run("$ids | ForEach-Object { [pscustomobject]@{ ScriptId = $_ } } | Start-MsVideoTask -ThrottleLimit 3 -Confirm:$false", Ids(ids))
                .AssertNoErrors().All<MsVideoTask>().ToList();
            Assert.Equal(ids, tasks.Select(t => t.ScriptId));
            Assert.Equal(6, tasks.Select(t => t.JobId).Distinct().Count());
            Assert.InRange(probe.Peak, 2, 3);
            Assert.Equal(6, probe.Entered);
        }

        [Fact]
        public void Piped_asset_copies_are_bulk_creates_in_input_order_each_sent_once_and_a_failed_read_creates_nothing()
        {
            var sources = Seed(Seeds.Unique("acopy"), 6).ToList();
            sources.Insert(2, "missingasset0003");   // its replication info cannot be read: its own error, nothing created for it
            using var probe = Probe.On(_emu, OperationId.CreateAssetByReplicationInfo);
            // The first asset's copy answers last: a pipeline that wrote in completion order would come out reversed.
            probe.Before = r => Task.Delay(TimeSpan.FromMilliseconds(40 * (8 - probe.Entered)));
            using var ps = PsSession.Unpaced(_emu);
            var r = ps.Run($"$dst = Connect-MsService -Region cn-east-3 -Endpoint '{_emu.BaseUri}' -AccessKey {EmulatorOptions.DefaultAccessKey} -SecretKey '{EmulatorOptions.DefaultSecretKey}' -RateLimitScale 0; " +
                           "$ids | ForEach-Object { [pscustomobject]@{ AssetId = $_ } } | Copy-MsAsset -SourceSession $MsSession -Session $dst -ThrottleLimit 3 -Confirm:$false 2>&1 | " +
                           "ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { 'error ' + $_.TargetObject } else { $_.SourceAssetId + ' ' + $_.Region } }",
                Ids(sources));
            Assert.Equal(sources.Select(id => id.StartsWith("missing", StringComparison.Ordinal) ? "error " + id : id + " cn-east-3"), r.All<string>());
            Assert.InRange(probe.Peak, 2, 3);
            Assert.Equal(6, probe.Entered);   // one create per readable source, none for the missing one, none repeated
            var names = sources.Where(id => !id.StartsWith("missing", StringComparison.Ordinal)).Select(id => _emu.State.Assets[id].AssetName).ToList();
            var copied = _emu.State.Assets.Values.Where(a => a.ProjectId == EmulatorOptions.ProjectIdFor("cn-east-3") && names.Contains(a.AssetName)).ToList();
            Assert.Equal(6, copied.Count);
        }

        [Fact]
        public void In_flight_never_exceeds_the_default_limit_derived_from_the_published_rate()
        {
            var ids = Seed(Seeds.Unique("dflt"), 30);
            using var probe = Probe.On(_emu, OperationId.ShowAsset);
            probe.Before = _ => Task.Delay(100);
            using var ps = new PsSession(_emu);
            var r = ps.Run("$ids | Get-MsAsset", Ids(ids)).AssertNoErrors();
            Assert.Equal(ids, r.All<MsAsset>().Select(a => a.AssetId));
            var limit = MsBulkCmdlet.DefaultFor(OperationCatalog.Get(OperationId.ShowAsset).RateLimit("cn-north-4"));
            Assert.InRange(probe.Peak, 2, limit);
            Assert.Equal(10, limit);   // 20/s in cn-north-4 × 0.5 s
        }

        [Fact]
        public void A_ThrottleLimit_of_1_sends_one_item_at_a_time()
        {
            var ids = Seed(Seeds.Unique("one"), 6);
            using var probe = Probe.On(_emu, OperationId.ShowAsset);
            probe.Before = _ => Task.Delay(30);
            using var ps = new PsSession(_emu);
            ps.Run("$ids | Get-MsAsset -ThrottleLimit 1", Ids(ids)).AssertNoErrors();
            Assert.Equal(1, probe.Peak);
            Assert.Equal(6, probe.Entered);
        }

        [Fact]
        public void Each_failure_is_written_in_its_items_position_and_the_others_go_on()
        {
            var ids = Seed(Seeds.Unique("err"), 6).ToList();
            ids.Insert(1, "missingasset0001");
            ids.Insert(5, "missingasset0002");
            using var probe = Probe.On(_emu, OperationId.ShowAsset);
            probe.Before = r => Task.Delay(r.Path("asset_id")!.StartsWith("missing", StringComparison.Ordinal) ? 200 : 20);
            using var ps = PsSession.Unpaced(_emu);
            var r = ps.Run("$ids | Get-MsAsset -ThrottleLimit 5 2>&1 | ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { 'error ' + $_.TargetObject } else { $_.AssetId } }", Ids(ids));
            Assert.Equal(ids.Select(id => id.StartsWith("missing", StringComparison.Ordinal) ? "error " + id : id), r.All<string>());
            Assert.True(probe.Peak > 1);
        }

        [Fact]
        public void A_terminating_error_stops_the_items_in_flight()
        {
            var ids = Seed(Seeds.Unique("stop"), 8).ToList();
            ids.Insert(0, "missingasset0003");
            using var probe = Probe.On(_emu, OperationId.ShowAsset);
            using var ps = new PsSession(_emu);
            var r = ps.Run("$ids | Get-MsAsset -ThrottleLimit 3 -ErrorAction Stop", Ids(ids));
            Assert.NotNull(r.Terminating);
            Assert.Empty(r.Output);   // the first item failed: nothing after it is written
        }

        [Fact]
        public void Ctrl_C_cancels_every_request_in_flight()
        {
            var ids = Seed(Seeds.Unique("cancel"), 10);
            using var probe = Probe.On(_emu, OperationId.ShowAsset);
            // The first id goes alone and is answered; every later one is held until the client lets go.
            probe.Before = r => r.Path("asset_id") == ids[0] ? Task.CompletedTask : Task.Delay(Timeout.Infinite, r.Http.RequestAborted);
            using var ps = new PsSession(_emu);
            ps.Runspace.SessionStateProxy.SetVariable("ids", ids);
            using var pwsh = System.Management.Automation.PowerShell.Create();
            pwsh.Runspace = ps.Runspace;
            pwsh.AddScript("$ids | Get-MsAsset -ThrottleLimit 4");
            var async = pwsh.BeginInvoke();
            Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref probe.Entered) == 5, Guard), "four held requests never reached the emulator");
            pwsh.Stop();
            Assert.True(async.AsyncWaitHandle.WaitOne(Guard), "the pipeline did not end");
            Assert.Equal(PSInvocationState.Stopped, pwsh.InvocationStateInfo.State);
            // Every held request sees its connection closed: Ctrl+C cancelled all four, not only the oldest.
            Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref probe.Aborted) == 4, Guard), $"{probe.Aborted} of 4 requests were cancelled");
            Assert.Equal(5, probe.Entered);   // and nothing more was sent
        }

        [Fact]
        public void A_session_failure_on_the_first_item_stops_the_pipeline_with_nothing_else_sent()
        {
            var ids = Seed(Seeds.Unique("first"), 6);
            using var probe = Probe.On(_emu, OperationId.ShowAsset);
            using var ps = new PsSession(_emu);
            // A wrong secret key: the service refuses the signature, a session failure, terminating.
            var r = ps.Run($"$bad = Connect-MsService -Region cn-north-4 -Endpoint '{_emu.BaseUri}' -AccessKey {EmulatorOptions.DefaultAccessKey} -SecretKey 'not-the-key' -ProjectId {EmulatorOptions.ProjectIdFor("cn-north-4")}; " +
                           "$ids | Get-MsAsset -Session $bad -ThrottleLimit 4", Ids(ids));
            var error = Assert.Single(r.AllErrors);
            Assert.Equal("APIGW.0301", error.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal(1, _emu.Log.All.Count(e => e.Operation == "ShowAsset" && ids.Any(id => e.Path.EndsWith(id, StringComparison.Ordinal))));
        }

        [Fact]
        public void WhatIf_sends_nothing_for_piped_rows_and_ids()
        {
            var ids = Seed(Seeds.Unique("whatif"), 5);
            var csv = Path.Combine(Path.GetTempPath(), $"ms-bulk-{Guid.NewGuid():N}.csv");
            File.WriteAllLines(csv, new[] { "Name,Type" }.Concat(Enumerable.Range(1, 5).Select(i => $"whatif-new-{i},IMAGE")));
            try
            {
                using var ps = new PsSession(_emu);
                _emu.Log.Clear();
                ps.Run("$ids | ForEach-Object { [pscustomobject]@{ AssetId = $_ } } | Set-MsAsset -Description changed -WhatIf; $ids | Remove-MsAsset -WhatIf; Import-Csv $csv | New-MsAsset -WhatIf",
                    new Dictionary<string, object> { ["ids"] = ids, ["csv"] = csv }).AssertNoErrors();
                Assert.DoesNotContain(_emu.Log.All, e => e.Method != "GET");
                Assert.DoesNotContain(_emu.Log.All, e => e.Operation is "UpdateDigitalAsset" or "CreateDigitalAsset" or "DeleteAsset" or "BatchExecuteAssetAction");
            }
            finally
            {
                File.Delete(csv);
            }
        }

        [Fact]
        public void Confirm_prompts_for_each_item_before_its_request_and_No_skips_it()
        {
            var ids = Seed(Seeds.Unique("confirm"), 3);
            using var probe = Probe.On(_emu, OperationId.UpdateDigitalAsset);
            using var ps = new PsSession(_emu);
            ps.Host.Answers.Enqueue(0);   // Yes
            ps.Host.Answers.Enqueue(2);   // No
            ps.Host.Answers.Enqueue(0);   // Yes
            var r = ps.Run("$ids | ForEach-Object { [pscustomobject]@{ AssetId = $_ } } | Set-MsAsset -Description confirmed -Confirm -ThrottleLimit 8", Ids(ids)).AssertNoErrors();
            Assert.Equal(3, ps.Host.Prompts.Count);
            Assert.All(ids.Zip(ps.Host.Prompts), p => Assert.Contains(p.First, p.Second));
            Assert.Equal(new[] { ids[0], ids[2] }, r.All<MsAsset>().Select(a => a.AssetId));
            Assert.Equal(2, probe.Entered);
            Assert.Equal(1, probe.Peak);   // with prompts, one at a time
            Assert.Equal("confirmed", _emu.State.Assets[ids[0]].AssetDescription);
            Assert.NotEqual("confirmed", _emu.State.Assets[ids[1]].AssetDescription);
        }

        [Fact]
        public void Rows_from_Import_Csv_are_created_in_parallel_and_output_in_row_order()
        {
            var prefix = Seeds.Unique("csv");
            var names = Enumerable.Range(0, 10).Select(i => $"{prefix}-{i:00}").ToArray();
            var csv = Path.Combine(Path.GetTempPath(), $"ms-bulk-{Guid.NewGuid():N}.csv");
            File.WriteAllLines(csv, new[] { "Name,Type,Description" }.Concat(names.Select((n, i) => $"{n},IMAGE,row {i}")));
            using var probe = Probe.On(_emu, OperationId.CreateDigitalAsset);
            // Later rows answer sooner.
            probe.Before = r =>
            {
                var body = System.Text.Encoding.UTF8.GetString(r.BodyBytes);
                return Task.Delay(TimeSpan.FromMilliseconds(20 * (10 - Array.FindIndex(names, n => body.Contains(n + "\"")))));
            };
            try
            {
                using var ps = PsSession.Unpaced(_emu);
                var r = ps.Run("Import-Csv $csv | New-MsAsset -ThrottleLimit 4", new Dictionary<string, object> { ["csv"] = csv }).AssertNoErrors();
                var created = r.All<MsAsset>().ToList();
                Assert.Equal(names, created.Select(a => a.AssetName));
                Assert.Equal(names.Select((_, i) => $"row {i}"), created.Select(a => _emu.State.Assets[a.AssetId ?? throw new Xunit.Sdk.XunitException("an asset without AssetId")].AssetDescription));
                Assert.InRange(probe.Peak, 2, 4);
            }
            finally
            {
                File.Delete(csv);
            }
        }

        [Fact]
        public void The_session_limiter_still_paces_a_wide_pipeline()
        {
            var ids = Seed(Seeds.Unique("pace"), 60);
            using var ps = new PsSession(_emu);
            _emu.Log.Clear();
            var r = ps.Run("$ids | Get-MsAsset -ThrottleLimit 32", Ids(ids)).AssertNoErrors();
            Assert.Equal(60, r.Output.Count);
            var shows = _emu.Log.All.Where(e => e.Operation == "ShowAsset").OrderBy(e => e.Time).ToList();
            // The emulator enforces the published 20/s with a bucket of one second of calls: nothing was refused...
            Assert.DoesNotContain(shows, e => e.Status == 429);
            Assert.Equal(60, shows.Count);
            // ...and no second of the log holds more than the rate and a bucket's worth (counts only, whatever the machine's speed).
            foreach (var first in shows)
                Assert.True(shows.Count(e => e.Time >= first.Time && e.Time < first.Time.AddSeconds(1)) <= 20 + 20,
                    "more ShowAsset calls in one second than the limit and its burst");
        }
    }
}
