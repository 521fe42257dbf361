using System.Collections.Generic;
using System.Management.Automation;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Jobs;

namespace MetaStudio.PowerShell.Video
{
    /// <summary>
    /// Waits for every task from the pipeline together, writing each one as soon as it reaches
    /// SUCCEED, FAILED, CANCELED or BLOCK.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Wait, "MsVideoTask")]
    [OutputType(typeof(MsVideoTask))]
    public sealed class WaitMsVideoTaskCommand : WaitJobsCmdlet
    {
        protected override Task WaitAsync(MsSession session, IReadOnlyList<string> jobIds, CallContext ctx)
            => VideoApi.WaitAsync(session, jobIds, Timeout, PollIntervalSec, ctx);
    }
}
