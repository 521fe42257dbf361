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

        protected override void ProcessRecord()
        {
            var body = TryBuildContent(Name);
            if (body == null) return;
            body["name"] = Name;
            if (AutoActive) body["auto_active"] = true;
            if (!ShouldProcess(Name, "Create product")) return;

            var session = CurrentSession;
            WriteCreate(new Creation<MsProduct>("product", Name, new MsRequest(OperationId.CreateProduct) { Target = Name }.WithBody(body),
                (id, _) => new MsProduct { ProductId = id, Name = Name })
            {
                ReadBack = (id, _, ctx) => ProductApi.ShowAsync(session.Client, id, ctx),
                LookFor = t => $"Look for it with: Get-MsProduct -StartTime '{t.ToLocalTime():yyyy-MM-dd HH:mm:ss}' | Where-Object Name -eq '{Name}'",
            });
        }
    }
}
