namespace Alleanza.Web.Platform;

/// <summary>One page of a longer list, with what the pager needs.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (int)Math.Ceiling(Total / (double)PageSize));
}
