using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Http;

#nullable enable

namespace MetaStudio.PowerShell.Core.Paging
{
    /// <summary>One page of a list: its items and the total the service reported.</summary>
    internal sealed class Page<TItem>
    {
        public Page(IList<TItem> items, int? total)
        {
            Items = items ?? Array.Empty<TItem>();
            Total = total;
        }

        public IList<TItem> Items { get; }
        public int? Total { get; }
    }

    /// <summary>
    /// An offset/limit list operation. Every MetaStudio list takes offset and limit (1–100) and answers
    /// with a total count and one array; the pager hides that loop from the cmdlets.
    /// </summary>
    internal sealed class Pager<TItem>
    {
        private readonly Func<MsRequest> _request;
        private readonly Func<MsResponse, Page<TItem>> _read;

        /// <param name="request">Makes the request with its filters; the pager adds offset and limit.</param>
        /// <param name="read">Reads one page from a response.</param>
        public Pager(Func<MsRequest> request, Func<MsResponse, Page<TItem>> read, int pageSize = 100)
        {
            if (pageSize < 1 || pageSize > 100) throw new ArgumentOutOfRangeException(nameof(pageSize), "MetaStudio pages hold 1 to 100 items.");
            _request = request;
            _read = read;
            PageSize = pageSize;
        }

        public int PageSize { get; }

        /// <summary>A pager over a list operation whose answer is <typeparamref name="TPage"/> (its total and its array of items).</summary>
        internal static Pager<TItem> Of<TPage>(Func<MsRequest> request, Action<TItem>? complete = null) where TPage : IListPage<TItem>
            => new Pager<TItem>(request, r =>
            {
                var page = r.As<TPage>();
                var items = page?.Items ?? Array.Empty<TItem>();
                if (complete != null)
                    foreach (var item in items) complete(item);
                return new Page<TItem>(items, page?.Count);
            });

        /// <summary>One answer read as a page, as <see cref="GetPageAsync"/> reads it.</summary>
        internal Page<TItem> Read(MsResponse response) => _read(response);

        public async Task<Page<TItem>> GetPageAsync(MsClient client, int offset, int limit, CallContext ctx)
        {
            var request = _request().WithQuery("offset", offset).WithQuery("limit", Math.Max(1, Math.Min(limit, PageSize)));
            var response = await client.SendAsync(request, ctx).ConfigureAwait(false);
            return _read(response);
        }

        /// <summary>All items, page by page, for callers outside a cmdlet.</summary>
        public async Task<List<TItem>> GetAllAsync(MsClient client, CallContext ctx)
        {
            var all = new List<TItem>();
            var offset = 0;
            while (true)
            {
                var page = await GetPageAsync(client, offset, PageSize, ctx).ConfigureAwait(false);
                all.AddRange(page.Items);
                offset += page.Items.Count;
                if (page.Items.Count < PageSize || (page.Total.HasValue && offset >= page.Total.Value)) return all;
            }
        }
    }
}
