using System.Management.Automation;
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
    public sealed class WaitMsVoiceTrainingJobCommand : WaitJobsCmdlet<MsVoiceTrainingJob>
    {
        internal override JobKind<MsVoiceTrainingJob> Kind => VoiceTrainingJobs.Instance;
    }
}
