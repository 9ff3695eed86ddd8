using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Catalog.Pages;

public class DetailsModel(OpportunityDetails details, Registrations registrations, CurrentNetwork current, UserManager<AppUser> users, AppDbContext db) : PageModel
{
    public sealed record Mine(Guid RegistrationId, RegistrationStatus Status, int Places, int WaitingPosition);

    public OpportunityView View { get; private set; } = default!;
    public Dictionary<Guid, Mine> MyRegistrations { get; private set; } = [];
    [BindProperty] public RegistrationForm Registration { get; set; } = new();
    [BindProperty] public Guid? SessionId { get; set; }

    async Task<bool> LoadAsync(Guid id)
    {
        var view = await details.PublishedAsync(current.Id, id);
        if (view is null) return false;
        View = view;
        if (users.GetUserId(User) is { } uid && Guid.TryParse(uid, out var userId))
        {
            var sessionIds = view.Sessions.Select(s => s.Id).ToList();
            var mine = await db.Registrations.AsNoTracking().Where(r => r.UserId == userId && sessionIds.Contains(r.SessionId) && r.Status != RegistrationStatus.Cancelled).ToListAsync();
            foreach (var r in mine)
                MyRegistrations[r.SessionId] = new Mine(r.Id, r.Status, r.Places, r.Status == RegistrationStatus.Waiting ? await registrations.WaitingPositionAsync(r) : 0);
        }
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRegisterAsync(Guid id)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!await LoadAsync(id)) return NotFound();
        if (SessionId is not { } sessionId || View.Sessions.All(s => s.Id != sessionId)) return NotFound();
        if (!ModelState.IsValid) return Page();
        var (outcome, _) = await registrations.RegisterAsync(current.Id, sessionId, user, Registration);
        TempData["Message"] = outcome switch
        {
            RegisterOutcome.Confirmed => "Iscrizione confermata. Ti abbiamo mandato un'email di conferma.",
            RegisterOutcome.Waiting => "I posti sono esauriti: sei in lista d'attesa. Se si libera un posto ti scriviamo.",
            RegisterOutcome.AlreadyRegistered => "Sei già iscritto a questa data.",
            RegisterOutcome.Closed => "Le iscrizioni a questa data sono chiuse.",
            _ => "Data non trovata.",
        };
        return Redirect($"/opportunita/{id}#date");
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, Guid registrationId)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!await LoadAsync(id)) return NotFound();
        var outcome = await registrations.CancelAsync(registrationId, user.Id);
        if (outcome == CancelOutcome.NotFound) return NotFound();
        TempData["Message"] = outcome == CancelOutcome.Cancelled ? "Iscrizione annullata." : "L'iscrizione era già annullata.";
        return Redirect($"/opportunita/{id}#date");
    }

    public string ShareUrl => $"{Platform.PublicSite.OriginOf(HttpContext)}/opportunita/{View.Opportunity.Id}?rete={current.Network?.Slug}";

    public string MapPoints() => System.Text.Json.JsonSerializer.Serialize(View.Locations.Where(l => l.Latitude is not null && l.Longitude is not null)
        .Select(l => new { id = View.Opportunity.Id, title = l.Name, lat = l.Latitude, lon = l.Longitude, place = l.Address }));
}
