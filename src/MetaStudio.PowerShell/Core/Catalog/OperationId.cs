namespace MetaStudio.PowerShell.Core.Catalog
{
    /// <summary>
    /// The operations the module calls, named as the official client names them. Requests, handlers and
    /// the [MsApi] attribute of cmdlets take these, so an operation name is checked by the compiler;
    /// method, path and wire shapes come from the API spec, limits from the catalog.
    /// </summary>
    internal enum OperationId
    {
        // Digital Asset Management
        CreateDigitalAsset,
        ListAssets,
        UpdateDigitalAsset,
        DeleteAsset,
        ShowAsset,
        RestoreAsset,
        BatchExecuteAssetAction,
        ListAssetSummary,
        ShowAssetReplicationInfo,
        CreateAssetByReplicationInfo,

        // File Management
        CreateFile,
        DeleteFile,
        ConfirmFileUpload,
        CreateLargeFile,

        // Video Script Management
        CreateVideoScripts,
        ListVideoScripts,
        ShowVideoScript,
        UpdateVideoScript,
        DeleteVideoScript,
        CopyVideoScripts,

        // Video Production Management
        ListDigitalHumanVideo,

        // Virtual Avatar Video Production Management (2D model and photo-based)
        Create2DDigitalHumanVideo,
        Show2DDigitalHumanVideo,
        Cancel2DDigitalHumanVideo,
        CreatePhotoDigitalHumanVideo,
        ShowPhotoDigitalHumanVideo,
        CancelPhotoDigitalHumanVideo,

        // Intelligent Live Room Management
        CreateSmartLiveRoom,
        ListSmartLiveRooms,
        ShowSmartLiveRoom,
        UpdateSmartLiveRoom,
        DeleteSmartLiveRoom,
        CreateInteractionRuleGroup,
        ListInteractionRuleGroups,
        ShowInteractionRuleGroup,
        UpdateInteractionRuleGroup,
        DeleteInteractionRuleGroup,

        // Livestreaming Task Management
        StartSmartLive,
        ListSmartLive,
        ShowSmartLive,
        StopSmartLive,
        ExecuteSmartLiveCommand,
        ListSmartLiveJobs,
        LiveEventReport,

        // Live Product Management
        CreateProduct,
        ListProducts,
        UpdateProduct,
        ShowProduct,
        DeleteProduct,
        SetProductAsset,

        // Image Modeling Management
        Create2dModelTrainingJob,
        List2dModelTrainingJob,
        Show2dModelTrainingJob,
        Delete2dModelTrainingJob,
        Update2dModelTrainingJob,
        Execute2dModelTrainingCommandByUser,

        // Voice Modeling Task Management
        ShowTenantDurationCfg,
        CreateTrainingBasicJob,
        CreateTrainingMiddleJob,
        CreateTrainingAdvanceJob,
        ListVoiceTrainingJob,
        CommitVoiceTrainingJob,
        ShowVoiceTrainingJob,
        DeleteVoiceTrainingJob,
        ListJobOperationLog,
        ShowJobUploadingAddress,
        ShowJobAuditResult,
        SetJobBatchName,
        ConfirmTrainingSegment,
        ShowTrainingSegmentInfo,

        // TTS Management
        CreateTtsAudition,
        ShowTtsAuditionFile,
    }
}
