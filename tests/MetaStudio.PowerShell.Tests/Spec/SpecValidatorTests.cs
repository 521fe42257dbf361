using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using MetaStudio.PowerShell.Core.Spec;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Spec
{
    /// <summary>The one validator: what it finds, how it names it, and what it mends for the module.</summary>
    public class SpecValidatorTests
    {
        private static SpecOperation Op(string name) => ApiSpec.Bundled.Operation(name);

        private static List<SpecViolation> Body(string op, string json, SpecCheckOptions? options = null)
        {
            var violations = new List<SpecViolation>();
            SpecValidator.CheckBody(Op(op), JsonNode.Parse(json), options ?? SpecCheckOptions.Strict, violations);
            return violations;
        }

        [Fact]
        public void A_body_of_the_official_model_passes()
            => Assert.Empty(Body("CreateVideoScripts",
                "{\"script_name\":\"s\",\"voice_config\":{\"voice_asset_id\":\"v\",\"speed\":100},\"video_config\":{\"codec\":\"QTRLE\",\"bitrate\":4000,\"width\":1920,\"height\":1080}," +
                "\"shoot_scripts\":[{\"sequence_no\":1,\"shoot_script\":{\"script_type\":\"TEXT\",\"text_config\":{\"text\":\"hi\"}}}]}"));

        [Fact]
        public void An_unknown_field_is_named_with_its_path_model_and_the_allowed_names()
        {
            var v = Assert.Single(Body("CreateVideoScripts", "{\"video_config\":{\"bitrate\":1,\"width\":1,\"height\":1,\"codex\":\"H264\"}}"));
            Assert.Equal((SpecViolationKind.UnknownField, "$.video_config.codex", "codex"), (v.Kind, v.Path, v.Field));
            Assert.Contains("VideoConfig has no field 'codex'", v.Message);
            Assert.Contains("codec", v.Allowed);
            Assert.Contains("Allowed: clip_mode, codec, bitrate", v.Message);
        }

        [Fact]
        public void Missing_required_fields_are_found_at_any_depth_and_null_counts_as_missing()
        {
            var violations = Body("CreateSmartLiveRoom", "{\"room_name\":null,\"scene_scripts\":[{\"script_name\":\"s\",\"shoot_scripts\":[{\"text_config\":{}}]}]}");
            Assert.Equal(new[] { "$.scene_scripts[0].shoot_scripts[0].text_config.text", "$.room_name" }, violations.Select(v => v.Path));
            Assert.All(violations, v => Assert.Equal(SpecViolationKind.MissingField, v.Kind));
            Assert.Contains("TextConfig requires 'text'", violations[0].Message);
        }

        [Fact]
        public void A_value_outside_a_listed_enum_is_named_with_the_allowed_values_and_enum_models_are_not_checked()
        {
            var v = Assert.Single(Body("ExecuteSmartLiveCommand", "{\"command\":\"SHOW_LAYER\"}"));
            Assert.Equal((SpecViolationKind.NotInEnum, "$.command"), (v.Kind, v.Path));
            Assert.Contains("RESET_EXIT_CONFIG", v.Allowed);
            Assert.Contains("'SHOW_LAYER' is not a value of 'command'", v.Message);
            // languages[] is an enum_model (VoiceLanguage) the SDK does not list: any value passes.
            Assert.Empty(Body("CreateDigitalAsset", "{\"asset_name\":\"a\",\"asset_type\":\"VOICE_MODEL\",\"asset_extra_meta\":{\"voice_model_meta\":{\"languages\":[\"Klingon\"]}}}"));
        }

        [Fact]
        public void Wrong_json_types_are_violations_and_open_objects_take_anything()
        {
            var violations = Body("CreateVideoScripts", "{\"voice_config\":\"v\",\"shoot_scripts\":{\"sequence_no\":\"one\"}}");
            Assert.Equal(new[] { "$.voice_config", "$.shoot_scripts" }, violations.Select(v => v.Path));
            Assert.All(violations, v => Assert.Equal(SpecViolationKind.WrongType, v.Kind));
            Assert.Contains("must be an object (VoiceConfig), not a string", violations[0].Message);
            Assert.Empty(Body("ExecuteSmartLiveCommand", "{\"command\":\"INSERT_PLAY_SCRIPT\",\"params\":{\"anything\":{\"goes\":[1,2]}}}"));
        }

        [Fact]
        public void Normalizing_mends_what_means_the_same_and_keeps_what_does_not()
        {
            var violations = new List<SpecViolation>();
            var options = new SpecCheckOptions { Normalize = true };
            var mended = SpecValidator.CheckBody(Op("CreateVideoScripts"), JsonNode.Parse(
                "{\"ScriptName\":\"s\",\"VideoConfig\":{\"Codec\":\"h264\",\"bitrate\":\"4000\",\"width\":1920,\"height\":1080,\"frame_rate\":25,\"is_subtitle_enable\":\"true\"}," +
                "\"shoot_scripts\":{\"shoot_script\":{\"text_config\":{\"text\":\"hi\"}}}}"), options, violations);
            Assert.Empty(violations);
            Assert.NotNull(mended);
            Assert.Equal("{\"script_name\":\"s\",\"video_config\":{\"codec\":\"H264\",\"bitrate\":4000,\"width\":1920,\"height\":1080,\"frame_rate\":\"25\",\"is_subtitle_enable\":true}," +
                         "\"shoot_scripts\":[{\"shoot_script\":{\"text_config\":{\"text\":\"hi\"}}}]}", mended.ToJsonString());

            // Not the same thing: text where a number is needed, an unknown name that matches no field.
            SpecValidator.CheckBody(Op("CreateVideoScripts"), JsonNode.Parse("{\"video_config\":{\"bitrate\":\"fast\",\"width\":1,\"height\":1},\"colour\":1}"), options, violations);
            Assert.Equal(new[] { SpecViolationKind.WrongType, SpecViolationKind.UnknownField }, violations.Select(v => v.Kind));
        }

        [Fact]
        public void AllowUnknown_lets_new_names_and_values_through_but_not_missing_or_mistyped_fields()
        {
            var options = new SpecCheckOptions { AllowUnknown = true };
            Assert.Empty(Body("ExecuteSmartLiveCommand", "{\"command\":\"A_NEW_COMMAND\",\"a_new_field\":1}", options));
            Assert.Equal(SpecViolationKind.MissingField, Assert.Single(Body("ExecuteSmartLiveCommand", "{\"a_new_field\":1}", options)).Kind);
        }

        [Fact]
        public void Partial_checks_changes_without_the_top_levels_required_fields()
        {
            var options = new SpecCheckOptions { Partial = true };
            Assert.Empty(Body("UpdateSmartLiveRoom", "{\"room_description\":\"d\"}", options));
            // Nested objects are whole: their required fields still count.
            Assert.Equal("$.scene_scripts[0].shoot_scripts", Assert.Single(Body("UpdateSmartLiveRoom", "{\"scene_scripts\":[{\"script_name\":\"s\"}]}", options)).Path);
        }

        [Fact]
        public void Bodies_are_required_or_refused_as_the_operation_says()
        {
            var violations = new List<SpecViolation>();
            SpecValidator.CheckBody(Op("CreateDigitalAsset"), null, SpecCheckOptions.Strict, violations);
            SpecValidator.CheckBody(Op("CopyVideoScripts"), JsonNode.Parse("{\"x\":1}"), SpecCheckOptions.Strict, violations);
            SpecValidator.CheckBody(Op("CopyVideoScripts"), new JsonObject(), SpecCheckOptions.Strict, violations);
            SpecValidator.CheckBody(Op("CommitVoiceTrainingJob"), null, SpecCheckOptions.Strict, violations);
            Assert.Equal(new[] { SpecViolationKind.MissingBody, SpecViolationKind.UnexpectedBody }, violations.Select(v => v.Kind));
        }

        [Fact]
        public void Query_names_types_enums_and_required_parameters_are_checked()
        {
            var violations = new List<SpecViolation>();
            var query = new List<KeyValuePair<string, string>>
            {
                new("render_engine", "UE"), new("limit", "ten"), new("asset_source", "GROUP_CUSTOMIZATION"), new("action_editable", "yes"), new("asset_id", "a,b"),
            };
            SpecValidator.CheckQuery(Op("ListAssets"), query, SpecCheckOptions.Strict, violations);
            Assert.Equal(new[] { "?render_engine", "?limit", "?asset_source", "?action_editable" }, violations.Select(v => v.Path));
            Assert.Equal(new[] { SpecViolationKind.UnknownQuery, SpecViolationKind.WrongType, SpecViolationKind.NotInEnum, SpecViolationKind.WrongType }, violations.Select(v => v.Kind));
            Assert.Contains("ListAssets has no query parameter 'render_engine'", violations[0].Message);

            violations.Clear();
            SpecValidator.CheckQuery(Op("ConfirmTrainingSegment"), new List<KeyValuePair<string, string>> { new("job_id", "j") }, SpecCheckOptions.Strict, violations);
            Assert.Equal((SpecViolationKind.MissingQuery, "?index"), (Assert.Single(violations).Kind, violations[0].Path));

            violations.Clear();
            var mended = SpecValidator.CheckQuery(Op("ListAssets"), new List<KeyValuePair<string, string>> { new("Asset_Source", "system"), new("action_editable", "True") },
                new SpecCheckOptions { Normalize = true }, violations);
            Assert.Empty(violations);
            Assert.Equal(new[] { "asset_source=SYSTEM", "action_editable=true" }, mended.Select(p => $"{p.Key}={p.Value}"));
        }

        [Fact]
        public void Responses_are_checked_strictly_and_an_empty_answer_is_an_empty_object()
        {
            var violations = new List<SpecViolation>();
            SpecValidator.CheckResponse(Op("Show2DDigitalHumanVideo"), JsonNode.Parse("{\"job_id\":\"j\",\"state\":\"WAITING\",\"output_asset_config\":{\"asset_name\":\"n\"},\"view_mode\":\"x\"}"), violations);
            Assert.Equal(new[] { "$.output_asset_config.asset_id", "$.view_mode" }, violations.Select(v => v.Path).OrderBy(p => p));
            violations.Clear();
            SpecValidator.CheckResponse(Op("DeleteAsset"), null, violations);
            SpecValidator.CheckResponse(Op("Show2dModelTrainingJob"), null, violations);
            Assert.Equal(new[] { "$.job_id", "$.name", "$.state" }, violations.Select(v => v.Path));
        }

        [Fact]
        public void KnownPart_keeps_what_a_model_knows_at_every_level()
        {
            var shown = JsonNode.Parse("{\"room_id\":\"r\",\"room_name\":\"n\",\"create_time\":\"t\",\"scene_scripts\":[{\"script_name\":\"s\",\"model_asset_id\":\"m\",\"thumbnail\":\"x\"," +
                                       "\"shoot_scripts\":[{\"sequence_no\":1,\"text_config\":{\"text\":\"hi\"}}]}],\"model_infos\":[]}");
            var body = SpecValidator.KnownPart(shown, Op("UpdateSmartLiveRoom").Body);
            Assert.NotNull(body);
            Assert.Equal("{\"room_name\":\"n\",\"scene_scripts\":[{\"script_name\":\"s\",\"model_asset_id\":\"m\",\"shoot_scripts\":[{\"sequence_no\":1,\"text_config\":{\"text\":\"hi\"}}]}]}",
                body.ToJsonString());
        }
    }
}
