namespace Alleanza.Web.Platform.Layout;

/// <summary>An entry of the main navigation; each module adds its own when it is registered.</summary>
public sealed record NavigationItem(string Text, string Href, int Order);

public sealed class Navigation
{
    readonly List<NavigationItem> items = [];
    public IReadOnlyList<NavigationItem> Items => items.OrderBy(i => i.Order).ToList();
    public Navigation Add(string text, string href, int order) { items.Add(new(text, href, order)); return this; }
}
