using System.Management.Automation;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Paging;

namespace MetaStudio.PowerShell.Video
{
    /// <summary>ListVideoScripts, or ShowVideoScript for each -ScriptId.</summary>
    [MsApi(OperationId.ListVideoScripts, OperationId.ShowVideoScript)]
    [Cmdlet(VerbsCommon.Get, "MsVideoScript", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(MsVideoScript))]
    public sealed class GetMsVideoScriptCommand : MsBulkCmdlet
    {
        private const string ListSet = "List";
        private const string ShowSet = "Show";

        [Parameter(Mandatory = true, ParameterSetName = ShowSet, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public string[]? ScriptId { get; set; }

        /// <summary>Part of the script name (the service matches fuzzily).</summary>
        [Parameter(ParameterSetName = ListSet, Position = 0)]
        [ValidateLength(1, 256)]
        public string? Name { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("VIDEO_DRAFT", "SYSTEM_VIDEO_TEMPLET")]
        public string? Catalog { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("LANDSCAPE", "VERTICAL")]
        public string? ViewMode { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ShowSet) WriteShown(VideoApi.Scripts, ScriptId!);   // mandatory in this set
            else WritePaged(Pager<MsVideoScript>.Of<VideoScriptList>(
                () => new MsRequest(OperationId.ListVideoScripts).WithQuery("name", Name).WithQuery("script_catalog", Catalog).WithQuery("view_mode", ViewMode)));
        }
    }
}
