using System;
using System.Management.Automation;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Paging;

namespace MetaStudio.PowerShell.Products
{
    /// <summary>ListProducts with filters, or ShowProduct for each -ProductId.</summary>
    [MsApi(OperationId.ListProducts, OperationId.ShowProduct)]
    [Cmdlet(VerbsCommon.Get, "MsProduct", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(MsProduct))]
    public sealed class GetMsProductCommand : MsBulkCmdlet, ITimeWindow
    {
        private const string ListSet = "List";
        private const string ShowSet = "Show";

        [Parameter(Mandatory = true, ParameterSetName = ShowSet, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public string[]? ProductId { get; set; }

        /// <summary>Part of the product name (the service matches fuzzily).</summary>
        [Parameter(ParameterSetName = ListSet, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        /// <summary>Part of a tag (the service matches fuzzily).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        public string? Tag { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("ACTIVED", "UNACTIVED", "BLOCK", "DELETED")]
        public string[]? State { get; set; }

        /// <summary>Products created at or after this time (create_since).</summary>
        [Parameter(ParameterSetName = ListSet)]
        public DateTime? StartTime { get; set; }

        /// <summary>Products created at or before this time (create_until).</summary>
        [Parameter(ParameterSetName = ListSet)]
        public DateTime? EndTime { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("create_time", "update_time", "asset_order")]
        public string? SortKey { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("asc", "desc")]
        public string? SortDirection { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ShowSet) WriteShown(ProductApi.Products, ProductId!);   // mandatory in this set
            else WritePaged(Pager<MsProduct>.Of<ProductList>(
                () => new MsRequest(OperationId.ListProducts)
                    .WithQuery("name", Name).WithQuery("tag", Tag).WithQuery("state", State).CreatedWithin(this)
                    // A direction alone sorts by creation time, the service's usual key.
                    .WithQuery("sort_key", SortKey ?? (SortDirection != null ? "create_time" : null)).WithQuery("sort_dir", SortDirection)));
        }
    }
}
