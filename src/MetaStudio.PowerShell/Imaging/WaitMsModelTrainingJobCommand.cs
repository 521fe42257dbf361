using System.Management.Automation;
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
    public sealed class WaitMsModelTrainingJobCommand : WaitJobsCmdlet<MsModelTrainingJob>
    {
        internal override JobKind<MsModelTrainingJob> Kind => ModelTrainingJobs.Instance;
    }
}
