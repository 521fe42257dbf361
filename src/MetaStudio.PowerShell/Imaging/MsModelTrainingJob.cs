using System.Collections.Generic;
using System;
using System.Text.Json;
using System.Text.Json.Serialization;
using MetaStudio.PowerShell.Core.Json;
using MetaStudio.PowerShell.Core.Model;
using MetaStudio.PowerShell.Core.Paging;

namespace MetaStudio.PowerShell.Imaging
{
    /// <summary>
    /// An avatar (2D) model training job. AssetId is the trained HUMAN_MODEL_2D asset once the job
    /// succeeds. The *UploadUrl properties are filled only by New-/Set-MsModelTrainingJob (the service
    /// hands them out once, on create and update) and feed Send-MsModelTrainingFile.
    /// </summary>
    [WireModel("Show2dModelTrainingJobResponse", "TrainingJobBasicInfo", "Create2dModelTrainingJobResponse", "Update2dModelTrainingJobResponse")]
    public sealed class MsModelTrainingJob : MsObject
    {
        public string? JobId { get; set; }
        public string? Name { get; set; }
        /// <summary>An open set: WAIT_FILE_UPLOAD, AUTO_VERIFYING, TRAINING, JOB_SUCCESS, TRAIN_FAILED, ...</summary>
        public string? State { get; set; }
        public string? AssetId { get; set; }
        public string? ProjectId { get; set; }
        public string? CoverDownloadUrl { get; set; }
        [JsonConverter(typeof(LenientTimeConverter))]
        public DateTime? CreateTime { get; set; }
        [JsonConverter(typeof(LenientTimeConverter))]
        public DateTime? LastUpdateTime { get; set; }
        public string? Contact { get; set; }
        public string? BatchName { get; set; }
        public string[]? Tags { get; set; }
        public string? ModelVersion { get; set; }
        /// <summary>AI or MANUAL.</summary>
        public string? MattingType { get; set; }
        /// <summary>1080P or 4K.</summary>
        public string? ModelResolution { get; set; }
        public string? AppUserId { get; set; }
        public bool? IsFlexus { get; set; }

        // Detail fields (Show2dModelTrainingJob only); download URLs are valid for 24 hours.
        public string? TrainingVideoDownloadUrl { get; set; }
        [JsonPropertyName("id_card_image1_download_url")]
        public string? IdCardImage1DownloadUrl { get; set; }
        [JsonPropertyName("id_card_image2_download_url")]
        public string? IdCardImage2DownloadUrl { get; set; }
        public string? GrantFileDownloadUrl { get; set; }
        public string? ActionVideoDownloadUrl { get; set; }
        public string? AudioFileDownloadUrl { get; set; }
        public string? MaskFileDownloadUrl { get; set; }
        public string? VerifyVideoDownloadUrl { get; set; }
        public string? MarkableVideoDownloadUrl { get; set; }
        public bool? IsMaskFileUploaded { get; set; }
        public bool? IsBackgroundReplacement { get; set; }
        public string[]? WorkerType { get; set; }
        public string? VoiceTrainJobId { get; set; }
        public int? FlexusRetryCount { get; set; }
        public string? AudioSourceType { get; set; }
        public string[]? SupportedService { get; set; }
        public MsTrainingOperationLog[]? OperationLogs { get; set; }
        public MsTrainingCommentLog[]? CommentLogs { get; set; }

        [JsonPropertyName("samples")]
        [JsonInclude]
        internal JsonElement? SamplesJson { get; set; }

        /// <summary>Action samples (ActionSampleInfo), as PowerShell objects.</summary>
        [JsonIgnore]
        public object? Samples => SamplesJson.HasValue ? MsJson.ToPowerShell(SamplesJson.Value) : null;

        // Upload URLs (Create/Update responses only); each accepts one PUT.
        public string[]? TrainingVideoUploadUrl { get; set; }
        public string[]? ActionVideoUploadUrl { get; set; }
        public string? AudioUploadUrl { get; set; }
        public string? CoverUploadUrl { get; set; }
        [JsonPropertyName("id_card_image1_upload_url")]
        public string? IdCardImage1UploadUrl { get; set; }
        [JsonPropertyName("id_card_image2_upload_url")]
        public string? IdCardImage2UploadUrl { get; set; }
        public string? GrantFileUploadUrl { get; set; }

        /// <summary>Copies the upload URLs of a Create/Update answer onto this (read-back) job.</summary>
        internal MsModelTrainingJob WithUploadUrls(MsModelTrainingJob urls)
        {
            if (urls == null) return this;
            TrainingVideoUploadUrl = urls.TrainingVideoUploadUrl;
            ActionVideoUploadUrl = urls.ActionVideoUploadUrl;
            AudioUploadUrl = urls.AudioUploadUrl;
            CoverUploadUrl = urls.CoverUploadUrl;
            IdCardImage1UploadUrl = urls.IdCardImage1UploadUrl;
            IdCardImage2UploadUrl = urls.IdCardImage2UploadUrl;
            GrantFileUploadUrl = urls.GrantFileUploadUrl;
            return this;
        }

        public override string ToString() => $"{JobId} {State}";
    }

    /// <summary>One step of a job's history (OperationLogInfo).</summary>
    [WireModel("OperationLogInfo")]
    public sealed class MsTrainingOperationLog : MsObject
    {
        [JsonConverter(typeof(LenientTimeConverter))]
        public DateTime? OperateTime { get; set; }
        /// <summary>USER_CREATE_JOD (sic), USER_VERIFYING_SUBMITTED, SYSTEM_VERIFY_FAILED, SYSTEM_TRAIN_SUCCESS, ...</summary>
        public string? LogType { get; set; }
        /// <summary>Review comments and error details.</summary>
        public string? LogDescription { get; set; }
        /// <summary>USER, ADMIN or SYSTEM.</summary>
        public string? OperateUser { get; set; }

        public override string ToString() => $"{OperateTime:u} {LogType}";
    }

    /// <summary>A comment on a job (CommentLogInfo).</summary>
    [WireModel("CommentLogInfo")]
    public sealed class MsTrainingCommentLog : MsObject
    {
        [JsonConverter(typeof(LenientTimeConverter))]
        public DateTime? OperateTime { get; set; }
        /// <summary>USER_REJECT, USER_COMMENT or ADMIN_COMMENT.</summary>
        public string? CommentType { get; set; }
        public string? CommentTitle { get; set; }
        public string? CommentMessage { get; set; }
        public string[]? AttachmentDownloadUrl { get; set; }

        public override string ToString() => $"{CommentType}: {CommentTitle}";
    }

    /// <summary>The answer to a training-job command (Execute2dModelTrainingCommandByUser).</summary>
    [WireModel("Execute2dModelTrainingCommandByUserResponse")]
    public sealed class MsModelTrainingCommandResult : MsObject
    {
        /// <summary>The job the command ran on (not part of the service's answer).</summary>
        [JsonIgnore]
        public string? JobId { get; set; }
        /// <summary>The command that was run (not part of the service's answer).</summary>
        [JsonIgnore]
        public string? Command { get; set; }
        /// <summary>The service's raw result, EXCUTE_SUCCESS or EXCUTE_FAILED (both spelled so by the API).</summary>
        [JsonPropertyName("commond_result")]
        public string? CommandResult { get; set; }
        /// <summary>True when CommandResult is EXCUTE_SUCCESS.</summary>
        [JsonIgnore]
        public bool Succeeded => CommandResult == "EXCUTE_SUCCESS";
        /// <summary>Why the command failed (excute_failed_msg).</summary>
        [JsonPropertyName("excute_failed_msg")]
        public string? FailedMessage { get; set; }
        /// <summary>URLs to PUT comment attachments to.</summary>
        public string[]? AttachmentUploadUrl { get; set; }

        [JsonPropertyName("multipart_data")]
        [JsonInclude]
        internal JsonElement? MultipartDataJson { get; set; }

        /// <summary>Multipart upload information (MultipartUploadInfo), as PowerShell objects.</summary>
        [JsonIgnore]
        public object? MultipartData => MultipartDataJson.HasValue ? MsJson.ToPowerShell(MultipartDataJson.Value) : null;

        public override string ToString() => $"{JobId} {Command} {CommandResult}";
    }

    [WireModel("List2dModelTrainingJobResponse")]
    internal sealed class ModelTrainingJobList : IListPage<MsModelTrainingJob>
    {
        public int? Count { get; set; }
        public MsModelTrainingJob[]? Jobs { get; set; }
        IList<MsModelTrainingJob>? IListPage<MsModelTrainingJob>.Items => Jobs;
    }
}
