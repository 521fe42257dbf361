using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Http;

#nullable enable

namespace MetaStudio.PowerShell.Core.Paging
{
    /// <summary>The query parameters most MetaStudio lists share, spelled once.</summary>
    internal static class ListQuery
    {
        /// <summary>Created within the cmdlet's -StartTime … -EndTime (create_since, create_until).</summary>
        public static MsRequest CreatedWithin(this MsRequest request, ITimeWindow window)
            => request.WithQuery("create_since", window.StartTime).WithQuery("create_until", window.EndTime);

        /// <summary>Ordered by creation time, asc or desc; nothing sent (the service's own order) without a direction.</summary>
        public static MsRequest SortedByCreateTime(this MsRequest request, string? direction)
            => request.WithQuery("sort_key", direction != null ? "create_time" : null).WithQuery("sort_dir", direction);
    }
}
