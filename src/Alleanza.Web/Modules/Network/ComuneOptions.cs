using Alleanza.Web.Platform.Data;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Network;

/// <summary>
/// The Comuni of a network by name, for the choosers and filters of every module. Ids leave SQL as Guids and become
/// text here, in C#: SQLite would spell them in capitals and a select would lose the person's choice.
/// </summary>
public static class ComuneOptions
{
    public static async Task<List<(Guid Id, string Name)>> ComuniOfAsync(this AppDbContext db, Guid networkId, CancellationToken cancel = default) =>
        (await db.Comuni.AsNoTracking().Where(c => c.NetworkId == networkId).OrderBy(c => c.Name).Select(c => new { c.Id, c.Name }).ToListAsync(cancel))
            .Select(c => (c.Id, c.Name)).ToList();

    /// <summary>
    /// Up to this many Comuni a filter is a drop-down; a larger network (a region's thousand Comuni) gets a field to type the
    /// name in, resolved on the server (<see cref="MatchAsync"/>), so a phone does not download a thousand options.
    /// </summary>
    public const int SelectMax = 40;

    /// <summary>How many Comuni the network has, counted once a minute per instance: it only decides drop-down or typed name.</summary>
    public static async Task<int> ComuneCountAsync(this AppDbContext db, Microsoft.Extensions.Caching.Memory.IMemoryCache cache, Guid networkId, CancellationToken cancel = default) =>
        await Microsoft.Extensions.Caching.Memory.CacheExtensions.GetOrCreateAsync(cache, "comuni-count:" + networkId, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            return db.Comuni.CountAsync(c => c.NetworkId == networkId, cancel);
        });

    public static async Task<string?> ComuneNameAsync(this AppDbContext db, Guid networkId, Guid comuneId, CancellationToken cancel = default) =>
        await db.Comuni.AsNoTracking().Where(c => c.Id == comuneId && c.NetworkId == networkId).Select(c => c.Name).FirstOrDefaultAsync(cancel);

    /// <summary>
    /// The network's Comuni matching a typed name, without regard to case, accents, apostrophes or spaces: the one whose name
    /// it is (<c>Exact</c>), otherwise those whose name starts with it, then those that contain it (at most <paramref name="max"/>).
    /// </summary>
    public static async Task<((Guid Id, string Name)? Exact, List<(Guid Id, string Name)> Matches)> MatchAsync(this AppDbContext db, Guid networkId, string typed, int max = 8, CancellationToken cancel = default)
    {
        var key = Fold(typed);
        if (key.Length == 0) return (null, []);
        var all = await db.ComuniOfAsync(networkId, cancel);
        var folded = all.Select(c => (c.Id, c.Name, Key: Fold(c.Name))).ToList();
        var exact = folded.Where(c => c.Key == key).ToList();
        if (exact.Count == 1) return ((exact[0].Id, exact[0].Name), []);
        var matches = folded.Where(c => c.Key.StartsWith(key, StringComparison.Ordinal))
            .Concat(folded.Where(c => !c.Key.StartsWith(key, StringComparison.Ordinal) && c.Key.Contains(key, StringComparison.Ordinal)))
            .Take(max).Select(c => (c.Id, c.Name)).ToList();
        return matches.Count == 1 ? (matches[0], []) : (null, matches);
    }

    /// <summary>Lower case, no accents, letters and digits only: «Sant'Angelo Lodigiano» and «santangelo lodigiano» are one key.</summary>
    static string Fold(string s)
    {
        var sb = new System.Text.StringBuilder(s.Length);
        foreach (var ch in s.Normalize(System.Text.NormalizationForm.FormD))
            if (char.IsLetterOrDigit(ch)) sb.Append(char.ToLowerInvariant(ch));
        return sb.ToString();
    }

    /// <summary>The same as options of a select, with <paramref name="selected"/> marked.</summary>
    public static async Task<List<SelectListItem>> ComuneSelectListAsync(this AppDbContext db, Guid networkId, Guid? selected = null, CancellationToken cancel = default) =>
        (await db.ComuniOfAsync(networkId, cancel)).Select(c => new SelectListItem(c.Name, c.Id.ToString(), c.Id == selected)).ToList();
}
