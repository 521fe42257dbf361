using System.Collections.Generic;

#nullable enable

namespace MetaStudio.PowerShell.Core.Paging
{
    /// <summary>
    /// A list operation's answer: the service's total and one page of items. Each group's page model (a [WireModel]
    /// type whose array has the operation's own name: assets, jobs, smart_live_rooms, ...) says which array is the page,
    /// so the pager reads every list the same way (<see cref="Pager{TItem}.Of{TPage}"/>).
    /// </summary>
    internal interface IListPage<TItem>
    {
        int? Count { get; }
        IList<TItem>? Items { get; }
    }
}
