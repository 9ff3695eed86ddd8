using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;

namespace Alleanza.Web.Platform.Layout;

/// <summary>Pagination links that keep the rest of the query string (filters stay in shareable URLs).</summary>
public sealed record Pager(int Page, int Pages, int Total, string Path, IQueryCollection Query)
{
    public string UrlFor(int page)
    {
        var values = Query.Where(q => q.Key != "pagina").SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v))).ToList();
        if (page > 1) values.Add(new("pagina", page.ToString()));
        return QueryHelpers.AddQueryString(Path, values);
    }
}
