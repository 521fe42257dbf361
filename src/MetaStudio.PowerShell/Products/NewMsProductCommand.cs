using System.Management.Automation;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Cmdlets;

namespace MetaStudio.PowerShell.Products
{
    /// <summary>CreateProduct, then outputs the product as ShowProduct returns it.</summary>
    [MsApi(OperationId.CreateProduct, OperationId.ShowProduct)]
    [Cmdlet(VerbsCommon.New, "MsProduct", SupportsShouldProcess = true)]
    [OutputType(typeof(MsProduct))]
    public sealed class NewMsProductCommand : ProductContentCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateLength(1, 256)]
        public required string Name { get; set; }

        /// <summary>Activate the product at once (auto_active); otherwise it starts UNACTIVED.</summary>
        [Parameter]
        public SwitchParameter AutoActive { get; set; }

        /// <summary>
        /// How many piped rows may have requests in flight at once (MsBulkCmdlet's rule; this cmdlet's parameter base,
        /// ProductContentCmdlet, also serves Set-MsProduct, so it cannot derive from MsBulkCmdlet).
        /// </summary>
        [Parameter]
        [ValidateRange(1, HttpHandlers.MinConnectionsPerServer)]
        public int ThrottleLimit { get; set; }

        private int _defaultLimit;

        private protected override int ItemsInFlight
            => MsBulkCmdlet.InFlight(GetType(), () => CurrentSession.Region, ThrottleLimit, Prompts, AnItemEnded, ref _defaultLimit);

        protected override void ProcessRecord()
        {
            var body = TryBuildContent(Name);
            if (body == null) return;
            body["name"] = Name;
            if (AutoActive) body["auto_active"] = true;
            if (!ShouldProcess(Name, "Create product")) return;

            var session = CurrentSession;
            var name = Name;   // the next row rebinds the parameters while this one is in flight
            WriteCreate(new Creation<MsProduct>("product", name, new MsRequest(OperationId.CreateProduct) { Target = name }.WithBody(body),
                (id, _) => new MsProduct { ProductId = id, Name = name })
            {
                ReadBack = (id, _, ctx) => ProductApi.ShowAsync(session.Client, id, ctx),
                LookFor = t => $"Look for it with: Get-MsProduct -StartTime '{t.ToLocalTime():yyyy-MM-dd HH:mm:ss}' | Where-Object Name -eq '{name}'",
            });
        }
    }
}
