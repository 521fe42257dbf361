using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Http;

namespace MetaStudio.PowerShell.Voice
{
    /// <summary>
    /// SetJobBatchName. Job ids are collected from the whole pipeline and sent together, one call per
    /// chunk of <see cref="ChunkSize"/>, because the API takes a list and its rate limit is low. Outputs one
    /// MsVoiceTrainingBatch per request sent (the API answers nothing), whose JobId pipes on to Get-MsVoiceTrainingJob.
    /// </summary>
    [MsApi(OperationId.SetJobBatchName)]
    [Cmdlet(VerbsCommon.Set, "MsVoiceTrainingBatch", SupportsShouldProcess = true)]
    [OutputType(typeof(MsVoiceTrainingBatch))]
    public sealed class SetMsVoiceTrainingBatchCommand : MsCmdlet
    {
        internal const int ChunkSize = 100;
        private readonly List<string> _ids = new List<string>();

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public required string[] JobId { get; set; }

        [Parameter(Mandatory = true)]
        [ValidateLength(1, 256)]
        public required string BatchName { get; set; }

        protected override void ProcessRecord() => _ids.AddRange(JobId);

        protected override void EndProcessing()
        {
            var ids = _ids.Distinct(StringComparer.Ordinal).ToList();
            for (var i = 0; i < ids.Count; i += ChunkSize)
            {
                var chunk = ids.Skip(i).Take(ChunkSize).ToList();
                if (!ShouldProcessMany(chunk, $"Set batch name '{BatchName}'")) continue;
                var sent = TrySend(new MsRequest(OperationId.SetJobBatchName) { Target = BatchName }
                    .WithBody(new Dictionary<string, object> { ["batch_name"] = BatchName, ["job_ids"] = chunk }));
                if (sent != null) WriteObject(new MsVoiceTrainingBatch { BatchName = BatchName, JobId = chunk.ToArray() });
            }
        }
    }
}
