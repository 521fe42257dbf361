using System.Management.Automation;
using System.Text.RegularExpressions;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Http;

namespace MetaStudio.PowerShell.Tests.Session
{
    /// <summary>
    /// Test-only cmdlet (never shipped): sends one catalog operation through the real MsCmdlet
    /// machinery (session resolution, Run, TrySend, error rules, Ctrl+C) so Core can be proven
    /// before the group cmdlets exist. Import with: Import-Module -Assembly ([MetaStudio.PowerShell.Tests.Session.InvokeMsTestCallCommand].Assembly)
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "MsTestCall")]
    [OutputType(typeof(int))]
    public sealed class InvokeMsTestCallCommand : MsCmdlet
    {
        public const string ImportScript = "Import-Module -Assembly ([MetaStudio.PowerShell.Tests.Session.InvokeMsTestCallCommand].Assembly) -WarningAction SilentlyContinue; ";

        [Parameter(Mandatory = true, Position = 0)]
        public required string Operation { get; set; }

        [Parameter(Position = 1, ValueFromPipeline = true)]
        public string? Id { get; set; }

        protected override void ProcessRecord()
        {
            // By name: the module's OperationId is internal, so no public parameter can have its type.
            var request = new MsRequest(System.Enum.Parse<MetaStudio.PowerShell.Core.Catalog.OperationId>(Operation));
            var placeholder = Regex.Match(request.Operation.PathTemplate, @"\{(?!project_id)(\w+)\}");
            if (placeholder.Success) request.WithPath(placeholder.Groups[1].Value, Id);
            var response = TrySend(request);
            if (response != null) WriteObject(response.StatusCode);
        }
    }
}
