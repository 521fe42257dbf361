using System.Collections.Generic;
using System.Management.Automation;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Http;

namespace MetaStudio.PowerShell.Voice
{
    /// <summary>ShowTenantDurationCfg, one object per edition, so the limits read as a table.</summary>
    [MsApi(OperationId.ShowTenantDurationCfg)]
    [Cmdlet(VerbsCommon.Get, "MsVoiceTrainingQuota")]
    [OutputType(typeof(MsVoiceTrainingQuota))]
    public sealed class GetMsVoiceTrainingQuotaCommand : MsCmdlet
    {
        // Edition as the cmdlets name it → field prefix in the answer.
        private static readonly (string Edition, string Prefix)[] Editions =
        {
            ("Basic", "basic"), ("Advanced", "middle"), ("Premium", "advance"), ("Flexus", "flexus"),
            ("Cmww", "cmww"), ("Ljzn", "ljzn"), ("ShortAssess", "short_assess"),
        };

        protected override void ProcessRecord()
        {
            var config = TrySend(new MsRequest(OperationId.ShowTenantDurationCfg))?.As<Dictionary<string, object>>();
            if (config == null) return;
            var tenant = config.TryGetValue("tenant_id", out var t) ? t?.ToString() : null;
            foreach (var (edition, prefix) in Editions)
            {
                int? Field(string suffix) => config.TryGetValue(prefix + suffix, out var v) && v != null && int.TryParse(v.ToString(), out var n) ? n : (int?)null;
                var quota = new MsVoiceTrainingQuota
                {
                    TenantId = tenant, Edition = edition,
                    MinSeconds = Field("_min"), MaxSeconds = Field("_max"), AdviceSeconds = Field("_advice_value"),
                };
                if (quota.MinSeconds != null || quota.MaxSeconds != null || quota.AdviceSeconds != null) WriteObject(quota);
            }
        }
    }
}
