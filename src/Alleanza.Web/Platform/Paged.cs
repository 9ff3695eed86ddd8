namespace Alleanza.Web.Platform;

/// <summary>One page of a longer list, with what the pager needs.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (int)Math.Ceiling(Total / (double)PageSize));
}

public static class Paging
{
    /// <summary>
    /// How many rows come before a page. Computed in 64 bits and capped, so <c>?pagina=2147483647</c> is an empty
    /// page instead of an overflowed negative OFFSET (which PostgreSQL refuses and SQLite silently reads as 0).
    /// </summary>
    public static int Offset(int page, int pageSize) => (int)Math.Min(int.MaxValue, Math.Max(0L, ((long)page - 1) * pageSize));

    /// <summary>The rows of one page of an ordered query.</summary>
    public static IQueryable<T> PageOf<T>(this IQueryable<T> query, int page, int pageSize) => query.Skip(Offset(page, pageSize)).Take(pageSize);

    /// <inheritdoc cref="PageOf{T}(IQueryable{T}, int, int)"/>
    public static IEnumerable<T> PageOf<T>(this IEnumerable<T> rows, int page, int pageSize) => rows.Skip(Offset(page, pageSize)).Take(pageSize);
}
