using Alleanza.Web.Modules.Support.Volunteers;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Layout;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Alleanza.Web.Modules.Support.Labs.Pages.Manage;

public class MyLabsModel(LabManagement labs, CommunityAccess access) : PageModel
{
    public List<LabManagement.LabRow> Labs { get; private set; } = [];
    public bool CanCreate { get; private set; }

    public async Task OnGetAsync()
    {
        Labs = await labs.MineAsync();
        CanCreate = await access.IsReferentAsync();
    }
}

/// <summary>The lab form's choices (partners, Comuni, the partner's catalogue opportunities).</summary>
public abstract class LabFormPage(LabManagement labs) : PageModel
{
    protected LabManagement Labs { get; } = labs;
    [BindProperty] public LabForm Input { get; set; } = new();
    public List<SelectListItem> Partners { get; private set; } = [];
    public List<SelectListItem> Comuni { get; private set; } = [];
    public List<SelectListItem> Opportunities { get; private set; } = [];

    protected async Task LoadChoicesAsync(Guid? partner)
    {
        Partners = (await Labs.PartnersAsync()).Select(p => new SelectListItem(p.Name, p.Id.ToString())).ToList();
        Comuni = (await Labs.ComuniAsync()).Select(c => new SelectListItem(c.Name, c.Id.ToString())).ToList();
        Opportunities = partner is { } p ? (await Labs.OpportunitiesAsync(p)).Select(o => new SelectListItem(o.Title, o.Id.ToString())).ToList() : [];
    }
}

public class NewLabModel(LabManagement labs, CommunityAccess access) : LabFormPage(labs)
{
    async Task<bool> MayCreateAsync() => await access.IsReferentAsync() && (await Labs.PartnersAsync()).Count > 0;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await MayCreateAsync()) return Forbid();
        await LoadChoicesAsync(null);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await MayCreateAsync()) return Forbid();
        await LoadChoicesAsync(null);
        Input.OpportunityId = null; // chosen after the lab exists, among its partner's opportunities
        if (!ModelState.IsValid) return Page();
        foreach (var (field, error) in await Labs.ValidateAsync(Input)) ModelState.AddModelError($"Input.{field}", error);
        if (!ModelState.IsValid) return Page();
        var lab = await Labs.CreateAsync(Input);
        TempData["Message"] = Tr.Get("Laboratorio «{0}» creato. Aggiungi ora i facilitatori e, se c'è, l'opportunità del catalogo dove pubblicare gli incontri.", lab.Name);
        return Redirect($"/laboratori/{lab.Id}/modifica");
    }
}

public class EditLabModel(LabManagement labs) : LabFormPage(labs)
{
    [BindProperty] public PersonEmailForm Facilitator { get; set; } = new();
    public LabAccess Access { get; private set; } = default!;
    public List<LabManagement.FacilitatorRow> Facilitators { get; private set; } = [];

    async Task<bool> LoadAsync(Guid id)
    {
        if (await Labs.AccessAsync(id) is not { CanEdit: true } access) return false;
        Access = access;
        Facilitators = await Labs.FacilitatorsAsync(id);
        await LoadChoicesAsync(access.Lab.PartnerId);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var l = Access.Lab;
        Input = new LabForm
        {
            PartnerId = l.PartnerId, Name = l.Name, Description = l.Description, Address = l.Address, ComuneId = l.ComuneId, Latitude = l.Latitude, Longitude = l.Longitude,
            OpeningHours = l.OpeningHours, WithChildren = l.WithChildren, OpportunityId = l.OpportunityId,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        ModelState.KeepOnly(nameof(Input));
        Input.PartnerId = Access.Lab.PartnerId; // the running partner does not change
        ModelState.Remove("Input.PartnerId");
        if (!ModelState.IsValid) return Page();
        foreach (var (field, error) in await Labs.ValidateAsync(Input, Access.Lab.PartnerId)) ModelState.AddModelError($"Input.{field}", error);
        if (!ModelState.IsValid) return Page();
        await Labs.UpdateAsync(id, Input);
        TempData["Message"] = Tr.Get("Modifiche salvate.");
        return Redirect($"/laboratori/{id}/modifica");
    }

    public async Task<IActionResult> OnPostAddFacilitatorAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        ModelState.KeepOnly(nameof(Facilitator));
        if (!ModelState.IsValid) return Page();
        if (await Labs.AddFacilitatorAsync(Access.Lab, Facilitator.Email!) is { } error) { ModelState.AddModelError("Facilitator.Email", error); return Page(); }
        TempData["Message"] = Tr.Get("Facilitatore aggiunto.");
        return Redirect($"/laboratori/{id}/modifica#facilitatori");
    }

    public async Task<IActionResult> OnPostRemoveFacilitatorAsync(Guid id, Guid userId)
    {
        if (!await LoadAsync(id)) return NotFound();
        await Labs.RemoveFacilitatorAsync(Access.Lab, userId);
        TempData["Message"] = Tr.Get("Facilitatore tolto dal laboratorio.");
        return Redirect($"/laboratori/{id}/modifica#facilitatori");
    }

    public async Task<IActionResult> OnPostCloseAsync(Guid id) => await SetClosedAsync(id, true);
    public async Task<IActionResult> OnPostReopenAsync(Guid id) => await SetClosedAsync(id, false);

    async Task<IActionResult> SetClosedAsync(Guid id, bool closed)
    {
        if (!await LoadAsync(id)) return NotFound();
        await Labs.SetClosedAsync(id, closed);
        TempData["Message"] = closed ? Tr.Get("Laboratorio chiuso: non compare più sul sito pubblico, i suoi dati restano.") : Tr.Get("Laboratorio riaperto.");
        return Redirect($"/laboratori/{id}/modifica");
    }
}

public class SessionsModel(LabManagement labs, LabSessions sessions) : PageModel
{
    [BindProperty] public LabSessionForm Input { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = "passati")] public bool Past { get; set; }
    [BindProperty(SupportsGet = true, Name = "pagina")] public int PageNumber { get; set; } = 1;
    public LabAccess Access { get; private set; } = default!;
    public Paged<LabSessions.SessionRow> Result { get; private set; } = new([], 0, 1, LabSessions.PageSize);
    public Pager Pager => new(Result.Page, Result.Pages, Result.Total, $"/laboratori/{Access.Lab.Id}/incontri", Request.Query);

    async Task<bool> LoadAsync(Guid id)
    {
        if (ModelState["pagina"]?.Errors.Count > 0) { PageNumber = 1; ModelState.Remove("pagina"); }
        if (ModelState["passati"]?.Errors.Count > 0) { Past = false; ModelState.Remove("passati"); }
        if (await labs.AccessAsync(id) is not { } access) return false;
        Access = access;
        Result = await sessions.ListAsync(id, !Past, PageNumber);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        ModelState.Clear();
        return await LoadAsync(id) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        ModelState.KeepOnly(nameof(Input));
        if (!ModelState.IsValid) return Page();
        var session = await sessions.CreateAsync(Access.Lab, Input);
        TempData["Message"] = session.OpportunitySessionId is null ? Tr.Get("Incontro aggiunto.") : Tr.Get("Incontro aggiunto e pubblicato nel catalogo delle opportunità.");
        return Redirect($"/laboratori/incontri/{session.Id}");
    }
}

public class SessionModel(LabManagement labs, LabSessions sessions) : PageModel
{
    [BindProperty] public PersonEmailForm Attendee { get; set; } = new();
    [BindProperty] public LabCountsForm Counts { get; set; } = new();
    [BindProperty] public LabSessionForm Edit { get; set; } = new();
    [BindProperty] public int EditVersion { get; set; }
    public LabAccess Access { get; private set; } = default!;
    public LabSessions.SessionPage View { get; private set; } = default!;

    async Task<bool> LoadAsync(Guid id)
    {
        if (await sessions.FindAsync(id, labs) is not { } found) return false;
        (Access, View) = found;
        return true;
    }

    void FillCounts()
    {
        var s = View.Session;
        Counts = new LabCountsForm { AdultsNew = s.AdultsNew, AdultsReturning = s.AdultsReturning, ChildrenNew = s.ChildrenNew, ChildrenReturning = s.ChildrenReturning, Version = s.Version };
    }

    void FillEdit()
    {
        var s = View.Session;
        var starts = RomeTime.ToRome(s.StartsAt);
        Edit = new LabSessionForm { Date = DateOnly.FromDateTime(starts), Start = TimeOnly.FromDateTime(starts), End = TimeOnly.FromDateTime(RomeTime.ToRome(s.EndsAt)), Theme = s.Theme, Activity = s.Activity };
        EditVersion = s.Version;
    }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        FillCounts();
        FillEdit();
        return Page();
    }

    /// <summary>Corrects the day, the times, the theme or the activity of the session.</summary>
    public async Task<IActionResult> OnPostEditAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        ModelState.KeepOnly(nameof(Edit));
        FillCounts();
        if (!ModelState.IsValid) return Page();
        TempData["Message"] = await sessions.UpdateAsync(Access.Lab, id, EditVersion, Edit)
            ? Tr.Get("Incontro aggiornato.")
            : Tr.Get("Qualcun altro ha modificato l'incontro nel frattempo: ecco la versione attuale, rifate la modifica se serve.");
        return Redirect($"/laboratori/incontri/{id}");
    }

    public async Task<IActionResult> OnPostAttendeeAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        ModelState.KeepOnly(nameof(Attendee));
        FillCounts();
        FillEdit();
        if (!ModelState.IsValid) return Page();
        var (outcome, name) = await sessions.AddAttendeeAsync(View.Session, Attendee.Email!);
        switch (outcome)
        {
            case AttendanceOutcome.NotInNetwork:
                ModelState.AddModelError("Attendee.Email", Tr.Get("Nessuna persona con un account nella rete ha questa email: contatela tra i presenti senza account."));
                return Page();
            case AttendanceOutcome.AlreadyThere:
                TempData["Message"] = Tr.Get("{0} era già tra i presenti: già fatto.", name);
                break;
            default:
                TempData["Message"] = Tr.Get("{0} segnato tra i presenti.", name);
                break;
        }
        return Redirect($"/laboratori/incontri/{id}");
    }

    public async Task<IActionResult> OnPostRemoveAttendeeAsync(Guid id, Guid userId)
    {
        if (!await LoadAsync(id)) return NotFound();
        await sessions.RemoveAttendeeAsync(id, userId);
        TempData["Message"] = Tr.Get("Persona tolta dai presenti.");
        return Redirect($"/laboratori/incontri/{id}");
    }

    public async Task<IActionResult> OnPostCountsAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        ModelState.KeepOnly(nameof(Counts));
        FillEdit();
        if (!ModelState.IsValid) return Page();
        if (!await sessions.SaveCountsAsync(id, Counts))
        {
            TempData["Message"] = Platform.Data.Concurrency.AlreadyDone;
            return Redirect($"/laboratori/incontri/{id}");
        }
        TempData["Message"] = Tr.Get("Presenze senza account salvate.");
        return Redirect($"/laboratori/incontri/{id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        await sessions.DeleteAsync(View.Session);
        TempData["Message"] = Tr.Get("Incontro eliminato.");
        return Redirect($"/laboratori/{Access.Lab.Id}/incontri");
    }
}

public class ListeningModel(LabManagement labs, ListeningLog log, VolunteerRegistry registry, TimeProvider clock) : PageModel
{
    [BindProperty] public ListeningForm Input { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = "tema")] public string? Topic { get; set; }
    [BindProperty(SupportsGet = true, Name = "pagina")] public int PageNumber { get; set; } = 1;
    public LabAccess Access { get; private set; } = default!;
    public IReadOnlyList<string> Topics { get; private set; } = [];
    public List<ListeningLog.TopicCount> ByTopic { get; private set; } = [];
    public Paged<ListeningLog.Line> Result { get; private set; } = new([], 0, 1, ListeningLog.PageSize);
    public Pager Pager => new(Result.Page, Result.Pages, Result.Total, $"/laboratori/{Access.Lab.Id}/ascolto", Request.Query);
    public static List<SelectListItem> FollowUps => Enum.GetValues<ListeningFollowUp>().Select(f => new SelectListItem(ListeningFollowUps.Label(f), f.ToString())).ToList();

    async Task<bool> LoadAsync(Guid id)
    {
        if (ModelState["pagina"]?.Errors.Count > 0) { PageNumber = 1; ModelState.Remove("pagina"); }
        if (await labs.AccessAsync(id) is not { } access) return false;
        Access = access;
        Topics = (await registry.SettingsAsync(access.Lab.NetworkId)).Topics;
        if (Topic is { Length: > 100 }) Topic = null;
        Result = await log.ListAsync(id, Topic, PageNumber);
        ByTopic = await log.ByTopicAsync(id);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        ModelState.Clear();
        if (!await LoadAsync(id)) return NotFound();
        Input.Date = RomeTime.Today(clock);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        ModelState.KeepOnly(nameof(Input));
        if (!ModelState.IsValid) return Page();
        if (await log.AddAsync(Access.Lab, Input, Topics) is { } error) { ModelState.AddModelError($"Input.{error.Field}", error.Error); return Page(); }
        TempData["Message"] = Tr.Get("Contatto registrato nel registro anonimo.");
        return Redirect($"/laboratori/{id}/ascolto");
    }
}
