using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.Json.Nodes;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Any
{
    public class InvokeMsRequestTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorHost _emu;
        public InvokeMsRequestTests(EmulatorFixture f) => _emu = f.Emulator;

        private static string Code(ErrorRecord e) => e.FullyQualifiedErrorId.Split(',')[0];

        [Fact]
        public void An_operation_by_name_is_sent_with_the_specs_method_and_path_and_answers_objects()
        {
            using var ps = new PsSession(_emu);
            var asset = ps.Run("New-MsAsset -Name 'imr-list' -Type IMAGE").AssertNoErrors().Single<MetaStudio.PowerShell.Assets.MsAsset>();
            var r = ps.Run("Invoke-MsRequest -Operation ListAssets -Query @{ name = 'imr-list'; asset_type = 'IMAGE'; limit = 5 } -Verbose").AssertNoErrors();
            var page = r.Output.Single();
            Assert.Equal(1L, page.Properties["count"].Value);
            Assert.Equal(asset.AssetId, ((PSObject)((object[])page.Properties["assets"].Value)[0]).Properties["asset_id"].Value);
            Assert.Contains(r.Verbose, v => v.StartsWith("ListAssets: GET /v1/{project_id}/digital-assets; 20 requests per second in cn-north-4.", StringComparison.Ordinal));
            var call = _emu.Log.All.Last(e => e.Operation == "ListAssets");
            Assert.Contains("name=imr-list", call.Query);
            Assert.EndsWith("(Invoke-MsRequest)", call.Headers["User-Agent"]);

            // Any case of the name; path values from -PathParameter, or from a concrete path of a known operation.
            var shown = ps.Run($"Invoke-MsRequest showasset -PathParameter @{{ asset_id = '{asset.AssetId}' }}").AssertNoErrors().Output.Single();
            Assert.Equal("imr-list", shown.Properties["asset_name"].Value);
            var byPath = ps.Run($"Invoke-MsRequest -Method GET -Path '/v1/{{project_id}}/digital-assets/{asset.AssetId}'").AssertNoErrors().Output.Single();
            Assert.Equal(asset.AssetId, byPath.Properties["asset_id"].Value);
            Assert.Equal("ShowAsset", _emu.Log.All.Last().Operation);
        }

        [Fact]
        public void Bodies_are_checked_mended_and_sent_or_refused_before_sending()
        {
            using var ps = new PsSession(_emu);
            var before = _emu.Log.All.Count;
            var refused = ps.Run("Invoke-MsRequest -Operation CreateDigitalAsset -Body @{ asset_name = 'imr-bad'; asset_type = 'IMAGE'; colour = 'red' }");
            var error = Assert.Single(refused.AllErrors);
            Assert.Equal(("MetaStudio.SpecViolation", ErrorCategory.InvalidArgument), (Code(error), error.CategoryInfo.Category));
            Assert.Contains("$.colour: CreateDigitalAssetRequestBody has no field 'colour'", error.Exception.Message);
            Assert.Equal(before, _emu.Log.All.Count);

            // PowerShell-style names and case are the same fields; JSON text works too.
            var made = ps.Run("Invoke-MsRequest -Operation CreateDigitalAsset -Body @{ AssetName = 'imr-good'; AssetType = 'image' }").AssertNoErrors().Output.Single();
            Assert.NotNull(made.Properties["asset_id"].Value);
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse("{\"asset_name\":\"imr-good\",\"asset_type\":\"IMAGE\"}"), JsonNode.Parse(Assert.IsType<string>(_emu.Log.All.Last().Body))));
            ps.Run("'{\"asset_name\":\"imr-json\",\"asset_type\":\"VIDEO\"}' | Invoke-MsRequest -Operation CreateDigitalAsset").AssertNoErrors();
            Assert.Contains(_emu.State.Assets.Values, a => a.AssetName == "imr-json" && a.AssetType == "VIDEO");

            // -SkipValidation sends it as given: here the strict emulator is the one that refuses it.
            var sent = ps.Run("Invoke-MsRequest -Operation CreateDigitalAsset -Body '{\"asset_name\":\"imr-raw\",\"asset_type\":\"IMAGE\",\"colour\":\"red\"}' -SkipValidation");
            Assert.Equal("MSS.10000003", Code(Assert.Single(sent.AllErrors)));
            Assert.Contains("colour", _emu.Log.All.Last().Body);

            Assert.Contains("not JSON", Assert.Single(ps.Run("Invoke-MsRequest -Operation CreateDigitalAsset -Body '{oops'").AllErrors).Exception.Message);
            Assert.Contains("takes no -Body", Assert.Single(ps.Run("Invoke-MsRequest -Operation ListAssets -Body @{ a = 1 }").AllErrors).Exception.Message);
        }

        [Fact]
        public void Operations_outside_the_catalog_are_signed_and_limited_by_their_group_or_one_per_second()
        {
            using var ps = new PsSession(_emu);
            // The emulator serves only the catalog's operations: a 404 from it (not a 401) shows the request went out, signed.
            var cards = ps.Run("Invoke-MsRequest -Operation ListDigitalHumanBusinessCard -Query @{ limit = 10 } -Verbose");
            Assert.Equal("APIGW.0101", Code(Assert.Single(cards.AllErrors)));
            Assert.Contains(cards.Verbose, v => v.Contains("ListDigitalHumanBusinessCard: GET /v1/{project_id}/digital-human-business-cards; 1 requests per second in cn-north-4 (no group of the throttling table; 1 per second); not checked against the API spec."));
            Assert.Equal("/v1/" + EmulatorOptions.ProjectIdFor("cn-north-4") + "/digital-human-business-cards", _emu.Log.All.Last().Path);

            var rule = ps.Run("Invoke-MsRequest -Operation CreateInteractionRule -PathParameter @{ group_id = 'g1' } -Body @{ rule_name = 'r' } -Verbose");
            Assert.Contains(rule.Verbose, v => v.Contains("4 requests per second in cn-north-4 (the lowest published limit of Intelligent Live Room Management)"));
            Assert.Equal("APIGW.0101", Code(Assert.Single(rule.AllErrors)));

            Assert.Contains("no operation 'NoSuchThing'", Assert.Single(ps.Run("Invoke-MsRequest -Operation NoSuchThing").AllErrors).Exception.Message);
            Assert.Contains("needs -PathParameter @{ job_id = '...' }", Assert.Single(ps.Run("Invoke-MsRequest -Operation ShowPhotoDigitalHumanVideo").AllErrors).Exception.Message);
            Assert.Contains("must be a path template", Assert.Single(ps.Run("Invoke-MsRequest -Method GET -Path '/v1/{project_id}/../x'").AllErrors).Exception.Message);
        }

        [Fact]
        public void WhatIf_stops_everything_but_a_GET_and_path_values_cannot_leave_their_segment()
        {
            using var ps = new PsSession(_emu);
            var before = _emu.Log.All.Count;
            var r = ps.Run("Invoke-MsRequest -Operation CreateDigitalAsset -Body @{ asset_name = 'imr-whatif'; asset_type = 'IMAGE' } -WhatIf; " +
                           "Invoke-MsRequest -Method DELETE -Path '/v1/{project_id}/digital-assets/{asset_id}' -PathParameter @{ asset_id = 'x' } -WhatIf").AssertNoErrors();
            Assert.Equal(2, r.HostText.Split("What if:").Length - 1);
            Assert.Contains("POST /v1/{project_id}/digital-assets", r.HostText);
            Assert.Contains("DELETE /v1/{project_id}/digital-assets/x", r.HostText);     // the path as it would be sent
            Assert.Equal(before, _emu.Log.All.Count);
            ps.Run("Invoke-MsRequest -Operation ListAssets -WhatIf").AssertNoErrors();
            Assert.Equal("ListAssets", _emu.Log.All.Last().Operation);

            var escaped = ps.Run("Invoke-MsRequest -Operation ShowAsset -PathParameter @{ asset_id = 'a/../b' }");
            Assert.Equal("MSS.10001001", Code(Assert.Single(escaped.AllErrors)));   // one segment: an asset id that does not exist
            Assert.Equal("ShowAsset", _emu.Log.All.Last().Operation);
        }
    }

    /// <summary>Connect-MsService -AllowUnknownFields: names the bundled spec does not know are sent (to a newer service) instead of refused.</summary>
    public class AllowUnknownFieldsTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorHost _emu;
        public AllowUnknownFieldsTests(EmulatorFixture f) => _emu = f.Emulator;

        [Fact]
        public void Unknown_names_are_refused_by_default_and_sent_with_the_session_option()
        {
            const string script = "New-MsAsset -Name 'auf' -Type IMAGE -ExtraMeta @{ hologram_meta = @{ depth = 3 } }";
            using (var strict = new PsSession(_emu))
            {
                var before = _emu.Log.All.Count;
                var error = Assert.Single(strict.Run(script).AllErrors);
                Assert.Equal("MetaStudio.SpecViolation", error.FullyQualifiedErrorId.Split(',')[0]);
                Assert.Contains("$.asset_extra_meta.hologram_meta: AssetExtraMeta has no field 'hologram_meta'", error.Exception.Message);
                Assert.Contains("-AllowUnknownFields", error.Exception.Message);
                Assert.Equal(before, _emu.Log.All.Count);
            }
            using var open = new PsSession(_emu, connectArguments: "-AllowUnknownFields");
            Assert.True(open.Run("$MsSession.AllowUnknownFields").Single<bool>());
            // Sent: the emulator, strict on purpose, is what refuses it now.
            var sent = Assert.Single(open.Run(script).AllErrors);
            Assert.Equal("MSS.10000003", sent.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Contains("hologram_meta", _emu.Log.All.Last(e => e.Operation == "CreateDigitalAsset").Body);
            // Required fields are still required.
            Assert.Equal("MetaStudio.SpecViolation", Assert.Single(open.Run("Invoke-MsRequest -Operation CreateDigitalAsset -Body @{ asset_name = 'x' }").AllErrors).FullyQualifiedErrorId.Split(',')[0]);
        }
    }
}
