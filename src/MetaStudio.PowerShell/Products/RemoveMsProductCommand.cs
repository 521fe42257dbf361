using System.Management.Automation;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Http;

namespace MetaStudio.PowerShell.Products
{
    /// <summary>DeleteProduct. Products have no recycle bin, hence ConfirmImpact High.</summary>
    [MsApi(OperationId.DeleteProduct, OperationId.ShowProduct)]
    [Cmdlet(VerbsCommon.Remove, "MsProduct", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveMsProductCommand : MsBulkCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public required string ProductId { get; set; }

        /// <summary>Skips the confirmation (-WhatIf still only reports).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord() => Remove(ProductApi.Products, ProductId, new MsRequest(OperationId.DeleteProduct).WithPath("product_id", ProductId), Force);
    }
}
