using System.Management.Automation;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Cmdlets;

namespace MetaStudio.PowerShell.Voice
{
    /// <summary>
    /// CreateTrainingBasicJob, CreateTrainingMiddleJob or CreateTrainingAdvanceJob (by -Edition), then the
    /// job read back carrying the single-use upload URLs the create returned (pipe it to Send-MsVoiceTrainingData).
    /// </summary>
    [MsApi(OperationId.CreateTrainingBasicJob, OperationId.CreateTrainingMiddleJob, OperationId.CreateTrainingAdvanceJob, OperationId.ShowVoiceTrainingJob)]
    [Cmdlet(VerbsCommon.New, "MsVoiceTrainingJob", SupportsShouldProcess = true)]
    [OutputType(typeof(MsVoiceTrainingJob))]
    public sealed class NewMsVoiceTrainingJobCommand : VoiceTrainingBodyCmdlet
    {
        /// <summary>The voice's name; it also becomes the trained VOICE_MODEL asset's name.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateLength(1, 256)]
        public required string VoiceName { get; set; }

        /// <summary>Basic (20 sentences), Advanced (100 sentences) or Premium (long recording).</summary>
        [Parameter]
        [ValidateSet("Basic", "Advanced", "Premium")]
        public string Edition { get; set; } = "Basic";

        /// <summary>PACKAGE: one zip of 0.wav/0.txt, 1.wav/1.txt ...; SEGMENT: one upload per sentence.</summary>
        [Parameter]
        [ValidateSet("PACKAGE", "SEGMENT")]
        public string? CreateType { get; set; }

        protected override void ProcessRecord()
        {
            var body = BuildBody(VoiceName);
            if (CreateType != null) body["create_type"] = CreateType;
            if (!ShouldProcess(VoiceName, $"Create {Edition} voice training job")) return;
            var operation = Edition == "Premium" ? OperationId.CreateTrainingAdvanceJob : Edition == "Advanced" ? OperationId.CreateTrainingMiddleJob : OperationId.CreateTrainingBasicJob;
            var session = CurrentSession;
            MsVoiceTrainingJob Created(MsResponse answer)
            {
                var created = answer.AsRequired<MsVoiceTrainingJob>();
                created.VoiceName = VoiceName;
                return created;
            }
            WriteCreate(new Creation<MsVoiceTrainingJob>("voice training job", VoiceName, new MsRequest(operation) { Target = VoiceName }.WithBody(body),
                (_, answer) => Created(answer))
            {
                ReadBack = async (id, answer, ctx) => (await VoiceApi.GetAsync(session, id, ctx).ConfigureAwait(false)).WithUploadUrls(Created(answer)),
                LookFor = t => $"Look for it with: Get-MsVoiceTrainingJob -StartTime '{t.ToLocalTime():yyyy-MM-dd HH:mm:ss}' | Where-Object VoiceName -eq '{VoiceName}'",
            });
        }
    }
}
