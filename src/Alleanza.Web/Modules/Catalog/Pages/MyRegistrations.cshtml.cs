using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Catalog.Pages;

[Authorize(Policy = Policies.Member)]
public class MyRegistrationsModel(AppDbContext db, Registrations registrations, UserManager<AppUser> users) : PageModel
{
    public sealed record Row(Guid Id, Guid OpportunityId, string Title, string Network, string NetworkSlug, DateTime StartsAt, RegistrationStatus Status, int Places, string Participants);
    public List<Row> Upcoming { get; private set; } = [];
    public List<Row> Past { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var userId = Guid.Parse(users.GetUserId(User)!);
        var now = DateTime.UtcNow;
        var rows = await (from r in db.Registrations.AsNoTracking()
                          join s in db.OpportunitySessions on r.SessionId equals s.Id
                          join o in db.Opportunities on s.OpportunityId equals o.Id
                          join n in db.Networks on o.NetworkId equals n.Id
                          where r.UserId == userId && r.Status != RegistrationStatus.Cancelled
                          orderby s.StartsAt
                          select new Row(r.Id, o.Id, o.Title, n.Name, n.Slug, s.StartsAt, r.Status, r.Places, r.Participants)).ToListAsync();
        Upcoming = rows.Where(r => r.StartsAt >= now).ToList();
        Past = rows.Where(r => r.StartsAt < now).OrderByDescending(r => r.StartsAt).Take(50).ToList();
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid registrationId)
    {
        var userId = Guid.Parse(users.GetUserId(User)!);
        var outcome = await registrations.CancelAsync(registrationId, userId);
        if (outcome == CancelOutcome.NotFound) return NotFound();
        TempData["Message"] = outcome == CancelOutcome.Cancelled ? Tr.Get("Iscrizione annullata.") : Tr.Get("L'iscrizione era già annullata.");
        return RedirectToPage();
    }
}
