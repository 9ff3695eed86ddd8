using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Layout;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Alleanza.Web.Modules.Support.Volunteers.Pages;

public class RegistryModel(VolunteerAdministration volunteers, VolunteerRegistry registry, CommunityAccess access) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }
    [BindProperty(SupportsGet = true, Name = "certificato")] public string? State { get; set; }
    [BindProperty(SupportsGet = true, Name = "pagina")] public int PageNumber { get; set; } = 1;
    public Paged<VolunteerAdministration.Row> Result { get; private set; } = new([], 0, 1, VolunteerAdministration.PageSize);
    public Pager Pager => new(Result.Page, Result.Pages, Result.Total, "/volontari", Request.Query);
    public CommunitySettings Settings { get; private set; } = new();
    public bool IsCoordinator { get; private set; }

    public async Task OnGetAsync()
    {
        if (ModelState["pagina"]?.Errors.Count > 0) PageNumber = 1;
        ModelState.Clear();
        if (Query is { Length: > 200 }) Query = Query[..200];
        Settings = await registry.SettingsAsync(access.NetworkId);
        IsCoordinator = await access.IsCoordinatorAsync();
        Result = await volunteers.ListAsync(Query, ClearanceStates.FromSlug(State), PageNumber);
    }
}

public class NewVolunteerModel(VolunteerAdministration volunteers) : PageModel
{
    [BindProperty] public RegisterVolunteerForm Input { get; set; } = new();

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var (id, error) = await volunteers.RegisterAsync(Input.Email!);
        if (id is null) { ModelState.AddModelError("Input.Email", error!); return Page(); }
        TempData["Message"] = Tr.Get("Volontario nel registro: completa la scheda con competenze, disponibilità, certificato e assicurazione.");
        return Redirect($"/volontari/{id}");
    }
}

public class VolunteerModel(VolunteerAdministration volunteers, VolunteerHoursLog hours, TimeProvider clock) : PageModel
{
    [BindProperty] public VolunteerForm Input { get; set; } = new();
    [BindProperty] public AssignmentForm Assignment { get; set; } = new();
    public VolunteerAdministration.Profile Profile { get; private set; } = default!;
    public List<VolunteerAdministration.AssignmentRow> Assignments { get; private set; } = [];
    public VolunteerHoursLog.Totals Totals { get; private set; } = new(0, 0);
    public static List<SelectListItem> Kinds => Enum.GetValues<AssignmentKind>().Select(k => new SelectListItem(AssignmentKinds.Label(k), k.ToString())).ToList();

    async Task<bool> LoadAsync(Guid id)
    {
        if (await volunteers.FindAsync(id) is not { } profile) return false;
        Profile = profile;
        Assignments = await volunteers.AssignmentsAsync(profile.Volunteer.NetworkId, profile.Volunteer.UserId);
        Totals = await hours.TotalsAsync(profile.Volunteer.NetworkId, profile.Volunteer.UserId);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var v = Profile.Volunteer;
        Input = new VolunteerForm { Skills = v.Skills, Availability = v.Availability, ClearanceDate = v.ClearanceDate, InsuredUntil = v.InsuredUntil, ReferentEmail = Profile.ReferentEmail };
        Assignment = new AssignmentForm { StartsOn = RomeTime.Today(clock) };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        ModelState.KeepOnly(nameof(Input));
        if (!ModelState.IsValid) return Page();
        if (await volunteers.UpdateAsync(id, Input) is { } error) { ModelState.AddModelError($"Input.{error.Field}", error.Error); return Page(); }
        TempData["Message"] = Tr.Get("Scheda del volontario salvata.");
        return Redirect($"/volontari/{id}");
    }

    public async Task<IActionResult> OnPostAssignAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        ModelState.KeepOnly(nameof(Assignment));
        if (!ModelState.IsValid) return Page();
        if (await volunteers.AssignAsync(Profile, Assignment) is { } refusal) { ModelState.AddModelError("Assignment.WithChildren", refusal); return Page(); }
        TempData["Message"] = Tr.Get("Incarico assegnato.");
        return Redirect($"/volontari/{id}#incarichi");
    }

    public async Task<IActionResult> OnPostEndAsync(Guid id, Guid assignmentId)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!await volunteers.EndAssignmentAsync(Profile, assignmentId)) return NotFound();
        TempData["Message"] = Tr.Get("Incarico concluso.");
        return Redirect($"/volontari/{id}#incarichi");
    }
}

public class HoursModel(VolunteerHoursLog hours) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "pagina")] public int PageNumber { get; set; } = 1;
    public Paged<VolunteerHoursLog.Line> Result { get; private set; } = new([], 0, 1, VolunteerHoursLog.PageSize);
    public Pager Pager => new(Result.Page, Result.Pages, Result.Total, "/volontari/ore", Request.Query);

    public async Task OnGetAsync()
    {
        if (ModelState["pagina"]?.Errors.Count > 0) PageNumber = 1;
        ModelState.Clear();
        Result = await hours.WaitingAsync(PageNumber);
    }

    public async Task<IActionResult> OnPostApproveAsync(Guid hoursId) => await DecideAsync(hoursId, true, null);

    public async Task<IActionResult> OnPostRejectAsync(Guid hoursId, string? note) => await DecideAsync(hoursId, false, note is { Length: > 500 } ? note[..500] : note);

    async Task<IActionResult> DecideAsync(Guid id, bool approve, string? note)
    {
        var outcome = await hours.DecideAsync(id, approve, note);
        if (outcome == HoursDecision.NotFound) return NotFound();
        TempData["Message"] = outcome == HoursDecision.AlreadyDecided ? Tr.Get("Queste ore erano già state decise: già fatto.") : approve ? Tr.Get("Ore approvate.") : Tr.Get("Ore respinte.");
        return Redirect("/volontari/ore");
    }
}

public class MineModel(VolunteerHoursLog hours, VolunteerAdministration volunteers, CommunityAccess access, VolunteerRegistry registry, TimeProvider clock) : PageModel
{
    [BindProperty] public HoursForm Input { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = "pagina")] public int PageNumber { get; set; } = 1;
    public Paged<VolunteerHoursLog.Line> Result { get; private set; } = new([], 0, 1, VolunteerHoursLog.PageSize);
    public Pager Pager => new(Result.Page, Result.Pages, Result.Total, "/volontari/la-mia-attivita", Request.Query);
    public VolunteerHoursLog.Totals Totals { get; private set; } = new(0, 0);
    public List<SelectListItem> Labs { get; private set; } = [];
    public List<VolunteerAdministration.AssignmentRow> Assignments { get; private set; } = [];
    public bool MayWorkWithChildren { get; private set; }

    async Task LoadAsync()
    {
        if (ModelState["pagina"]?.Errors.Count > 0) { PageNumber = 1; ModelState.Remove("pagina"); }
        var me = access.UserId!.Value;
        Result = await hours.MineAsync(me, PageNumber);
        Totals = await hours.TotalsAsync(access.NetworkId, me);
        Labs = (await hours.LabsOfAsync(me)).Select(l => new SelectListItem(l.Name, l.Id.ToString())).ToList();
        Assignments = await volunteers.AssignmentsAsync(access.NetworkId, me);
        MayWorkWithChildren = await registry.MayWorkWithChildrenAsync(access.NetworkId, me);
    }

    public async Task OnGetAsync()
    {
        ModelState.Clear();
        await LoadAsync();
        Input.Date = RomeTime.Today(clock);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        ModelState.KeepOnly(nameof(Input));
        if (!ModelState.IsValid) return Page();
        if (await hours.LogAsync(access.UserId!.Value, Input) is { } error) { ModelState.AddModelError($"Input.{error.Field}", error.Error); return Page(); }
        TempData["Message"] = Tr.Get("Ore registrate: il tuo referente le approverà.");
        return Redirect("/volontari/la-mia-attivita");
    }
}

public class SettingsModel(VolunteerRegistry registry, CommunitySettingsStore store, CommunityAccess access) : PageModel
{
    [BindProperty] public CommunitySettingsForm Input { get; set; } = new();

    public async Task OnGetAsync()
    {
        var s = await registry.SettingsAsync(access.NetworkId);
        Input = new CommunitySettingsForm { CompletionPercent = s.CompletionPercent, ClearanceValidityMonths = s.ClearanceValidityMonths, ClearanceReminderDays = s.ClearanceReminderDays, ListeningTopics = s.ListeningTopics };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        await store.SaveAsync(access.NetworkId, Input);
        TempData["Message"] = Tr.Get("Impostazioni salvate.");
        return Redirect("/volontari/impostazioni");
    }
}
