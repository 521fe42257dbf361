using System.Collections.Generic;
using System;
using System.Text.Json;
using System.Text.Json.Serialization;
using MetaStudio.PowerShell.Core.Json;
using MetaStudio.PowerShell.Core.Model;
using MetaStudio.PowerShell.Core.Paging;

namespace MetaStudio.PowerShell.Voice
{
    /// <summary>
    /// A voice training job (TrainingJobInfo). AssetId is the trained VOICE_MODEL asset once the job is
    /// SUCCEED. The *UploadingUrl properties are filled by New-MsVoiceTrainingJob (the create answer) and
    /// feed Send-MsVoiceTrainingData.
    /// </summary>
    [WireModel("ShowVoiceTrainingJobResponse", "TrainingJobInfo", "CreateTrainingBasicJobResponse", "CreateTrainingMiddleJobResponse", "CreateTrainingAdvanceJobResponse")]
    public sealed class MsVoiceTrainingJob : MsObject
    {
        public string? JobId { get; set; }
        /// <summary>BASIC, MIDDLE, ADVANCE, THIRD_PARTY, THIRD_PARTY_LJZN, FLEXUS.</summary>
        public string? JobType { get; set; }
        public string? VoiceName { get; set; }
        /// <summary>An open set: CREATING, SYSTEM_AUDITING, AUDIT_FAILED, PROCESSING, USER_RESULT_REVIEW, SUCCEED, FAILED, ...</summary>
        public string? State { get; set; }
        public string? AssetId { get; set; }
        public string? AppUserId { get; set; }
        public string? Sex { get; set; }
        public string? Language { get; set; }
        public int? RejectTimes { get; set; }
        public string? JobFailedCode { get; set; }
        public string? JobFailedReason { get; set; }
        // Epoch milliseconds on the wire.
        [JsonConverter(typeof(LenientTimeConverter))]
        public DateTime? CreateTime { get; set; }
        [JsonPropertyName("lastupdate_time")]
        [JsonConverter(typeof(LenientTimeConverter))]
        public DateTime? LastUpdateTime { get; set; }
        public string? VoiceAuthorizationUrl { get; set; }
        /// <summary>PACKAGE (one zip) or SEGMENT (one upload per sentence).</summary>
        public string? CreateType { get; set; }
        public string? Tag { get; set; }
        public string? Phone { get; set; }

        // Upload URLs (create answer only); each accepts one PUT.
        public string? TrainingDataUploadingUrl { get; set; }
        public MsVoiceSegmentUrls? SegmentUploadingUrl { get; set; }
        public string? AuthorizationLetterUploadingUrl { get; set; }

        internal MsVoiceTrainingJob WithUploadUrls(MsVoiceTrainingJob urls)
        {
            if (urls == null) return this;
            TrainingDataUploadingUrl = urls.TrainingDataUploadingUrl;
            SegmentUploadingUrl = urls.SegmentUploadingUrl;
            AuthorizationLetterUploadingUrl = urls.AuthorizationLetterUploadingUrl;
            return this;
        }

        public override string ToString() => $"{JobId} {State}";
    }

    /// <summary>Per-sentence upload URLs: audio (audio/wav) and text (text/plain), matched by index.</summary>
    [WireModel("CreateTrainingJobRspSegmentUploadingUrl", "ShowJobUploadingAddressRspSegmentUrl")]
    public sealed class MsVoiceSegmentUrls : MsObject
    {
        public string[]? AudioUploadingUrl { get; set; }
        public string[]? TxtUploadingUrl { get; set; }

        public override string ToString() => $"{AudioUploadingUrl?.Length ?? 0} segment(s)";
    }

    /// <summary>Fresh upload URLs of a job (ShowJobUploadingAddress), in the shape Send-MsVoiceTrainingData binds.</summary>
    public sealed class MsVoiceTrainingUploadUrl
    {
        [JsonIgnore]
        public string? JobId { get; set; }
        public string? TrainingDataUploadingUrl { get; set; }
        public MsVoiceSegmentUrls? SegmentUploadingUrl { get; set; }
        public string? AuthorizationLetterUploadingUrl { get; set; }

        public override string? ToString() => JobId;
    }

    /// <summary>The audio duration (seconds) the tenant's voice training accepts for one edition.</summary>
    public sealed class MsVoiceTrainingQuota
    {
        public string? TenantId { get; set; }
        /// <summary>Basic, Advanced, Premium, Flexus, Cmww, Ljzn or ShortAssess.</summary>
        public string? Edition { get; set; }
        public int? MinSeconds { get; set; }
        public int? MaxSeconds { get; set; }
        public int? AdviceSeconds { get; set; }

        public override string ToString() => $"{Edition} {MinSeconds}-{MaxSeconds} s";
    }

    /// <summary>One entry of a job's operation log (OperationLogItem): when, what, who, and why it failed.</summary>
    [WireModel("OperationLogItem")]
    public sealed class MsVoiceTrainingLog : MsObject
    {
        [JsonIgnore]
        public string? JobId { get; set; }
        /// <summary>When it happened, local time (epoch milliseconds on the wire).</summary>
        [JsonConverter(typeof(LenientTimeConverter))]
        public DateTime? Time { get; set; }
        /// <summary>What happened, e.g. USER_COMMIT_JOB or SYSTEM_AUDIT_FAILED.</summary>
        public string? Action { get; set; }
        /// <summary>Who did it: USER, ADMIN or SYSTEM.</summary>
        public string? Operator { get; set; }
        /// <summary>Review ids and the reasons of a failed review (OpExternalInfo).</summary>
        public MsVoiceLogInfo? ExternalInfo { get; set; }

        public override string ToString() => $"{Time:u} {Action}";
    }

    /// <summary>What a log entry adds (OpExternalInfo): review ids and why the algorithm or an administrator refused the job.</summary>
    [WireModel("OpExternalInfo")]
    public sealed class MsVoiceLogInfo : MsObject
    {
        public string[]? ReviewIdList { get; set; }
        public string? AlgorithmFailureReason { get; set; }
        public string? AdminAuditFailureReason { get; set; }

        public override string ToString() => AlgorithmFailureReason ?? AdminAuditFailureReason ?? string.Join(", ", ReviewIdList ?? Array.Empty<string>());
    }

    /// <summary>A job's review result (ShowJobAuditResult).</summary>
    [WireModel("ShowJobAuditResultResponse")]
    public sealed class MsVoiceTrainingReview : MsObject
    {
        [JsonIgnore]
        public string? JobId { get; set; }
        [JsonIgnore]
        public DateTime? AuditTime => SystemAuditResult?.AuditTime;
        /// <summary>What the automatic review found wrong, per sentence.</summary>
        [JsonIgnore]
        public MsVoiceAuditError[] Errors => SystemAuditResult?.Errors ?? Array.Empty<MsVoiceAuditError>();
        public MsVoiceSystemAudit? SystemAuditResult { get; set; }

        [JsonPropertyName("admin_audit_result")]
        [JsonInclude]
        internal JsonElement? AdminAuditJson { get; set; }

        /// <summary>The manual review's result, as PowerShell objects.</summary>
        [JsonIgnore]
        public object? AdminAuditResult => AdminAuditJson.HasValue && AdminAuditJson.Value.ValueKind != JsonValueKind.Null ? MsJson.ToPowerShell(AdminAuditJson.Value) : null;

        public override string ToString() => $"{JobId}: {Errors.Length} error(s)";
    }

    [WireModel("AuditResultSystemAuditResult")]
    public sealed class MsVoiceSystemAudit : MsObject
    {
        [JsonConverter(typeof(LenientTimeConverter))]
        public DateTime? AuditTime { get; set; }
        public MsVoiceAuditError[]? Errors { get; set; }
    }

    [WireModel("AuditResultSystemAuditResultErrors")]
    public sealed class MsVoiceAuditError : MsObject
    {
        public string? AudioName { get; set; }
        public string? TextName { get; set; }
        public string? ErrorCode { get; set; }
        public string? ErrorMessage { get; set; }

        public override string ToString() => $"{AudioName}: {ErrorCode} {ErrorMessage}";
    }

    /// <summary>The answer to ConfirmTrainingSegment for one sentence.</summary>
    [WireModel("ConfirmTrainingSegmentResponse")]
    public sealed class MsVoiceSegmentConfirmation : MsObject
    {
        [JsonIgnore]
        public string? JobId { get; set; }
        [JsonIgnore]
        public int Index { get; set; }
        public bool? ConfirmResult { get; set; }
        /// <summary>Text positions the recorded audio did not match.</summary>
        public int[]? UnmatchedIndexHit { get; set; }

        public override string ToString() => $"{JobId}[{Index}] {ConfirmResult}";
    }

    /// <summary>The sentences of a job whose online recording was confirmed (ShowTrainingSegmentInfo).</summary>
    [WireModel("ShowTrainingSegmentInfoResponse")]
    public sealed class MsVoiceTrainingSegment : MsObject
    {
        [JsonIgnore]
        public string? JobId { get; set; }
        public int[]? ConfirmedIndex { get; set; }

        public override string ToString() => $"{JobId}: {ConfirmedIndex?.Length ?? 0} confirmed";
    }

    /// <summary>Jobs that were put into a batch by one SetJobBatchName request.</summary>
    public sealed class MsVoiceTrainingBatch
    {
        public string? BatchName { get; set; }
        public string[]? JobId { get; set; }

        public override string ToString() => $"{BatchName}: {JobId?.Length ?? 0} job(s)";
    }

    [WireModel("ListVoiceTrainingJobResponse")]
    internal sealed class VoiceTrainingJobList : IListPage<MsVoiceTrainingJob>
    {
        public int? Count { get; set; }
        public MsVoiceTrainingJob[]? Jobs { get; set; }
        IList<MsVoiceTrainingJob>? IListPage<MsVoiceTrainingJob>.Items => Jobs;
    }

    [WireModel("ShowJobUploadingAddressResponse")]
    internal sealed class VoiceUploadAddress
    {
        public MsVoiceSegmentUrls? SegmentUrl { get; set; }
        public VoicePackageUrl? PackageUrl { get; set; }
        public string? AuthorizationLetterUploadingUrl { get; set; }
    }

    [WireModel("ShowJobUploadingAddressRspPackageUrl")]
    internal sealed class VoicePackageUrl
    {
        public string? TrainingDataUploadingUrl { get; set; }
    }
}
