using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Model;

namespace MetaStudio.PowerShell.Assets
{
    /// <summary>
    /// Base of the cmdlets that apply one action to many assets (remove, restore, enable, disable).
    /// Ids from the pipeline are confirmed one by one, collected, and sent in EndProcessing: as
    /// BatchExecuteAssetAction calls when that finishes sooner than one call per id, else one by one.
    /// </summary>
    public abstract class AssetActionCmdlet : MsBulkCmdlet
    {
        private protected AssetActionCmdlet() { } // derived only by this module's own classes
        /// <summary>Ids per BatchExecuteAssetAction call. The service documents no maximum; 50 keeps each call small.</summary>
        internal const int BatchSize = 50;

        private readonly List<string> _ids = new List<string>();

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ValidateMsId]
        public required string[] AssetId { get; set; }

        /// <summary>Writes one MsAssetActionResult per asset that succeeded.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>The batch-action name (DELETE, RESTORE, ...).</summary>
        private protected abstract string BatchAction { get; }

        /// <summary>The per-id operation, or null when the action exists only as a batch.</summary>
        private protected abstract OperationId? SingleOperation { get; }

        /// <summary>Words for the confirmation prompt.</summary>
        private protected abstract string ActionText { get; }

        private protected virtual MsRequest SingleRequest(string id) => new MsRequest(SingleOperation ?? throw new System.InvalidOperationException($"{GetType().Name} has no single-asset operation; it sends batches.")) { Target = id }.WithPath("asset_id", id);

        private protected virtual bool Confirm(string id) => ShouldChange(AssetApi.Assets, id, ActionText);

        protected override void ProcessRecord()
        {
            foreach (var id in AssetId)
                if (!_ids.Contains(id, StringComparer.Ordinal) && Confirm(id)) _ids.Add(id);
        }

        protected override void EndProcessing()
        {
            if (_ids.Count == 0) return;
            var session = CurrentSession;
            if (UseBatch(_ids.Count, SingleOperation, session.Region, session.RateLimitScale))
            {
                WriteVerbose($"{ActionText}: {_ids.Count} assets in {(_ids.Count + BatchSize - 1) / BatchSize} BatchExecuteAssetAction call(s).");
                for (var i = 0; i < _ids.Count; i += BatchSize) SendBatch(_ids.Skip(i).Take(BatchSize).ToList());
            }
            else
            {
                foreach (var id in _ids) SendOne(id, afterUncertainBatch: false);
            }
            base.EndProcessing();   // writes the items still in flight
        }

        /// <summary>
        /// True when batching is faster: n single calls take n/rate seconds at the single operation's
        /// limit, batches take one second each (the batch API allows one call per second).
        /// </summary>
        internal static bool UseBatch(int count, OperationId? singleOperation, string region, double scale)
        {
            if (singleOperation == null) return true;
            var singleRate = OperationCatalog.Get(singleOperation.Value).RateLimit(region) * (scale > 0 ? scale : 1);
            var batchRate = OperationCatalog.Get(OperationId.BatchExecuteAssetAction).RateLimit(region) * (scale > 0 ? scale : 1);
            var batches = Math.Ceiling(count / (double)BatchSize);
            return batches / batchRate < count / singleRate;
        }

        private MsRequest BatchRequest(List<string> ids) => new MsRequest(OperationId.BatchExecuteAssetAction)
        {
            Target = ids.Count == 1 ? ids[0] : string.Join(",", ids),
        }.WithBody(new Dictionary<string, object> { ["action"] = BatchAction, ["asset_ids"] = ids });

        /// <summary>
        /// One batch call. When the call as a whole fails (a 5xx or lost answer, which BatchExecuteAssetAction, a POST,
        /// does not repeat; or a refusal of the whole batch), each asset is sent on its own, which is safe because every
        /// action sets a state (deleted, restored, enabled, disabled) and so means the same when repeated: each id then
        /// gets its own success or error.
        /// </summary>
        private void SendBatch(List<string> ids)
        {
            var session = CurrentSession;
            MsResponse response;
            try
            {
                response = Run(ctx => session.Client.SendAsync(BatchRequest(ids), ctx));
            }
            catch (Exception ex) when (ids.Count > 1 && Splittable(ex))
            {
                WriteVerbose($"{ActionText}: the batch of {ids.Count} assets failed ({ex.Message}); sending each asset on its own.");
                foreach (var id in ids) SendOne(id, afterUncertainBatch: CreateOutcome.IsUnknown(ex));
                return;
            }
            catch (Exception ex) when (!(ex is PipelineStoppedException) && !(ex is OperationCanceledException))
            {
                WriteFailure(ex, ids.Count == 1 ? ids[0] : string.Join(",", ids));
                return;
            }
            var results = response.As<BatchResponse>()?.Results ?? new List<BatchResult>();
            foreach (var result in results)
            {
                foreach (var id in result.AssetIds ?? new List<string>())
                {
                    if (string.Equals(result.RetStatus, "SUCCESS", StringComparison.OrdinalIgnoreCase))
                    {
                        Done(id);
                        continue;
                    }
                    var code = result.ErrorInfo?.ErrorCode ?? ErrorCodes.Unknown;
                    var ex = new MsServiceException($"{result.ErrorInfo?.ErrorMsg ?? "The service did not apply the action."} ({code}, request id {response.RequestId ?? "n/a"}) [{BatchAction} {id}]",
                        code, 400, response.RequestId, nameof(OperationId.BatchExecuteAssetAction), id);
                    WriteError(ErrorRecords.From(ex, id));
                }
            }
        }

        /// <summary>A failure of the whole batch that one call per asset may not share: not the session's, not a refused request.</summary>
        private static bool Splittable(Exception ex)
        {
            if (ex is AggregateException agg && agg.InnerExceptions.Count == 1) ex = agg.InnerException;
            return ex is MsServiceException ms && !ms.IsSessionFailure && ms.ErrorCode != ErrorCodes.Throttled;
        }

        /// <summary>
        /// One asset: its own operation, or a batch of one where the action has none. After a batch whose answer was lost,
        /// a delete that finds nothing (404) was done by that batch.
        /// </summary>
        private void SendOne(string id, bool afterUncertainBatch)
        {
            if (SingleOperation == null)
            {
                SendBatch(new List<string> { id });
                return;
            }
            var session = CurrentSession;
            var request = SingleRequest(id);
            var delete = request.Operation.Method == "DELETE";
            // One queued item per asset (bulk: several in flight); its error is written in its position, naming the id.
            QueueItem(async ctx =>
            {
                try
                {
                    await session.Client.SendAsync(request, ctx).ConfigureAwait(false);
                }
                catch (Exception ex) when (afterUncertainBatch && delete
                                           && (ex as MsServiceException ?? ex.InnerException as MsServiceException)?.Category == ErrorCategory.ObjectNotFound)
                {
                    ctx.Verbose($"Asset {id}: nothing to delete (not found); the batch whose answer was lost deleted it, so this counts as deleted.");
                }
                return true;
            }, _ => Done(id), id);
        }

        private void Done(string id)
        {
            if (PassThru) WriteObject(new MsAssetActionResult { AssetId = id, Action = BatchAction, Status = "SUCCESS" });
        }

        [WireModel("BatchExecuteAssetActionResponse")]
        internal sealed class BatchResponse : MsObject
        {
            public List<BatchResult>? Results { get; set; }
        }

        [WireModel("AssetActionResult")]
        internal sealed class BatchResult : MsObject
        {
            public string? RetStatus { get; set; }
            public List<string>? AssetIds { get; set; }
            public Video.MsErrorInfo? ErrorInfo { get; set; }
        }
    }
}
