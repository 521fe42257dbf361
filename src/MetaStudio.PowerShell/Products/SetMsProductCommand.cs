using System.Linq;
using System.Management.Automation;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Http;

namespace MetaStudio.PowerShell.Products
{
    /// <summary>
    /// UpdateProduct with only the fields given. The API replaces the whole product and needs its name,
    /// so the cmdlet reads the product, changes the given fields and sends it all back; then outputs the
    /// product read again (UpdateProduct answers with no body).
    /// </summary>
    [MsApi(OperationId.ShowProduct, OperationId.UpdateProduct)]
    [Cmdlet(VerbsCommon.Set, "MsProduct", SupportsShouldProcess = true)]
    [OutputType(typeof(MsProduct))]
    public sealed class SetMsProductCommand : ProductContentCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public required string ProductId { get; set; }

        [Parameter]
        [ValidateLength(1, 256)]
        public string? Name { get; set; }

        [Parameter]
        [ValidateSet("ACTIVED", "UNACTIVED")]
        public string? State { get; set; }

        protected override void ProcessRecord()
        {
            var changes = TryBuildContent(ProductId);
            if (changes == null) return;
            if (Name != null) changes["name"] = Name;
            if (State != null) changes["state"] = State;
            if (changes.Count == 0)
            {
                WriteError(ErrorRecords.InvalidInput("Nothing to change: give -Name, -Description, -Tag, -CoverAssetId, -Text, -Asset or -State.", ProductId));
                return;
            }
            if (!CheckBody(OperationId.UpdateProduct, changes, ProductId, partial: true)) return;
            if (!ShouldChange(ProductApi.Products, ProductId, "Update (" + string.Join(", ", changes.Keys) + ")")) return;

            var session = CurrentSession;
            var updated = TryRun(async ctx =>
            {
                var body = ProductApi.AsUpdateBody(await session.Client.SendAsync(ProductApi.Show(ProductId), ctx).ConfigureAwait(false), changes);
                await session.Client.SendAsync(new MsRequest(OperationId.UpdateProduct).WithPath("product_id", ProductId).WithBody(body), ctx).ConfigureAwait(false);
                return await ProductApi.ShowAsync(session.Client, ProductId, ctx).ConfigureAwait(false);
            }, ProductId);
            if (updated != null) WriteObject(updated);
        }
    }
}
