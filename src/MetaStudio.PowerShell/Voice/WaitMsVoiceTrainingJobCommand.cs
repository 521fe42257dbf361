using System.Collections.Generic;
using System.Management.Automation;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Jobs;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Catalog;

namespace MetaStudio.PowerShell.Voice
{
    /// <summary>
    /// Waits for voice training jobs (default poll 10 s: training takes hours). A job's wait ends on
    /// SUCCEED (output), FAILED (output plus an error), or AUDIT_FAILED / USER_RESULT_REVIEW (output
    /// plus a warning saying what to do).
    /// </summary>
    [MsApi(OperationId.ShowVoiceTrainingJob)]
    [Cmdlet(VerbsLifecycle.Wait, "MsVoiceTrainingJob")]
    [OutputType(typeof(MsVoiceTrainingJob))]
    public sealed class WaitMsVoiceTrainingJobCommand : WaitJobsCmdlet
    {
        protected override Task WaitAsync(MsSession session, IReadOnlyList<string> jobIds, CallContext ctx)
            => VoiceApi.WaitAsync(session, jobIds, Timeout, PollIntervalSec, ctx);
    }
}
