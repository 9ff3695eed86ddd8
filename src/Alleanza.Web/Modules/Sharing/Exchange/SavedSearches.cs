using System.Text;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Sharing.Exchange;

/// <summary>A family's saved searches of Condividi: at most <see cref="Max"/>, each with an optional daily e-mail of new matches.</summary>
public sealed class SavedSearches(AppDbContext db, TimeProvider clock)
{
    public const int Max = 10;

    public Task<List<SavedSearch>> MineAsync(Guid networkId, Guid userId, CancellationToken cancel = default) =>
        db.SharingSavedSearches.AsNoTracking().Where(s => s.NetworkId == networkId && s.UserId == userId).OrderBy(s => s.CreatedAt).ToListAsync(cancel);

    public async Task<string?> SaveAsync(Guid networkId, Guid userId, string? name, SearchPosts.Filter filter, bool digest)
    {
        var clean = Text.Clean(name);
        if (clean is null) return Tr.Get("Date un nome alla ricerca (per esempio «Scarpe 24»).");
        if (clean.Length > 100) return Tr.Get("Il nome può avere al massimo 100 caratteri.");
        if (filter.Kind is null && filter.Category is null && filter.ComuneId is null && Text.Clean(filter.Words) is null)
            return Tr.Get("Scegliete almeno un filtro (tipo, categoria, Comune o parole) prima di salvare la ricerca.");
        if (await db.SharingSavedSearches.CountAsync(s => s.NetworkId == networkId && s.UserId == userId) >= Max) return Tr.Get("Si possono salvare al massimo {0} ricerche: eliminatene una.", Max);
        var now = clock.GetUtcNow().UtcDateTime;
        var words = Text.Clean(filter.Words);
        db.SharingSavedSearches.Add(new SavedSearch
        {
            Id = Guid.NewGuid(), NetworkId = networkId, UserId = userId, Name = clean, Kind = filter.Kind, Category = filter.Category, ComuneId = filter.ComuneId,
            Words = words is { Length: > 100 } ? words[..100] : words, Digest = digest, CreatedAt = now, LastSentFor = now,
        });
        await db.SaveChangesAsync();
        return null;
    }

    public async Task<bool> SetDigestAsync(Guid networkId, Guid userId, Guid id, bool on) =>
        await db.SharingSavedSearches.Where(s => s.Id == id && s.NetworkId == networkId && s.UserId == userId)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Digest, on).SetProperty(s => s.LastSentFor, s => on ? clock.GetUtcNow().UtcDateTime : s.LastSentFor)) > 0;

    public async Task<bool> DeleteAsync(Guid networkId, Guid userId, Guid id) =>
        await db.SharingSavedSearches.Where(s => s.Id == id && s.NetworkId == networkId && s.UserId == userId).ExecuteDeleteAsync() > 0;

    public static string Query(SavedSearch s) =>
        string.Join('&', new[]
        {
            s.Kind is { } k ? $"tipo={k}" : null, s.Category is { } c ? $"categoria={c}" : null,
            s.ComuneId is { } comune ? $"comune={comune}" : null, s.Words is { } w ? $"q={Uri.EscapeDataString(w)}" : null,
        }.Where(x => x is not null));
}

/// <summary>
/// The daily e-mail of a saved search's new matches (only for searches with the digest on, and people who did not turn the kind
/// off: its mail carries the one-click unsubscribe). Each search's day is claimed with a conditional UPDATE of
/// <see cref="SavedSearch.LastSentFor"/>, so several instances never send it twice.
/// </summary>
public sealed class SavedSearchDigest(AppDbContext db, PublicSite site) : IScheduledNotifications
{
    const int MaxListed = 10;

    public async Task<int> SendDueAsync(NotificationService notifications, DateTime nowUtc, int digestHour, CancellationToken ct)
    {
        var cutoff = NotificationJobs.DigestCutoff(nowUtc, digestHour);
        var key = NotificationKinds.SharingSearch.Key;
        var due = await db.SharingSavedSearches.AsNoTracking()
            .Where(s => s.Digest && (s.LastSentFor == null || s.LastSentFor < cutoff)
                && !db.NotificationPreferences.Any(p => p.UserId == s.UserId && p.Kind == key && p.Delivery == Delivery.Off))
            .OrderBy(s => s.Id).Take(2000).ToListAsync(ct);
        var sent = 0;
        foreach (var s in due)
        {
            var from = s.LastSentFor ?? s.CreatedAt;
            if (await db.SharingSavedSearches.Where(x => x.Id == s.Id && x.LastSentFor == s.LastSentFor).ExecuteUpdateAsync(u => u.SetProperty(x => x.LastSentFor, cutoff), ct) == 0) continue;
            var query = db.SharingPosts.AsNoTracking().Where(p => p.NetworkId == s.NetworkId && p.Status == PostStatus.Published && p.OwnerUserId != s.UserId
                && p.PublishedAt > from && p.PublishedAt <= cutoff);
            if (s.Kind is { } k) query = query.Where(p => p.Kind == k);
            if (s.Category is { } c) query = query.Where(p => p.Category == c);
            if (s.ComuneId is { } comune) query = query.Where(p => p.ComuneId == comune);
            if (Text.SearchKey(s.Words) is { Length: > 0 } words) query = query.Where(p => p.SearchText.Contains(words));
            var found = await query.OrderByDescending(p => p.PublishedAt).Take(50).Select(p => new { p.Id, p.Title, p.Kind }).ToListAsync(ct);
            if (found.Count == 0) continue;
            var slug = await db.Networks.Where(n => n.Id == s.NetworkId).Select(n => n.Slug).FirstAsync(ct);
            sent += await notifications.NotifyAsync([s.UserId], to =>
            {
                // The family's language: our sentences and the kinds' names; the search's name and the posts' titles as written.
                var text = new StringBuilder(found.Count == 1 ? Tr.Get("Un nuovo annuncio per la tua ricerca «{0}»:", s.Name) : Tr.Get("{0} nuovi annunci per la tua ricerca «{1}»:", found.Count, s.Name)).Append("\n\n");
                foreach (var p in found.Take(MaxListed))
                    text.Append("• ").Append(p.Title).Append(" (").Append(ExchangeRules.Label(p.Kind).ToLower(System.Globalization.CultureInfo.CurrentCulture)).Append(")\n")
                        .Append(site.Link($"/condividi/{p.Id}?rete={Uri.EscapeDataString(slug)}")).Append("\n\n");
                if (found.Count > MaxListed) text.Append(Tr.Get("… e altri {0} su Condividi.", found.Count - MaxListed)).Append('\n');
                return new Notice(key, s.NetworkId, to,
                    found.Count == 1 ? Tr.Get("Condividi: un nuovo annuncio per «{0}»", s.Name) : Tr.Get("Condividi: {0} nuovi annunci per «{1}»", found.Count, s.Name),
                    text.ToString().Trim(), $"/condividi?{SavedSearches.Query(s)}&rete={Uri.EscapeDataString(slug)}") { LinkLabel = Tr.Get("Vedi gli annunci") };
            }, ct);
        }
        return sent;
    }
}
