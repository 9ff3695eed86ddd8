using Alleanza.Web.Modules.Families;
using Alleanza.Web.Modules.Catalog;
using Alleanza.Web.Modules.FamilyCard;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Network.Pages;

/// <summary>
/// The network's home page, for families: a search box, what happens this week (in the family's Comune first when it
/// is known), the Family Card, the network in brief.
/// </summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Platform.AnonymousPages.Policy)]
public class HomeModel(AppDbContext db, CurrentNetwork current, CurrentAccess access, FamilyProfiles profiles, TimeProvider clock) : PageModel
{
    public sealed record Happening(Guid OpportunityId, string Title, DateTime StartsAt, string? Place, string Ages, bool InMyComune);

    public string? Description { get; private set; }
    public List<string> Comuni { get; private set; } = [];
    public int PartnerCount { get; private set; }
    public int PublishedCount { get; private set; }
    public int ShopCount { get; private set; }
    public string? MyComune { get; private set; }
    public List<Happening> ThisWeek { get; private set; } = [];
    /// <summary>False when nothing happens this week and the list shows the next weeks instead.</summary>
    public bool IsThisWeek { get; private set; } = true;

    public async Task OnGetAsync()
    {
        if (!current.IsResolved) return;
        var id = current.Id;
        var cancel = HttpContext.RequestAborted;
        Description = await db.Networks.AsNoTracking().Where(n => n.Id == id).Select(n => n.Description).FirstOrDefaultAsync(cancel);
        Comuni = await db.Comuni.AsNoTracking().Where(c => c.NetworkId == id).OrderBy(c => c.Name).Select(c => c.Name).ToListAsync(cancel);
        PartnerCount = await db.Partners.AsNoTracking().CountAsync(p => p.NetworkId == id, cancel);
        PublishedCount = await db.Opportunities.AsNoTracking().CountAsync(o => o.NetworkId == id && o.Status == OpportunityStatus.Published, cancel);
        ShopCount = await db.Shops.AsNoTracking().CountAsync(s => s.NetworkId == id, cancel);

        var profile = access.UserId is { } userId ? await profiles.ForAsync(id, userId, cancel) : null;
        MyComune = profile?.ComuneName;
        var now = clock.GetUtcNow().UtcDateTime;
        ThisWeek = await HappeningsAsync(id, profile, now, now.AddDays(7), cancel);
        if (ThisWeek.Count == 0)
        {
            IsThisWeek = false;
            ThisWeek = await HappeningsAsync(id, profile, now, now.AddDays(35), cancel);
        }
    }

    async Task<List<Happening>> HappeningsAsync(Guid id, FamilyProfile? profile, DateTime now, DateTime until, CancellationToken cancel)
    {
        // The next dates of the week: a few more than shown, so the family's Comune (or network-wide ones) can come first.
        var sessions = await (from s in db.OpportunitySessions.AsNoTracking()
                              join o in db.Opportunities on s.OpportunityId equals o.Id
                              where o.NetworkId == id && o.Status == OpportunityStatus.Published && s.StartsAt >= now && s.StartsAt < until
                              orderby s.StartsAt
                              select new
                              {
                                  o.Id, o.Title, s.StartsAt, o.AgeFromMonths, o.AgeToMonths,
                                  Place = o.Locations.OrderBy(l => l.Name).Select(l => l.Name).FirstOrDefault(),
                                  Comuni = o.Comuni.Select(c => c.ComuneId).ToList(),
                              }).Take(40).ToListAsync(cancel);
        return sessions
            .Select(s => new Happening(s.Id, s.Title, s.StartsAt, s.Place, CatalogLabels.Ages(s.AgeFromMonths, s.AgeToMonths),
                profile is not null && (s.Comuni.Count == 0 || s.Comuni.Contains(profile.ComuneId))))
            .DistinctBy(h => h.OpportunityId)
            .OrderByDescending(h => h.InMyComune).ThenBy(h => h.StartsAt).Take(6)
            .OrderBy(h => h.StartsAt).ToList();
    }
}
