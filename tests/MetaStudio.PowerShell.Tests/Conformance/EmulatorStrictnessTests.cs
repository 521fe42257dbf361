using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.Emulator;
using MetaStudio.Emulator.Infrastructure;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Tests.Core;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Conformance
{
    /// <summary>
    /// The emulator refuses what the official models refuse, in every API group: an unknown body field, a value
    /// outside a listed enum, a missing required field and an unknown query name are answered 400 MSS.10000003 with a
    /// message naming the field, before any handler runs. (The module would refuse these first: they are sent unchecked.)
    /// </summary>
    public class EmulatorStrictnessTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorHost _emu;
        public EmulatorStrictnessTests(EmulatorFixture f) => _emu = f.Emulator;

        private const string Id = "0123456789abcdef0123456789abcdef";

        // The operation is boxed: a public test method cannot take the module's internal OperationId.
        public static TheoryData<string, object, string?, string?, string> Cases => new()
        {
            // group, operation, body (JSON) or null, query (name=value) or null, what the message names
            { "Asset", OperationId.CreateDigitalAsset, "{\"asset_name\":\"a\",\"asset_type\":\"IMAGE\",\"render_engine\":\"UE\"}", null, "$.render_engine: CreateDigitalAssetRequestBody has no field 'render_engine'" },
            { "Asset", OperationId.CreateDigitalAsset, "{\"asset_name\":\"a\",\"asset_type\":\"HOLOGRAM\"}", null, "$.asset_type: 'HOLOGRAM' is not a value of 'asset_type'" },
            { "Asset", OperationId.CreateDigitalAsset, "{\"asset_name\":\"a\"}", null, "$.asset_type: CreateDigitalAssetRequestBody requires 'asset_type'" },
            { "Asset", OperationId.ListAssets, null, "render_engine=UE", "?render_engine: ListAssets has no query parameter 'render_engine'" },
            { "File", OperationId.CreateFile, "{\"file_name\":\"a.png\",\"file_md5\":\"x\",\"file_size\":1,\"file_type\":\"png\",\"asset_id\":\"a\",\"asset_file_category\":\"MAIN\",\"auto_meta_analysis\":true}", null, "$.auto_meta_analysis: FilesCreateReq has no field" },
            { "File", OperationId.ConfirmFileUpload, "{\"state\":\"DONE\"}", null, "$.state: 'DONE' is not a value of 'state'" },
            { "File", OperationId.ConfirmFileUpload, "{}", null, "$.state: ConfirmFileUploadRequestBody requires 'state'" },
            { "File", OperationId.DeleteFile, null, "force=true", "?force: DeleteFile has no query parameter 'force'" },
            { "Script", OperationId.CreateVideoScripts, "{\"script_name\":\"s\",\"script_type\":\"TEXT\"}", null, "$.script_type: CreateVideoScriptsReq has no field 'script_type'" },
            { "Script", OperationId.CreateVideoScripts, "{\"model_asset_type\":\"HUMAN_MODEL_3D\"}", null, "$.model_asset_type: 'HUMAN_MODEL_3D' is not a value" },
            { "Script", OperationId.CreateVideoScripts, "{\"voice_config\":{\"speed\":100}}", null, "$.voice_config.voice_asset_id: VoiceConfig requires 'voice_asset_id'" },
            { "Script", OperationId.ListVideoScripts, null, "script_type=TEXT", "?script_type: ListVideoScripts has no query parameter" },
            { "VideoList", OperationId.ListDigitalHumanVideo, null, "model_asset_id=m", "?model_asset_id: ListDigitalHumanVideo has no query parameter" },
            { "VideoList", OperationId.ListDigitalHumanVideo, null, "limit=ten", "?limit: 'ten' is not a number" },
            { "Video2D", OperationId.Create2DDigitalHumanVideo, "{\"output_asset_config\":{\"asset_name\":\"v\"},\"view_mode\":\"LANDSCAPE\"}", null, "$.view_mode: Create2DDigitalHumanVideoReq has no field 'view_mode'" },
            { "Video2D", OperationId.Create2DDigitalHumanVideo, "{\"output_asset_config\":{\"asset_name\":\"v\"},\"video_config\":{\"codec\":\"AV1\",\"bitrate\":1,\"width\":1,\"height\":1}}", null, "$.video_config.codec: 'AV1' is not a value of 'codec'" },
            { "Video2D", OperationId.Create2DDigitalHumanVideo, "{\"output_asset_config\":{}}", null, "$.output_asset_config.asset_name: OutputAssetConfig requires 'asset_name'" },
            { "Video2D", OperationId.Show2DDigitalHumanVideo, null, "job_type=X", "?job_type: Show2DDigitalHumanVideo has no query parameter" },
            { "Video2D", OperationId.CreatePhotoDigitalHumanVideo, "{\"human_image\":\"x\",\"shoot_scripts\":[],\"output_asset_config\":{\"asset_name\":\"v\"},\"model_asset_id\":\"m\"}", null, "$.model_asset_id: CreatePhotoDigitalHumanVideoReq has no field" },
            { "Video2D", OperationId.CreatePhotoDigitalHumanVideo, "{\"human_image\":\"x\",\"shoot_scripts\":[],\"output_asset_config\":{\"asset_name\":\"v\"},\"video_config\":{\"codec\":\"VP8\"}}", null, "$.video_config.codec: 'VP8' is not a value of 'codec'. Allowed: H264." },
            { "Video2D", OperationId.CreatePhotoDigitalHumanVideo, "{\"shoot_scripts\":[],\"output_asset_config\":{\"asset_name\":\"v\"}}", null, "$.human_image: CreatePhotoDigitalHumanVideoReq requires 'human_image'" },
            { "Room", OperationId.CreateSmartLiveRoom, "{\"room_name\":\"r\",\"model_infos\":[]}", null, "$.model_infos: CreateSmartLiveRoomReq has no field 'model_infos'" },
            { "Room", OperationId.CreateSmartLiveRoom, "{\"room_name\":\"r\",\"room_type\":\"PARTY\"}", null, "$.room_type: 'PARTY' is not a value of 'room_type'" },
            { "Room", OperationId.CreateSmartLiveRoom, "{\"room_description\":\"d\"}", null, "$.room_name: CreateSmartLiveRoomReq requires 'room_name'" },
            { "Room", OperationId.ListInteractionRuleGroups, null, "room_id=r", "?room_id: ListInteractionRuleGroups has no query parameter" },
            { "Live", OperationId.StartSmartLive, "{\"limit_duration\":2}", null, "$.limit_duration: StartSmartLiveReq has no field 'limit_duration'" },
            { "Live", OperationId.ExecuteSmartLiveCommand, "{\"command\":\"SHOW_LAYER\"}", null, "$.command: 'SHOW_LAYER' is not a value of 'command'" },
            { "Live", OperationId.LiveEventReport, "{\"events\":[]}", null, "$.total: ReportLiveEventReq requires 'total'" },
            { "Live", OperationId.ListSmartLiveJobs, null, "room_id=r", "?room_id: ListSmartLiveJobs has no query parameter" },
            { "Product", OperationId.CreateProduct, "{\"name\":\"p\",\"state\":\"ACTIVED\"}", null, "$.state: CreateProductRequestBody has no field 'state'" },
            { "Product", OperationId.SetProductAsset, "{\"action\":\"MOVE\"}", null, "$.action: 'MOVE' is not a value of 'action'" },
            { "Product", OperationId.CreateProduct, "{\"description\":\"d\"}", null, "$.name: CreateProductRequestBody requires 'name'" },
            { "Product", OperationId.ListProducts, null, "asset_id=a", "?asset_id: ListProducts has no query parameter" },
            { "Image", OperationId.Update2dModelTrainingJob, "{\"model_version\":\"V3\"}", null, "$.model_version: Update2dModelTrainingJobReq has no field 'model_version'" },
            { "Image", OperationId.Create2dModelTrainingJob, "{\"name\":\"n\",\"model_version\":\"V4\"}", null, "$.model_version: 'V4' is not a value of 'model_version'" },
            { "Image", OperationId.Create2dModelTrainingJob, "{\"name\":\"n\",\"voice_properties\":{\"sex\":\"MALE\",\"language\":\"CN\"}}", null, "$.voice_properties.job_tag: VoiceProperties requires 'job_tag'" },
            { "Image", OperationId.List2dModelTrainingJob, null, "model_version=V3", "?model_version: List2dModelTrainingJob has no query parameter" },
            { "Voice", OperationId.CreateTrainingBasicJob, "{\"voice_name\":\"v\",\"app_user_id\":\"u\"}", null, "$.app_user_id: CreateTrainingJobReq has no field 'app_user_id'" },
            { "Voice", OperationId.CreateTrainingBasicJob, "{\"voice_name\":\"v\",\"sex\":\"OTHER\"}", null, "$.sex: 'OTHER' is not a value of 'sex'" },
            { "Voice", OperationId.CreateTrainingBasicJob, "{\"tag\":\"NEWS\"}", null, "$.voice_name: CreateTrainingJobReq requires 'voice_name'" },
            { "Voice", OperationId.ConfirmTrainingSegment, null, "job_id=j", "?index: ConfirmTrainingSegment requires the query parameter 'index'" },
            { "Voice", OperationId.ListVoiceTrainingJob, null, "description=d", "?description: ListVoiceTrainingJob has no query parameter" },
            { "TTS", OperationId.CreateTtsAudition, "{\"text\":\"t\",\"emotion\":\"v\",\"voice_asset_id\":\"v\"}", null, "$.voice_asset_id: CreateTtsAuditionRequestBody has no field" },
            { "TTS", OperationId.CreateTtsAudition, "{\"text\":\"t\"}", null, "$.emotion: CreateTtsAuditionRequestBody requires 'emotion'" },
            { "TTS", OperationId.ShowTtsAuditionFile, null, "format=wav", "?format: ShowTtsAuditionFile has no query parameter" },
        };

        [Theory]
        [MemberData(nameof(Cases))]
        public async Task What_the_official_model_refuses_is_answered_400_naming_the_field(string group, object operation, string? body, string? query, string named)
        {
            Assert.NotNull(group);
            var op = OperationCatalog.Get((OperationId)operation);
            var request = new MsRequest(op) { SkipValidation = true };
            Assert.NotNull(op.Spec);
            Assert.NotNull(op.Spec.PathParameters);
            foreach (var p in op.Spec.PathParameters) request.WithPath(p, Id);
            if (query != null)
            {
                var (name, value) = (query.Split('=')[0], query.Split('=')[1]);
                request.WithQuery(name, value);
            }
            if (body != null) request.WithBody(JsonNode.Parse(body));
            var before = _emu.Log.Count(op.Name);
            var (response, error, _) = await Direct.SendAsync(Direct.Session(_emu), request);
            Assert.Null(response);
            Assert.NotNull(error);
            Assert.Equal((400, ErrorCodes.InvalidParameter), (error.StatusCode, error.ErrorCode));
            Assert.Contains(named, error.Message);
            Assert.Equal(before + 1, _emu.Log.Count(op.Name));
        }

        [Fact]
        public void Every_API_group_is_covered_for_every_kind_of_refusal_its_models_allow()
        {
            var groups = Cases.Select(c => (string)c[0]).Distinct().ToList();
            Assert.Equal(11, groups.Count);
            Assert.Equal(OperationCatalog.All.Select(o => o.Category).Distinct().Count(), groups.Count);
        }
    }

    /// <summary>The emulator's self-checks in strict mode: a wrong answer, or a request its cmdlet does not declare, fails loudly and is recorded.</summary>
    public class EmulatorSelfCheckTests
    {
        [Fact]
        public async Task An_answer_the_official_model_lacks_a_field_of_is_a_loud_failure_and_recorded()
        {
            await using var emu = await EmulatorHost.StartAsync(new EmulatorOptions());
            var processBefore = ConformanceLog.Process.All.Count;
            // A handler that answers a field ShowAsset's model does not have, and one that leaves out a required one.
            emu.Handlers.Add(OperationId.ShowAsset, r => EmuResponse.Ok(new { asset_id = "a", view_mode = "x" }));
            emu.Handlers.Add(OperationId.Show2DDigitalHumanVideo, r => EmuResponse.Ok(new { job_id = "j", state = "WAITING", output_asset_config = new { asset_name = "n" } }));
            var session = Direct.Session(emu, s => s.MaxRetries = 0);
            var (_, extra, _) = await Direct.SendAsync(session, new MsRequest(OperationId.ShowAsset).WithPath("asset_id", "a"));
            var (_, missing, _) = await Direct.SendAsync(session, new MsRequest(OperationId.Show2DDigitalHumanVideo).WithPath("job_id", "j"));
            Assert.NotNull(extra);
            Assert.NotNull(missing);
            Assert.Equal((500, ConformanceLog.ResponseCode), (extra.StatusCode, extra.ErrorCode));
            Assert.Contains("$.view_mode: ShowAssetResponse has no field 'view_mode'", extra.Message);
            Assert.Contains("$.output_asset_config.asset_id: OutputAssetInfo requires 'asset_id'", missing.Message);
            Assert.Equal(new[] { "ShowAsset", "Show2DDigitalHumanVideo" }, emu.Conformance.All.Select(v => v.Operation));
            Assert.True(ConformanceLog.Process.All.Count >= processBefore + 2);
        }

        [Fact]
        public async Task A_cmdlet_sending_an_operation_its_MsApi_does_not_name_is_a_loud_failure_and_recorded()
        {
            await using var emu = await EmulatorHost.StartAsync(new EmulatorOptions());
            var session = Direct.Session(emu, s => s.MaxRetries = 0);
            var asGet = new CallContext(CancellationToken.None, null, "Get-MsAsset");
            var error = await Assert.ThrowsAsync<MsServiceException>(() => session.Client.SendAsync(
                new MsRequest(OperationId.CreateDigitalAsset).WithBody(new { asset_name = "n", asset_type = "IMAGE" }), asGet));
            Assert.Equal((500, ConformanceLog.UndeclaredCode), (error.StatusCode, error.ErrorCode));
            Assert.Contains("Get-MsAsset sent CreateDigitalAsset", error.Message);
            Assert.Empty(emu.State.Assets);
            // A declared one passes; a request that names no cmdlet is not judged.
            await session.Client.SendAsync(new MsRequest(OperationId.ListAssets), asGet);
            await session.Client.SendAsync(new MsRequest(OperationId.CreateDigitalAsset).WithBody(new { asset_name = "n", asset_type = "IMAGE" }), CallContext.None());
            Assert.Equal("UndeclaredOperation", Assert.Single(emu.Conformance.All).Kind);
        }

        /// <summary>
        /// The suite as a conformance walk: strict emulators record every wrong answer and undeclared call of the
        /// process. Whatever ran before this test (the self-check tests above make theirs on purpose) must have none.
        /// </summary>
        [Fact]
        public void No_emulator_of_this_run_recorded_a_violation_it_was_not_made_to()
        {
            var unexpected = ConformanceLog.Process.All.Where(v => !v.Detail.Contains("view_mode", StringComparison.Ordinal)
                && !(v.Operation == "Show2DDigitalHumanVideo" && v.Detail.Contains("OutputAssetInfo requires 'asset_id'", StringComparison.Ordinal))
                && !(v.Kind == "UndeclaredOperation" && v.Command == "Get-MsAsset" && v.Operation == "CreateDigitalAsset")).ToList();
            Assert.True(unexpected.Count == 0, "Conformance violations: " + string.Join("; ", unexpected));
        }
    }
}
