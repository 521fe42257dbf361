using System.Collections.Generic;
using System.Management.Automation;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Jobs;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Catalog;

namespace MetaStudio.PowerShell.Imaging
{
    /// <summary>
    /// Waits for training jobs (default poll 10 s: training takes hours). A job's wait ends on
    /// JOB_SUCCESS/JOB_FINISH (output), a failed state (output plus an error), or a state that waits for
    /// the user (output plus a warning saying what to do); see ImagingApi.Classify.
    /// </summary>
    [MsApi(OperationId.Show2dModelTrainingJob)]
    [Cmdlet(VerbsLifecycle.Wait, "MsModelTrainingJob")]
    [OutputType(typeof(MsModelTrainingJob))]
    public sealed class WaitMsModelTrainingJobCommand : WaitJobsCmdlet
    {
        protected override Task WaitAsync(MsSession session, IReadOnlyList<string> jobIds, CallContext ctx)
            => ImagingApi.WaitAsync(session, jobIds, Timeout, PollIntervalSec, ctx);
    }
}
