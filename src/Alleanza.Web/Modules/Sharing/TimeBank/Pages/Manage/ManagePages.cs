using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Layout;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Alleanza.Web.Modules.Sharing.TimeBank.Pages.Manage;

/// <summary>The base of the managers' pages: anyone else gets 404, as for an object of another network.</summary>
public abstract class ManagerPage(TimeBankAccess access) : PageModel
{
    public TimeBankAccess.Me Me { get; private set; } = new(null, null, false, false);
    public Bank Bank => Me.Bank!;
    protected Guid UserId => access.UserId!.Value;
    protected bool IsSignedIn => access.UserId is not null;

    protected async Task<bool> IsManagerAsync()
    {
        Me = await access.MeAsync();
        return Me.Bank is not null && Me.IsManager && access.UserId is not null;
    }
}

public class ManageIndexModel(TimeBankAccess access, BankAdministration admin, Exchanges exchanges, GroupActivities groups) : ManagerPage(access)
{
    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }
    [BindProperty(SupportsGet = true, Name = "pagina")] public int PageNumber { get; set; } = 1;
    [BindProperty] public string? Note { get; set; }
    public Paged<BankAdministration.MemberRow> Waiting { get; private set; } = new([], 0, 1, BankAdministration.PageSize);
    public Paged<BankAdministration.MemberRow> Members { get; private set; } = new([], 0, 1, BankAdministration.PageSize);
    public Pager Pager => new(Members.Page, Members.Pages, Members.Total, $"{TimeBankModule.Path}/gestione", Request.Query);
    public Paged<Exchanges.Row> Latest { get; private set; } = new([], 0, 1, Exchanges.PageSize);
    public List<GroupActivities.Row> Groups { get; private set; } = [];

    async Task LoadAsync()
    {
        if (Query is { Length: > 100 }) Query = Query[..100];
        Waiting = await admin.MembersAsync(Bank.Id, MemberStatus.Pending, null, 1);
        Members = await admin.MembersAsync(Bank.Id, MemberStatus.Active, Query, PageNumber);
        Latest = await exchanges.OfBankAsync(Bank.Id, 1);
        Groups = await groups.LatestAsync(Bank.Id, 5);
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (ModelState["pagina"]?.Errors.Count > 0) PageNumber = 1;
        ModelState.Clear();
        if (!await IsManagerAsync()) return NotFound();
        await LoadAsync();
        return Page();
    }

    public Task<IActionResult> OnPostAcceptAsync(Guid member) => DecideAsync(member, true);
    public Task<IActionResult> OnPostRejectAsync(Guid member) => DecideAsync(member, false);

    async Task<IActionResult> DecideAsync(Guid member, bool accept)
    {
        if (!await IsManagerAsync()) return NotFound();
        if (Note is { Length: > 500 })
        {
            ModelState.AddModelError(nameof(Note), Tr.Get("Il motivo può avere al massimo 500 caratteri."));
            await LoadAsync();
            return Page();
        }
        var result = await admin.DecideAsync(Bank, member, accept, Note, UserId);
        if (result == BankAdministration.Decision.NotFound) return NotFound();
        TempData["Message"] = result == BankAdministration.Decision.Done
            ? (accept ? Tr.Get("Richiesta accolta: il nuovo socio può scambiare ore.") : Tr.Get("Richiesta non accolta: la persona è stata avvisata."))
            : Tr.Get("Questa richiesta era già stata valutata: ecco lo stato aggiornato.");
        return Redirect($"{TimeBankModule.Path}/gestione");
    }
}

public class SettingsModel(TimeBankAccess access, BankAdministration admin) : ManagerPage(access)
{
    [BindProperty] public BankSettingsForm Input { get; set; } = new();
    [BindProperty] public ManagerForm Manager { get; set; } = new();
    public List<SelectListItem> Partners { get; private set; } = [];
    public List<BankAdministration.ManagerRow> Managers { get; private set; } = [];
    public bool Opening { get; private set; }
    public static List<SelectListItem> Policies =>
        [new(Tr.Get("Lo scambio non è registrato"), nameof(Ledger.LimitPolicy.Refuse)), new(Tr.Get("Lo scambio è registrato e segnalato ai gestori"), nameof(Ledger.LimitPolicy.Flag))];
    public static List<SelectListItem> Outcomes =>
        [new(Tr.Get("È confermato automaticamente"), nameof(UnconfirmedOutcome.AutoConfirm)), new(Tr.Get("Scade: le ore non passano"), nameof(UnconfirmedOutcome.Expire))];

    /// <summary>Managers of an open bank, or a coordinator opening it.</summary>
    async Task<bool> AllowedAsync()
    {
        if (await IsManagerAsync()) return true;
        Opening = Me.Bank is null && Me.CanOpen && IsSignedIn;
        return Opening;
    }

    async Task LoadAsync()
    {
        Partners = (await admin.PartnersAsync()).Select(p => new SelectListItem(p.Name, p.Id.ToString())).ToList();
        if (!Opening) Managers = await admin.ManagersAsync(Bank.Id);
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await AllowedAsync()) return NotFound();
        await LoadAsync();
        Input = Opening ? new BankSettingsForm { Rules = DefaultRules } : BankAdministration.FormOf(Bank);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await AllowedAsync()) return NotFound();
        await LoadAsync();
        ModelState.KeepOnly(nameof(Input));
        if (!ModelState.IsValid) return Page();
        var error = Opening ? await admin.OpenAsync(UserId, Input) : await admin.UpdateAsync(Bank, Input);
        if (error is { } e)
        {
            if (e.Field == "") { TempData["Message"] = e.Error; return Redirect($"{TimeBankModule.Path}/gestione"); }
            ModelState.AddModelError($"Input.{e.Field}", e.Error);
            return Page();
        }
        TempData["Message"] = Opening ? Tr.Get("Banca del tempo aperta: le famiglie possono chiedere di entrare.") : Tr.Get("Regole salvate.");
        return Redirect($"{TimeBankModule.Path}/gestione");
    }

    public async Task<IActionResult> OnPostAddManagerAsync()
    {
        if (!await IsManagerAsync()) return NotFound();
        await LoadAsync();
        Input = BankAdministration.FormOf(Bank);
        ModelState.KeepOnly(nameof(Manager));
        if (!ModelState.IsValid) return Page();
        if (await admin.AddManagerAsync(Bank.Id, Manager.Email!) is { } error) { ModelState.AddModelError("Manager.Email", error); return Page(); }
        TempData["Message"] = Tr.Get("Gestore aggiunto.");
        return Redirect($"{TimeBankModule.Path}/gestione/regole");
    }

    public async Task<IActionResult> OnPostRemoveManagerAsync(Guid user)
    {
        if (!await IsManagerAsync()) return NotFound();
        await admin.RemoveManagerAsync(Bank.Id, user);
        TempData["Message"] = Tr.Get("Gestore tolto.");
        return Redirect($"{TimeBankModule.Path}/gestione/regole");
    }

    const string DefaultRules = """
        1. Un'ora di aiuto vale un'ora, qualunque sia l'aiuto.
        2. Nella banca non circola denaro: solo tempo.
        3. Si registrano le ore dopo ogni scambio; chi ha ricevuto l'aiuto le conferma.
        4. Rispetto, puntualità e riservatezza verso le famiglie che si aiutano.
        5. I gestori possono sospendere chi non rispetta il regolamento.
        """;
}

public class RecordModel(TimeBankAccess access, BankAdministration admin, Exchanges exchanges, TimeProvider clock) : ManagerPage(access)
{
    [BindProperty] public ExchangeForm Input { get; set; } = new();
    public List<SelectListItem> Members { get; private set; } = [];

    async Task LoadAsync() => Members = (await admin.ActiveMembersAsync(Bank.Id)).Select(m => new SelectListItem(m.Name, m.Id.ToString())).ToList();

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await IsManagerAsync()) return NotFound();
        await LoadAsync();
        Input = new ExchangeForm { On = RomeTime.Today(clock), RequestId = Guid.NewGuid(), Hours = 1 };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await IsManagerAsync()) return NotFound();
        await LoadAsync();
        if (!ModelState.IsValid) return Page();
        var result = await exchanges.RecordForAsync(Bank, UserId, Input);
        if (result.Outcome is Exchanges.Outcome.Invalid or Exchanges.Outcome.BelowLimit)
        {
            ModelState.AddModelError($"Input.{result.Field}", result.Error!);
            return Page();
        }
        TempData["Message"] = result.Outcome == Exchanges.Outcome.AlreadyDone ? Tr.Get("Questo scambio era già stato registrato.") : Tr.Get("Scambio registrato e ore trasferite; i due soci sono stati avvisati.");
        return Redirect($"{TimeBankModule.Path}/scambi/{result.ExchangeId}");
    }
}

public class GroupModel(TimeBankAccess access, BankAdministration admin, GroupActivities groups, TimeProvider clock) : ManagerPage(access)
{
    [BindProperty] public GroupActivityForm Input { get; set; } = new();
    public List<SelectListItem> Members { get; private set; } = [];

    async Task LoadAsync() => Members = (await admin.ActiveMembersAsync(Bank.Id)).Select(m => new SelectListItem(m.Name, m.Id.ToString())).ToList();

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await IsManagerAsync()) return NotFound();
        await LoadAsync();
        Input = new GroupActivityForm { On = RomeTime.Today(clock), RequestId = Guid.NewGuid(), TeacherHours = 2, ParticipantHours = 1 };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await IsManagerAsync()) return NotFound();
        await LoadAsync();
        if (!ModelState.IsValid) return Page();
        var result = await groups.RecordAsync(Bank, UserId, Input);
        if (result.Error is { } error)
        {
            ModelState.AddModelError($"Input.{result.Field}", error);
            return Page();
        }
        TempData["Message"] = result.AlreadyDone ? Tr.Get("Questa attività era già stata registrata.") : Tr.Get("Attività registrata: le ore dei partecipanti, di chi l'ha tenuta e della banca sono state aggiornate.");
        return Redirect($"{TimeBankModule.Path}/gestione");
    }
}

public class ReportsModel(TimeBankAccess access, TimeBankReports reports) : ManagerPage(access)
{
    public TimeBankReports.Report Report { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await IsManagerAsync()) return NotFound();
        Report = await reports.BuildAsync(Bank);
        return Page();
    }
}
