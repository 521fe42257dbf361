using System;
using System.Linq;
using System.Management.Automation;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Assets;
using MetaStudio.PowerShell.Core.Model;
using MetaStudio.PowerShell.Tests.Assets;
using MetaStudio.PowerShell.Tests.Infrastructure;
using MetaStudio.PowerShell.Video;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Faults
{
    /// <summary>
    /// Issue 11, items 3 and 4: creates whose answer is lost are looked up by their natural key and either output (with a
    /// warning) or sent once more; without one they are MetaStudio.OutcomeUnknown, never repeated. A delete repeated after
    /// a lost answer that finds nothing counts as deleted; a failed asset batch is split per asset.
    /// </summary>
    public class OutcomeTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorHost _emu;
        public OutcomeTests(EmulatorFixture f) => _emu = f.Emulator;

        private static PsResult WithFault(PsSession ps, string? operation, Action<MetaStudio.Emulator.Infrastructure.FaultOptions> fault, string script)
            => ps.RunWith(operation, fault, script);

        private static string Id(ErrorRecord e) => Faulted.ErrorId(e);

        [Theory]
        [InlineData("after-500")]
        [InlineData("after-drop")]
        public void An_asset_created_though_its_answer_was_lost_is_found_and_output_with_a_warning(string fault)
        {
            using var ps = new PsSession(_emu);
            var name = Seeds.Unique("lost-" + fault);
            var before = _emu.Log.Count("CreateDigitalAsset");
            var r = WithFault(ps, "CreateDigitalAsset", f => { if (fault == "after-500") f.FailAfterNext = 1; else f.DropNext = 1; },
                $"New-MsAsset -Name {name} -Type IMAGE");
            var asset = Assert.Single(_emu.State.Assets.Values, a => a.AssetName == name);
            Assert.Equal(asset.AssetId, r.AssertNoErrors().Single<MsAsset>().AssetId);
            Assert.Contains(r.Warnings, w => w.Contains(name, StringComparison.Ordinal) && w.Contains("was created", StringComparison.Ordinal));
            Assert.Equal(before + 1, _emu.Log.Count("CreateDigitalAsset"));
        }

        [Theory]
        [InlineData("before-500")]
        [InlineData("before-drop")]
        public void An_asset_not_created_because_the_call_failed_first_is_created_once_more(string fault)
        {
            using var ps = new PsSession(_emu, connectArguments: "-Verbose:$false");
            var name = Seeds.Unique("retry-" + fault);
            var before = _emu.Log.Count("CreateDigitalAsset");
            var r = WithFault(ps, "CreateDigitalAsset", f => { if (fault == "before-500") f.FailNext = 1; else f.DropBeforeNext = 1; },
                $"New-MsAsset -Name {name} -Type IMAGE -Verbose");
            var asset = Assert.Single(_emu.State.Assets.Values, a => a.AssetName == name);
            Assert.Equal(asset.AssetId, r.AssertNoErrors().Single<MsAsset>().AssetId);
            Assert.Empty(r.Warnings);
            Assert.Contains(r.Verbose, v => v.Contains("creating it once more", StringComparison.Ordinal));
            Assert.Equal(before + 2, _emu.Log.Count("CreateDigitalAsset"));
        }

        [Fact]
        public void A_create_without_a_natural_key_whose_answer_was_lost_is_OutcomeUnknown_and_not_repeated()
        {
            using var ps = new PsSession(_emu);
            var name = Seeds.Unique("script-lost");
            var before = _emu.Log.Count("CreateVideoScripts");
            var r = WithFault(ps, "CreateVideoScripts", f => f.FailAfterNext = 1, $"New-MsVideoScript -Name {name} -Text 'hi'; 'after'");
            Assert.Equal("after", Assert.Single(r.Output).BaseObject);
            var error = Assert.Single(r.Errors);
            Assert.Equal("MetaStudio.OutcomeUnknown", Id(error));
            Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
            var attempt = Assert.IsType<MsCreateAttempt>(error.TargetObject);
            Assert.Equal(("CreateVideoScripts", name, "MSS.00000001"), (attempt.Operation, attempt.Name, attempt.Cause));
            Assert.NotNull(attempt.RequestId);
            Assert.Contains("Get-MsVideoScript", error.ErrorDetails.RecommendedAction);
            Assert.Contains("may or may not", error.ToString());
            Assert.Equal(before + 1, _emu.Log.Count("CreateVideoScripts"));
            Assert.Single(_emu.State.VideoScripts.Values, s => (string?)s.Fields["script_name"] == name);
        }

        [Fact]
        public void A_create_refused_by_the_service_is_a_plain_error_and_not_looked_up()
        {
            using var ps = new PsSession(_emu);
            var name = Seeds.Unique("taken");
            Seeds.Ready(_emu, name);
            var lists = _emu.Log.Count("ListAssets");
            var r = ps.Run($"New-MsAsset -Name {name} -Type IMAGE");
            Assert.Equal("MSS.10001005", Id(Assert.Single(r.Errors)));
            Assert.Equal(lists, _emu.Log.Count("ListAssets"));
        }

        [Theory]
        [InlineData("New-MsVideoScript -Name {0} -Text 'hi'")]
        [InlineData("Copy-MsVideoScript -ScriptId {1} -Force")]
        public void A_script_create_whose_read_back_fails_still_outputs_its_id(string command, string? unusedPlaceholder = null)
        {
            _ = unusedPlaceholder;
            using var ps = new PsSession(_emu, connectArguments: "-MaxRetries 0");
            var source = ps.Run($"New-MsVideoScript -Name {Seeds.Unique("source")} -Text 'hi'").AssertNoErrors().Single<MsVideoScript>();
            var name = Seeds.Unique("readback");
            var r = ps.RunFailingOnce("ShowVideoScript", string.Format(System.Globalization.CultureInfo.InvariantCulture, command, name, source.ScriptId).Replace(" -Force", " -Confirm:$false"));
            var script = Assert.Single(r.Output.Select(o => o.BaseObject).OfType<MsVideoScript>());
            Assert.NotNull(script.ScriptId);
            Assert.True(_emu.State.VideoScripts.ContainsKey(script.ScriptId));
            Assert.NotEqual(source.ScriptId, script.ScriptId);
            Assert.Contains(r.Warnings, w => w.Contains(script.ScriptId, StringComparison.Ordinal));
            Assert.Single(r.Errors);
        }

        [Theory]
        [InlineData("after-500")]
        [InlineData("after-drop")]
        public void A_delete_repeated_after_a_lost_answer_that_finds_nothing_counts_as_deleted(string fault)
        {
            using var ps = new PsSession(_emu);
            var asset = Seeds.Ready(_emu, Seeds.Unique("del-" + fault));
            var r = WithFault(ps, "DeleteAsset", f => { if (fault == "after-500") f.FailAfterNext = 1; else f.DropNext = 1; },
                $"Remove-MsAsset -AssetId {asset.AssetId} -Permanent -Force -PassThru -Verbose");
            r.AssertNoErrors();
            Assert.Equal(asset.AssetId, r.Single<MsAssetActionResult>().AssetId);
            Assert.Equal("DELETED", asset.AssetState);
            Assert.Contains(r.Verbose, v => v.Contains("counts as deleted", StringComparison.Ordinal));
        }

        [Fact]
        public void A_delete_of_an_id_that_never_existed_is_still_an_error()
        {
            using var ps = new PsSession(_emu);
            var r = ps.Run("Remove-MsAsset -AssetId nosuchasset0042 -Permanent -Force");
            Assert.Equal("MSS.10001001", Id(Assert.Single(r.Errors)));
        }

        [Theory]
        [InlineData("before-500")]
        [InlineData("after-500")]
        [InlineData("after-drop")]
        public void A_batch_whose_call_failed_is_split_per_asset_and_each_id_has_its_own_outcome(string fault)
        {
            using var ps = new PsSession(_emu);
            var assets = Enumerable.Range(0, 30).Select(i => Seeds.Ready(_emu, Seeds.Unique("batch-" + fault))).ToList();
            var ids = string.Join(",", assets.Select(a => "'" + a.AssetId + "'"));
            var r = WithFault(ps, "BatchExecuteAssetAction",
                f => { if (fault == "before-500") f.FailNext = 1; else if (fault == "after-500") f.FailAfterNext = 1; else f.DropNext = 1; },
                $"{ids} | Remove-MsAsset -Permanent -Force -PassThru -Verbose");
            r.AssertNoErrors();
            Assert.Equal(assets.Select(a => a.AssetId).OrderBy(x => x), r.All<MsAssetActionResult>().Select(x => x.AssetId).OrderBy(x => x));
            Assert.All(assets, a => Assert.Equal("DELETED", a.AssetState));
            Assert.Contains(r.Verbose, v => v.Contains("sending each asset on its own", StringComparison.Ordinal));
        }

        [Fact]
        public void A_split_batch_names_each_failing_id()
        {
            using var ps = new PsSession(_emu, connectArguments: "-MaxRetries 0");
            var assets = Enumerable.Range(0, 30).Select(i => Seeds.Ready(_emu, Seeds.Unique("split"))).ToList();
            var ids = string.Join(",", assets.Select(a => "'" + a.AssetId + "'"));
            // The batch fails, and so does every single delete after it (no retries): one error per asset, each naming it.
            var r = WithFault(ps, null, f => f.FailNext = 1 + assets.Count, $"{ids} | Remove-MsAsset -Force; 'after'");
            Assert.Equal("after", Assert.Single(r.Output).BaseObject);
            Assert.Equal(assets.Select(a => a.AssetId).OrderBy(x => x), r.Errors.Select(e => (string)e.TargetObject).OrderBy(x => x));
            Assert.All(r.Errors, e => Assert.Contains((string)e.TargetObject, e.ToString()));
        }
    }
}
