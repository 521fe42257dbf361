using System;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using MetaStudio.Emulator;
using MetaStudio.Emulator.Infrastructure;
using MetaStudio.PowerShell.Assets;
using MetaStudio.PowerShell.Tests.Assets;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Faults
{
    /// <summary>
    /// Issue 11, item 2: every kind of answer that is not what the operation returns becomes an ErrorRecord with its own
    /// error id, the request id and a short excerpt; never a raw exception that ends the pipeline, never silence, never an
    /// object whose every field is null.
    /// </summary>
    public class MalformedAnswerTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorHost _emu;
        public MalformedAnswerTests(EmulatorFixture f) => _emu = f.Emulator;

        private static PsResult RunMalformed(PsSession ps, string operation, MalformedAnswer kind, string script)
            => ps.RunWith(operation, f => { f.Malformed = kind; f.MalformNext = 1; }, script);

        private static string Id(ErrorRecord e) => Faulted.ErrorId(e);

        [Theory]
        [InlineData(MalformedAnswer.NotJson, "not JSON", "502 Bad Gateway")]
        [InlineData(MalformedAnswer.Truncated, "cut short", "asset_id")]
        [InlineData(MalformedAnswer.Empty, "empty answer", "(empty)")]
        [InlineData(MalformedAnswer.EmptyObject, "none of the fields", "{}")]
        public void A_read_whose_answer_is_malformed_is_an_UnexpectedResponse_and_the_pipeline_goes_on(MalformedAnswer kind, string what, string excerpt)
        {
            var first = Seeds.Ready(_emu, Seeds.Unique("bad-read"));
            var second = Seeds.Ready(_emu, Seeds.Unique("good-read"));
            using var ps = new PsSession(_emu);
            var r = RunMalformed(ps, "ShowAsset", kind,
                $"'{first.AssetId}', '{second.AssetId}' | Get-MsAsset -ErrorAction SilentlyContinue; 'after'; $Error[0]");
            Assert.Null(r.Terminating);
            var assets = r.Output.Select(o => o.BaseObject).OfType<MsAsset>().ToList();
            Assert.Equal(second.AssetId, Assert.Single(assets).AssetId);
            Assert.Contains(r.Output, o => "after".Equals(o.BaseObject));
            var error = r.Output.Select(o => o.BaseObject).OfType<ErrorRecord>().Single();
            Assert.Equal("MetaStudio.UnexpectedResponse", Id(error));
            Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category);
            Assert.Equal(first.AssetId, error.TargetObject);
            var message = error.ErrorDetails?.Message ?? error.Exception.Message;
            Assert.Contains(what, message);
            Assert.Contains(excerpt, message);
            Assert.Matches(new Regex("request id [0-9a-f]{32}"), message);
        }

        [Fact]
        public void A_list_answered_with_nothing_is_an_error_not_an_empty_list()
        {
            Seeds.Ready(_emu, Seeds.Unique("listed"));
            using var ps = new PsSession(_emu);
            var r = RunMalformed(ps, "ListAssets", MalformedAnswer.Empty, "Get-MsAsset -First 1; 'after'");
            Assert.Equal("after", Assert.Single(r.Output).BaseObject);
            Assert.Equal("MetaStudio.UnexpectedResponse", Id(Assert.Single(r.Errors)));
        }

        [Fact]
        public void A_200_carrying_error_code_is_the_services_error_and_creates_nothing()
        {
            using var ps = new PsSession(_emu);
            var name = Seeds.Unique("err200");
            var r = RunMalformed(ps, "CreateDigitalAsset", MalformedAnswer.ErrorCode, $"New-MsAsset -Name {name} -Type IMAGE; 'after'");
            Assert.Equal("after", Assert.Single(r.Output).BaseObject);
            var error = Assert.Single(r.Errors);
            Assert.Equal("MSS.00000003", Id(error));
            Assert.Contains("Injected error in a 200 answer", error.ToString());
            Assert.DoesNotContain(_emu.State.Assets.Values, a => a.AssetName == name);

            var asset = Seeds.Ready(_emu, Seeds.Unique("err200-read"));
            r = RunMalformed(ps, "ShowAsset", MalformedAnswer.ErrorCode, $"Get-MsAsset -AssetId {asset.AssetId}");
            Assert.Empty(r.Output);
            Assert.Equal("MSS.00000003", Id(Assert.Single(r.Errors)));
        }

        [Fact]
        public void A_create_answered_without_its_id_is_found_by_its_unique_name()
        {
            using var ps = new PsSession(_emu);
            var name = Seeds.Unique("noid");
            var r = RunMalformed(ps, "CreateDigitalAsset", MalformedAnswer.MissingId, $"New-MsAsset -Name {name} -Type IMAGE");
            var created = _emu.State.Assets.Values.Where(a => a.AssetName == name).ToList();
            var asset = Assert.Single(created);
            Assert.Equal(asset.AssetId, r.AssertNoErrors().Single<MsAsset>().AssetId);
            Assert.Contains(r.Warnings, w => w.Contains(name, StringComparison.Ordinal) && w.Contains("was created", StringComparison.Ordinal));
        }

        [Fact]
        public void A_create_without_a_natural_key_answered_unreadably_says_it_was_probably_created_and_is_not_repeated()
        {
            using var ps = new PsSession(_emu);
            var name = Seeds.Unique("script-notjson");
            var before = _emu.Log.Count("CreateVideoScripts");
            var r = RunMalformed(ps, "CreateVideoScripts", MalformedAnswer.NotJson, $"New-MsVideoScript -Name {name} -Text 'hi'; 'after'");
            Assert.Equal("after", Assert.Single(r.Output).BaseObject);
            var error = Assert.Single(r.Errors);
            Assert.Equal("MetaStudio.UnexpectedResponse", Id(error));
            Assert.Contains("probably", error.ErrorDetails.RecommendedAction);
            Assert.Equal(before + 1, _emu.Log.Count("CreateVideoScripts"));
            Assert.Single(_emu.State.VideoScripts.Values, s => (string?)s.Fields["script_name"] == name);
        }

        [Fact]
        public void An_answer_over_the_size_cap_is_refused_and_the_cap_is_the_sessions()
        {
            var asset = Seeds.Ready(_emu, Seeds.Unique("huge"));
            using (var ps = new PsSession(_emu))
            {
                var r = RunMalformed(ps, "ShowAsset", MalformedAnswer.Huge, $"Get-MsAsset -AssetId {asset.AssetId}; 'after'");
                Assert.Equal("after", Assert.Single(r.Output).BaseObject);
                var error = Assert.Single(r.Errors);
                Assert.Equal("MetaStudio.ResponseTooLarge", Id(error));
                Assert.Contains("-MaxResponseBytes", error.ErrorDetails.RecommendedAction);
            }
            using (var big = new PsSession(_emu, connectArguments: "-MaxResponseBytes 16777216"))
            {
                var r = RunMalformed(big, "ShowAsset", MalformedAnswer.Huge, $"Get-MsAsset -AssetId {asset.AssetId}");
                Assert.Equal(asset.AssetId, r.AssertNoErrors().Single<MsAsset>().AssetId);
            }
        }

        [Fact]
        public void A_stalled_answer_ends_as_a_timeout_error()
        {
            var asset = Seeds.Ready(_emu, Seeds.Unique("stall"));
            using var ps = new PsSession(_emu, connectArguments: "-TimeoutSec 1 -MaxRetries 0");
            var r = ps.RunWith("ShowAsset", f => { f.StallNext = 1; f.StallTime = TimeSpan.FromSeconds(60); }, $"Get-MsAsset -AssetId {asset.AssetId}; 'after'");
            Assert.Equal("after", Assert.Single(r.Output).BaseObject);
            Assert.Equal("MetaStudio.Timeout", Id(Assert.Single(r.Errors)));
        }
    }
}
