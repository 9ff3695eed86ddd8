using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Home;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Catalog;

/// <summary>«La mia area» for a family: the next registrations and what is new for the children's ages.</summary>
public sealed class FamilyRegistrationsHome(AppDbContext db, Families.FamilyProfiles profiles, TimeProvider clock) : IHomeSectionSource
{
    public sealed record Upcoming(Guid OpportunityId, string Title, DateTime StartsAt, RegistrationStatus Status, int Places);
    public sealed record Suggestion(Guid Id, string Title, string Ages, DateTime? Next);
    public sealed record View(IReadOnlyList<Upcoming> Next, int UpcomingCount, IReadOnlyList<Suggestion> ForChildren, string? ChildrenAges, bool HasHousehold);

    public async Task<HomeSection?> SectionAsync(HomeViewer viewer, CancellationToken cancel)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var upcoming = from r in db.Registrations.AsNoTracking()
                       join s in db.OpportunitySessions on r.SessionId equals s.Id
                       join o in db.Opportunities on s.OpportunityId equals o.Id
                       where r.UserId == viewer.UserId && r.NetworkId == viewer.NetworkId && r.Status != RegistrationStatus.Cancelled && s.StartsAt >= now
                       orderby s.StartsAt
                       select new Upcoming(o.Id, o.Title, s.StartsAt, r.Status, r.Places);
        var next = await upcoming.Take(4).ToListAsync(cancel);
        if (!viewer.IsFamily && next.Count == 0) return null;
        var count = next.Count < 4 ? next.Count : await upcoming.CountAsync(cancel);

        var profile = await profiles.ForAsync(viewer.NetworkId, viewer.UserId, cancel);
        List<Suggestion> suggestions = [];
        string? ages = null;
        if (profile is { Children.Count: > 0 })
        {
            ages = string.Join(", ", profile.Children.Select(c => $"{c.FirstName} ({(c.AgeMonths < 24 ? Tr.Get("{0} mesi", c.AgeMonths) : Tr.Get("{0} anni", c.AgeMonths / 12))})"));
            var months = profile.Children.Select(c => c.AgeMonths).ToList();
            var (youngest, oldest) = (months.Min(), months.Max());
            // Published, for an age band that holds at least one child, in the family's Comune or network-wide, newest first.
            var candidates = await db.Opportunities.AsNoTracking()
                .Where(o => o.NetworkId == viewer.NetworkId && o.Status == OpportunityStatus.Published
                    && (o.AgeFromMonths == null || o.AgeFromMonths <= oldest) && (o.AgeToMonths == null || o.AgeToMonths >= youngest)
                    && (!o.Comuni.Any() || o.Comuni.Any(c => c.ComuneId == profile.ComuneId)))
                .OrderByDescending(o => o.PublishedAt).Take(20)
                .Select(o => new { o.Id, o.Title, o.AgeFromMonths, o.AgeToMonths, Next = o.Sessions.Where(s => s.StartsAt >= now).Min(s => (DateTime?)s.StartsAt) })
                .ToListAsync(cancel);
            suggestions = candidates
                .Where(o => months.Any(m => (o.AgeFromMonths ?? 0) <= m && m <= (o.AgeToMonths ?? int.MaxValue)))
                .Take(3).Select(o => new Suggestion(o.Id, o.Title, CatalogLabels.Ages(o.AgeFromMonths, o.AgeToMonths), o.Next)).ToList();
        }
        return new HomeSection(10, "Le mie iscrizioni", "~/Modules/Catalog/Pages/Home/_Registrations.cshtml",
            new View(next.Take(3).ToList(), count, suggestions, ages, profile is not null));
    }
}

/// <summary>«La mia area» for partner staff: their organisation's opportunities by state, those sent back first.</summary>
public sealed class PartnerOpportunitiesHome(AppDbContext db) : IHomeSectionSource
{
    public sealed record Item(Guid Id, string Title, OpportunityStatus Status, string? Note, DateTime UpdatedAt);
    public sealed record View(IReadOnlyDictionary<OpportunityStatus, int> Counts, IReadOnlyList<Item> NeedAttention);

    public async Task<HomeSection?> SectionAsync(HomeViewer viewer, CancellationToken cancel)
    {
        var partners = viewer.PartnersAs(NetworkRole.PartnerStaff);
        if (partners.Count == 0) return null;
        var mine = db.Opportunities.AsNoTracking().Where(o => o.NetworkId == viewer.NetworkId && partners.Contains(o.PartnerId));
        var counts = (await mine.GroupBy(o => o.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancel))
            .ToDictionary(c => c.Key, c => c.Count);
        // Sent back for changes, then drafts: what the partner has to act on.
        var attention = await mine.Where(o => o.Status == OpportunityStatus.Rejected || o.Status == OpportunityStatus.Draft)
            .OrderByDescending(o => o.Status == OpportunityStatus.Rejected).ThenByDescending(o => o.UpdatedAt).Take(5)
            .Select(o => new Item(o.Id, o.Title, o.Status, o.ModerationNote, o.UpdatedAt)).ToListAsync(cancel);
        return new HomeSection(30, "Le opportunità del mio ente", "~/Modules/Catalog/Pages/Home/_PartnerOpportunities.cshtml",
            new View(counts, attention), counts.GetValueOrDefault(OpportunityStatus.Rejected));
    }
}
