using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Model;

namespace MetaStudio.PowerShell.Assets
{
    /// <summary>Name, type and cover of many assets in few calls (ListAssetSummary).</summary>
    [MsApi(OperationId.ListAssetSummary)]
    [Cmdlet(VerbsCommon.Get, "MsAssetSummary")]
    [OutputType(typeof(MsAssetSummary))]
    public sealed class GetMsAssetSummaryCommand : MsCmdlet
    {
        /// <summary>Ids per call; the service accepts up to 100.</summary>
        internal const int ChunkSize = 100;

        private readonly List<string> _ids = new List<string>();

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ValidateMsId]
        public required string[] AssetId { get; set; }

        protected override void ProcessRecord() => _ids.AddRange(AssetId.Where(id => !_ids.Contains(id)));

        protected override void EndProcessing()
        {
            for (var i = 0; i < _ids.Count; i += ChunkSize)
            {
                var chunk = _ids.Skip(i).Take(ChunkSize).ToList();
                var list = TrySend(new MsRequest(OperationId.ListAssetSummary) { Target = string.Join(",", chunk) }
                    .WithBody(new Dictionary<string, object> { ["asset_ids"] = chunk }))?.As<SummaryList>();
                foreach (var s in list?.AssetList ?? new List<MsAssetSummary>()) WriteObject(s);
            }
        }

        [WireModel("ListAssetSummaryResponse")]
        internal sealed class SummaryList : MsObject
        {
            public List<MsAssetSummary>? AssetList { get; set; }
        }
    }
}
