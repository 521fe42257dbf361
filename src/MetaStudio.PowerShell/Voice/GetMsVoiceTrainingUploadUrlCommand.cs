using System.Management.Automation;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Catalog;

namespace MetaStudio.PowerShell.Voice
{
    /// <summary>
    /// ShowJobUploadingAddress: fresh single-use upload URLs for a job (after a failed review, or when the
    /// ones from New-MsVoiceTrainingJob are used up). The output pipes to Send-MsVoiceTrainingData.
    /// </summary>
    [MsApi(OperationId.ShowJobUploadingAddress)]
    [Cmdlet(VerbsCommon.Get, "MsVoiceTrainingUploadUrl")]
    [OutputType(typeof(MsVoiceTrainingUploadUrl))]
    public sealed class GetMsVoiceTrainingUploadUrlCommand : MsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public required string JobId { get; set; }

        protected override void ProcessRecord()
        {
            var session = CurrentSession;
            var urls = TryRun(ctx => VoiceApi.GetUploadUrlsAsync(session, JobId, ctx), JobId);
            if (urls != null) WriteObject(urls);
        }
    }
}
