using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Catalog.Pages;

[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Platform.AnonymousPages.Policy)]
public class DetailsModel(OpportunityDetails details, Registrations registrations, CurrentNetwork current, UserManager<AppUser> users, AppDbContext db, Families.FamilyProfiles profiles, TimeProvider clock) : PageModel
{
    public sealed record Mine(Guid RegistrationId, RegistrationStatus Status, int Places, int WaitingPosition);

    public OpportunityView View { get; private set; } = default!;
    public Dictionary<Guid, Mine> MyRegistrations { get; private set; } = [];
    [BindProperty] public RegistrationForm Registration { get; set; } = new();
    [BindProperty] public Guid? SessionId { get; set; }
    /// <summary>The members of the signed-in person's household: the form ticks who takes part (empty without a household).</summary>
    public List<Families.FamilyMember> Members { get; private set; } = [];
    public DateTime Now => clock.GetUtcNow().UtcDateTime;
    /// <summary>A course: its future dates, registered for together.</summary>
    public bool IsCourse => View.Opportunity.IsCourse;
    public List<SessionView> FutureSessions => View.Sessions.Where(s => s.StartsAt > Now).ToList();

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
            Members = await profiles.MembersAsync(current.Id, userId);
        }
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRegisterAsync(Guid id)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!await LoadAsync(id)) return NotFound();
        // A course is registered for as a whole (no date is posted); any other opportunity one date at a time.
        Guid? sessionId = null;
        if (!IsCourse)
        {
            if (SessionId is not { } chosen || View.Sessions.All(s => s.Id != chosen)) return NotFound();
            sessionId = chosen;
        }
        if (!ChooseParticipants()) return Page();
        var session = View.Sessions.FirstOrDefault(s => s.Id == sessionId);
        if (session is not null && session.StartsAt <= Now)
        {
            ModelState.AddModelError(string.Empty, Tr.Get("La data del {0} è già passata: non ci si può più iscrivere.", RomeTime.Format(session.StartsAt, "d MMMM yyyy 'alle' HH:mm")));
            return Page();
        }
        var (outcome, dates) = sessionId is { } one
            ? ((await registrations.RegisterAsync(current.Id, one, user, Registration)).Outcome, 1)
            : await registrations.RegisterCourseAsync(current.Id, id, user, Registration);
        TempData["Message"] = (outcome, IsCourse) switch
        {
            (RegisterOutcome.Confirmed, true) => Tr.Get("Iscrizione al corso confermata per tutte le {0} date. Ti abbiamo mandato un'email di conferma.", dates),
            (RegisterOutcome.Confirmed, _) => Tr.Get("Iscrizione confermata. Ti abbiamo mandato un'email di conferma."),
            (RegisterOutcome.Waiting, true) => Tr.Get("Non ci sono posti per tutte le {0} date del corso: sei in lista d'attesa. Se si liberano i posti ti scriviamo.", dates),
            (RegisterOutcome.Waiting, _) => Tr.Get("I posti sono esauriti: sei in lista d'attesa. Se si libera un posto ti scriviamo."),
            (RegisterOutcome.AlreadyRegistered, true) => Tr.Get("Sei già iscritto a questo corso."),
            (RegisterOutcome.AlreadyRegistered, _) => Tr.Get("Sei già iscritto a questa data."),
            (RegisterOutcome.Closed, true) => Tr.Get("Le iscrizioni a questo corso sono chiuse."),
            (RegisterOutcome.Closed, _) => Tr.Get("Le iscrizioni a questa data sono chiuse."),
            (RegisterOutcome.Past, true) => Tr.Get("Le date di questo corso sono già passate: non ci si può più iscrivere."),
            (RegisterOutcome.Past, _) => Tr.Get("Questa data è già passata: non ci si può più iscrivere."),
            _ => Tr.Get("Data non trovata."),
        };
        return Redirect($"/opportunita/{id}#date");
    }

    /// <summary>
    /// Who takes part: the household's members ticked (they are the places and the names), or — with nobody ticked,
    /// and always for a person without a household — the number and the names typed. False with field errors.
    /// </summary>
    bool ChooseParticipants()
    {
        var ticked = Registration.MemberIds.Distinct().ToList();
        if (ticked.Count > 0)
        {
            ModelState.Remove("Registration.Places");
            ModelState.Remove("Registration.Participants");
            var chosen = Members.Where(m => ticked.Contains(m.Id)).ToList();
            if (chosen.Count != ticked.Count)
            {
                ModelState.AddModelError("Registration.MemberIds", Tr.Get("Scegli le persone dall'elenco del tuo nucleo familiare."));
                return false;
            }
            if (chosen.Count > 10)
            {
                ModelState.AddModelError("Registration.MemberIds", Tr.Get("Puoi iscrivere da 1 a 10 persone."));
                return false;
            }
            Registration.Places = chosen.Count;
            Registration.Participants = string.Join(", ", chosen.Select(m => $"{m.FirstName} {m.LastName}".Trim()));
            return ModelState.IsValid;
        }
        if (Members.Count > 0 && string.IsNullOrWhiteSpace(Registration.Participants))
        {
            ModelState.Remove("Registration.Participants");
            ModelState.AddModelError("Registration.MemberIds", Tr.Get("Spunta chi partecipa, oppure scrivi i nomi di altre persone."));
        }
        return ModelState.IsValid;
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, Guid registrationId)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!await LoadAsync(id)) return NotFound();
        var outcome = await registrations.CancelAsync(registrationId, user.Id);
        if (outcome == CancelOutcome.NotFound) return NotFound();
        TempData["Message"] = outcome == CancelOutcome.Cancelled ? Tr.Get("Iscrizione annullata.") : Tr.Get("L'iscrizione era già annullata.");
        return Redirect($"/opportunita/{id}#date");
    }

    public string ShareUrl => $"{Platform.PublicSite.OriginOf(HttpContext)}/opportunita/{View.Opportunity.Id}?rete={current.Network?.Slug}";

    public string MapPoints() => System.Text.Json.JsonSerializer.Serialize(View.Locations.Where(l => l.Latitude is not null && l.Longitude is not null)
        .Select(l => new { id = View.Opportunity.Id, title = l.Name, lat = l.Latitude, lon = l.Longitude, place = l.Address }));
}

/// <summary>The participant fields of a registration form (one per date, or one for a course).</summary>
public sealed record RegistrationFields(IReadOnlyList<Families.FamilyMember> Members, IReadOnlyCollection<Guid> Ticked, string FormId, string Button);
