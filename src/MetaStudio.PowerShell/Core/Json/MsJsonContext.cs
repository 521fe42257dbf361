using System.Text.Json.Serialization;
using MetaStudio.PowerShell.Assets;
using MetaStudio.PowerShell.Files;
using MetaStudio.PowerShell.Imaging;
using MetaStudio.PowerShell.LiveRooms;
using MetaStudio.PowerShell.LiveTasks;
using MetaStudio.PowerShell.Products;
using MetaStudio.PowerShell.Video;
using MetaStudio.PowerShell.Video.Tts;
using MetaStudio.PowerShell.Voice;

namespace MetaStudio.PowerShell.Core.Json
{
    /// <summary>
    /// The answer and page types ([WireModel]) read by source-generated code instead of reflection: no metadata built by
    /// reflection on first use, and property access without reflection per read. The options are MsJson.Options
    /// (MsJson.Generated binds this context to a copy), so names, case, numbers as text, nulls, converters and unmodelled
    /// fields read exactly as before; tests/.../Core/GeneratedJsonTests decodes a sample of every [WireModel] type both
    /// ways and fails on any type missing here. Metadata only: serialization keeps the one reflection path.
    /// </summary>
    [JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata,
        PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        PropertyNameCaseInsensitive = true)]
    [JsonSerializable(typeof(AssetActionCmdlet.BatchResponse))]
    [JsonSerializable(typeof(AssetActionCmdlet.BatchResult))]
    [JsonSerializable(typeof(AssetApi.AssetPage))]
    [JsonSerializable(typeof(GetMsAssetSummaryCommand.SummaryList))]
    [JsonSerializable(typeof(MsAsset))]
    [JsonSerializable(typeof(MsAssetFileInfo))]
    [JsonSerializable(typeof(MsAssetReplicationInfo))]
    [JsonSerializable(typeof(MsAssetSummary))]
    [JsonSerializable(typeof(MsEncryptionInfo))]
    [JsonSerializable(typeof(MsFileUpload))]
    [JsonSerializable(typeof(ModelTrainingJobList))]
    [JsonSerializable(typeof(MsModelTrainingCommandResult))]
    [JsonSerializable(typeof(MsModelTrainingJob))]
    [JsonSerializable(typeof(MsTrainingCommentLog))]
    [JsonSerializable(typeof(MsTrainingOperationLog))]
    [JsonSerializable(typeof(LiveRoomList))]
    [JsonSerializable(typeof(MsHitCondition))]
    [JsonSerializable(typeof(MsHitConditionTag))]
    [JsonSerializable(typeof(MsInteractionRule))]
    [JsonSerializable(typeof(MsInteractionRuleGroup))]
    [JsonSerializable(typeof(MsInteractionTrigger))]
    [JsonSerializable(typeof(MsLiveEventCallbackConfig))]
    [JsonSerializable(typeof(MsLiveModelInfo))]
    [JsonSerializable(typeof(MsLiveRoom))]
    [JsonSerializable(typeof(MsLiveSceneScript))]
    [JsonSerializable(typeof(MsLiveShootScript))]
    [JsonSerializable(typeof(MsPlayPolicy))]
    [JsonSerializable(typeof(RuleGroupList))]
    [JsonSerializable(typeof(LiveEventReportResponse))]
    [JsonSerializable(typeof(LiveTaskList))]
    [JsonSerializable(typeof(MsLiveCommandResult))]
    [JsonSerializable(typeof(MsLiveTask))]
    [JsonSerializable(typeof(MsLiveWarning))]
    [JsonSerializable(typeof(MsRtcRoomInfo))]
    [JsonSerializable(typeof(MsRtcUser))]
    [JsonSerializable(typeof(MsProduct))]
    [JsonSerializable(typeof(MsProductCover))]
    [JsonSerializable(typeof(MsProductMedia))]
    [JsonSerializable(typeof(MsProductText))]
    [JsonSerializable(typeof(ProductList))]
    [JsonSerializable(typeof(MsErrorInfo))]
    [JsonSerializable(typeof(MsOutputAssetInfo))]
    [JsonSerializable(typeof(MsShootScript))]
    [JsonSerializable(typeof(MsShootScriptBody))]
    [JsonSerializable(typeof(MsTextConfig))]
    [JsonSerializable(typeof(MsVideoConfig))]
    [JsonSerializable(typeof(MsVideoScript))]
    [JsonSerializable(typeof(MsVideoTask))]
    [JsonSerializable(typeof(MsVoiceConfig))]
    [JsonSerializable(typeof(MsTtsAudition))]
    [JsonSerializable(typeof(MsTtsFile))]
    [JsonSerializable(typeof(VideoScriptList))]
    [JsonSerializable(typeof(VideoTaskList))]
    [JsonSerializable(typeof(GetMsVoiceTrainingLogCommand.OperationLogList))]
    [JsonSerializable(typeof(MsVoiceAuditError))]
    [JsonSerializable(typeof(MsVoiceLogInfo))]
    [JsonSerializable(typeof(MsVoiceSegmentConfirmation))]
    [JsonSerializable(typeof(MsVoiceSegmentUrls))]
    [JsonSerializable(typeof(MsVoiceSystemAudit))]
    [JsonSerializable(typeof(MsVoiceTrainingJob))]
    [JsonSerializable(typeof(MsVoiceTrainingLog))]
    [JsonSerializable(typeof(MsVoiceTrainingReview))]
    [JsonSerializable(typeof(MsVoiceTrainingSegment))]
    [JsonSerializable(typeof(VoicePackageUrl))]
    [JsonSerializable(typeof(VoiceTrainingJobList))]
    [JsonSerializable(typeof(VoiceUploadAddress))]
    internal sealed partial class MsJsonContext : JsonSerializerContext
    {
    }
}
