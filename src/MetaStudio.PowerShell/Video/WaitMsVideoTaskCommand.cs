using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Jobs;

namespace MetaStudio.PowerShell.Video
{
    /// <summary>
    /// Waits for every task from the pipeline together, writing each one as soon as it reaches
    /// SUCCEED, FAILED, CANCELED or BLOCK. Photo tasks are read with ShowPhotoDigitalHumanVideo.
    /// </summary>
    [MsApi(OperationId.Show2DDigitalHumanVideo, OperationId.ShowPhotoDigitalHumanVideo)]
    [Cmdlet(VerbsLifecycle.Wait, "MsVideoTask")]
    [OutputType(typeof(MsVideoTask))]
    public sealed class WaitMsVideoTaskCommand : WaitJobsCmdlet
    {
        private readonly Dictionary<string, string> _types = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>Model or photo task: picks the show operation (a piped task brings its own).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateSet(VideoApi.ModelJobType, VideoApi.PhotoJobType, VideoApi.PhotoJobTypeAlias)]
        public string JobType { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var id in JobId) _types[id] = JobType;
            base.ProcessRecord();
        }

        protected override Task WaitAsync(MsSession session, IReadOnlyList<string> jobIds, CallContext ctx)
        {
            var types = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var id in jobIds) types[id] = _types.TryGetValue(id, out var type) ? type : null;
            return VideoApi.WaitAsync(session, types, Timeout, PollIntervalSec, ctx);
        }
    }
}
