using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Layout;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Sharing.TimeBank.Pages;

/// <summary>/banca-del-tempo: what the bank is (public), joining it, and for its members the offers and requests and their own hours.</summary>
public class IndexModel(TimeBankAccess access, BankAdministration admin, Posts posts, Exchanges exchanges, AppDbContext db) : PageModel
{
    [BindProperty] public JoinForm Join { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = "tipo")] public PostKind? Kind { get; set; }
    [BindProperty(SupportsGet = true, Name = "categoria")] public HelpCategory? Category { get; set; }
    [BindProperty(SupportsGet = true, Name = "pagina")] public int PageNumber { get; set; } = 1;
    public TimeBankAccess.Me Me { get; private set; } = new(null, null, false, false);
    public Paged<Posts.Row> Result { get; private set; } = new([], 0, 1, Posts.PageSize);
    public Pager Pager => new(Result.Page, Result.Pages, Result.Total, TimeBankModule.Path, Request.Query);
    public List<Exchanges.Row> ToConfirm { get; private set; } = [];
    public long Balance { get; private set; }
    public List<Posts.Row> Mine { get; private set; } = [];

    async Task LoadAsync()
    {
        Me = await access.MeAsync();
        if (Me.Bank is null || !Me.IsActiveMember) return;
        if (Kind is { } k && !Enum.IsDefined(k)) Kind = null;
        if (Category is { } c && !Enum.IsDefined(c)) Category = null;
        Result = await posts.OpenAsync(Me.Bank.Id, Kind, Category, PageNumber);
        ToConfirm = await exchanges.ToConfirmAsync(Me.Member!.Id);
        Mine = await posts.MineAsync(Me.Member.Id);
        Balance = await db.LedgerAccounts.AsNoTracking().Where(a => a.Id == Me.Member.AccountId).Select(a => a.Balance).FirstOrDefaultAsync();
    }

    public async Task OnGetAsync()
    {
        if (ModelState["pagina"]?.Errors.Count > 0) PageNumber = 1;
        ModelState.Clear();
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostJoinAsync()
    {
        ModelState.KeepOnly(nameof(Join));
        Me = await access.MeAsync();
        if (Me.Bank is null) return NotFound();
        if (access.UserId is not { } userId) return Challenge();
        if (!ModelState.IsValid) { await LoadAsync(); return Page(); }
        if (await admin.AskToJoinAsync(Me.Bank, userId, Join) is { } error)
        {
            ModelState.AddModelError(Join.AcceptRules ? "" : "Join.AcceptRules", error);
            access.Refresh();
            await LoadAsync();
            return Page();
        }
        TempData["Message"] = Tr.Get("Richiesta inviata: i gestori della banca del tempo ti risponderanno presto.");
        return Redirect(TimeBankModule.Path);
    }
}

/// <summary>The base of the pages for the bank's active members: others go back to the landing page.</summary>
public abstract class MemberPage(TimeBankAccess access) : PageModel
{
    public TimeBankAccess.Me Me { get; private set; } = new(null, null, false, false);
    protected Bank Bank => Me.Bank!;
    protected BankMember Member => Me.Member!;

    protected async Task<bool> IsMemberAsync()
    {
        Me = await access.MeAsync();
        return Me.Bank is not null && Me.IsActiveMember;
    }

    protected IActionResult NotMember()
    {
        TempData["Message"] = Tr.Get("Per questa pagina bisogna essere soci della banca del tempo.");
        return Redirect(TimeBankModule.Path);
    }
}

public class NewPostModel(TimeBankAccess access, Posts posts) : MemberPage(access)
{
    [BindProperty] public PostForm Input { get; set; } = new();
    public static List<SelectListItem> Kinds => [new(Tr.Get("Offro aiuto"), nameof(PostKind.Offer)), new(Tr.Get("Cerco aiuto"), nameof(PostKind.Request))];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await IsMemberAsync()) return NotMember();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await IsMemberAsync()) return NotMember();
        if (!ModelState.IsValid) return Page();
        var id = await posts.PublishAsync(Member, Input);
        TempData["Message"] = Tr.Get("Annuncio pubblicato: lo vedono tutti i soci della banca.");
        return Redirect($"{TimeBankModule.Path}/annunci/{id}");
    }
}

public class PostModel(TimeBankAccess access, Posts posts, Messages.Conversations conversations, Platform.Data.AppDbContext db) : MemberPage(access)
{
    public Posts.Row Post { get; private set; } = default!;
    public bool IsMine => Post.MemberId == Member.Id;

    async Task<bool> LoadAsync(Guid id)
    {
        if (await posts.FindAsync(Bank.Id, id) is not { } post) return false;
        Post = post;
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await IsMemberAsync()) return NotMember();
        return await LoadAsync(id) ? Page() : NotFound();
    }

    /// <summary>«Scrivi»: the private conversation with the post's author about it (found again if it exists).</summary>
    public async Task<IActionResult> OnPostWriteAsync(Guid id)
    {
        if (!await IsMemberAsync()) return NotMember();
        if (!await LoadAsync(id) || IsMine) return NotFound();
        var author = await db.TimeBankMembers.AsNoTracking().Where(m => m.Id == Post.MemberId).Select(m => m.UserId).FirstAsync();
        var opened = await conversations.OpenAsync(Bank.NetworkId, Member.UserId, author, TimeBankLinks.ConversationTopic, id, HttpContext.RequestAborted);
        if (opened.Id is Guid conversation) return Redirect(Messages.Conversations.ConversationPath(conversation));
        TempData["Message"] = opened.Problem;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostCloseAsync(Guid id)
    {
        if (!await IsMemberAsync()) return NotMember();
        if (!await LoadAsync(id) || !IsMine) return NotFound();
        TempData["Message"] = await posts.CloseAsync(Member, id) ? Tr.Get("Annuncio chiuso: non compare più nell'elenco.") : Tr.Get("L'annuncio era già chiuso.");
        return Redirect(TimeBankModule.Path);
    }
}

public class NewExchangeModel(TimeBankAccess access, BankAdministration admin, Exchanges exchanges, Posts posts, ReciprocalBanks reciprocity, TimeProvider clock) : MemberPage(access)
{
    [BindProperty] public ExchangeForm Input { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = "annuncio")] public Guid? PostId { get; set; }
    public List<SelectListItem> Others { get; private set; } = [];
    public Posts.Row? Post { get; private set; }
    public static List<SelectListItem> Sides => [new(Tr.Get("Ho ricevuto l'aiuto (le ore passano subito)"), nameof(MySide.Received)), new(Tr.Get("Ho dato l'aiuto (l'altro socio conferma)"), nameof(MySide.Gave))];

    async Task LoadAsync()
    {
        Others = (await admin.ActiveMembersAsync(Bank.Id, Member.Id)).Select(m => new SelectListItem(m.Name, m.Id.ToString())).ToList();
        // Members of the banks in reciprocity (the networks that agreed it), after this bank's.
        var group = new SelectListGroup { Name = Tr.Get("Banche in reciprocità") };
        Others.AddRange((await reciprocity.MembersAsync(Bank)).Select(m => new SelectListItem(m.Name, m.Id.ToString()) { Group = group }));
        if ((Input.PostId ?? PostId) is { } p) Post = await posts.FindAsync(Bank.Id, p);
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await IsMemberAsync()) return NotMember();
        ModelState.Clear();
        await LoadAsync();
        Input = new ExchangeForm { On = RomeTime.Today(clock), RequestId = Guid.NewGuid(), Hours = 1 };
        if (Post is not null)
        {
            Input.PostId = Post.Id;
            Input.Category = Post.Category;
            if (Post.MemberId != Member.Id)
            {
                Input.OtherMemberId = Post.MemberId;
                // An offer answered: the author gives, I receive. A request answered: I give.
                Input.Side = Post.Kind == PostKind.Offer ? MySide.Received : MySide.Gave;
            }
            Input.Description = Post.Title;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await IsMemberAsync()) return NotMember();
        // The list of members (every active member of the bank, and of the banks in reciprocity) only when the form is shown
        // again: read on every POST it was most of the cost of recording hours in a large bank (bench scenario timebank-transfer).
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        var result = await exchanges.RecordAsync(Bank, Member, Input);
        switch (result.Outcome)
        {
            case Exchanges.Outcome.Invalid:
            case Exchanges.Outcome.BelowLimit:
                ModelState.AddModelError($"Input.{result.Field}", result.Error!);
                await LoadAsync();
                return Page();
            case Exchanges.Outcome.AlreadyDone:
                TempData["Message"] = Tr.Get("Questo scambio era già stato registrato.");
                break;
            case Exchanges.Outcome.Pending:
                TempData["Message"] = Tr.Get("Scambio registrato: ora l'altro socio deve confermarlo.");
                break;
            default:
                TempData["Message"] = result.Flagged ? Tr.Get("Scambio registrato e ore trasferite. Attenzione: il saldo di chi ha ricevuto è oltre il debito massimo, i gestori lo vedranno.") : Tr.Get("Scambio registrato e ore trasferite.");
                break;
        }
        return Redirect($"{TimeBankModule.Path}/scambi/{result.ExchangeId}");
    }
}

public class ExchangeModel(TimeBankAccess access, Exchanges exchanges) : PageModel
{
    public Exchanges.Row Exchange { get; private set; } = default!;
    public TimeBankAccess.Me Me { get; private set; } = new(null, null, false, false);
    public bool CanDecide => Exchange.Status == ExchangeStatus.Pending && Me.Member?.Id == Exchange.ReceiverId;

    async Task<bool> LoadAsync(Guid id)
    {
        Me = await access.MeAsync();
        if (Me.Bank is null) return false;
        if (await exchanges.FindAsync(Me.Bank, id, Me.Member?.Id, Me.IsManager) is not { } row) return false;
        Exchange = row;
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public Task<IActionResult> OnPostConfirmAsync(Guid id) => DecideAsync(id, confirm: true);
    public Task<IActionResult> OnPostDeclineAsync(Guid id) => DecideAsync(id, confirm: false);

    async Task<IActionResult> DecideAsync(Guid id, bool confirm)
    {
        if (!await LoadAsync(id) || Me.Member?.Id != Exchange.ReceiverId) return NotFound();
        var result = confirm ? await exchanges.ConfirmAsync(Me.Bank!, Me.Member, id) : await exchanges.DeclineAsync(Me.Bank!, Me.Member, id);
        TempData["Message"] = result.Outcome switch
        {
            Exchanges.Outcome.Done when confirm => Tr.Get("Scambio confermato: le ore sono state trasferite."),
            Exchanges.Outcome.Done => Tr.Get("Hai rifiutato lo scambio: nessuna ora è stata trasferita."),
            Exchanges.Outcome.BelowLimit => result.Error,
            _ => Tr.Get("Questo scambio era già stato confermato, rifiutato o era scaduto: ecco il suo stato."),
        };
        return Redirect($"{TimeBankModule.Path}/scambi/{id}");
    }
}

public class StatementModel(TimeBankAccess access, Statements statements, Exchanges exchanges) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "socio")] public Guid? MemberId { get; set; }
    [BindProperty(SupportsGet = true, Name = "pagina")] public int PageNumber { get; set; } = 1;
    public Statements.Header Header { get; private set; } = default!;
    public Guid ShownMemberId { get; private set; }
    public bool OfOther { get; private set; }
    public Paged<Statements.Line> Result { get; private set; } = new([], 0, 1, Statements.PageSize);
    public Pager Pager => new(Result.Page, Result.Pages, Result.Total, $"{TimeBankModule.Path}/estratto", Request.Query);
    public Paged<Exchanges.Row> Pending { get; private set; } = new([], 0, 1, Exchanges.PageSize);
    public string Query => OfOther ? $"?socio={ShownMemberId}" : "";

    public async Task<IActionResult> OnGetAsync()
    {
        if (ModelState["pagina"]?.Errors.Count > 0) PageNumber = 1;
        if (ModelState["socio"]?.Errors.Count > 0) return NotFound();
        var me = await access.MeAsync();
        if (await TimeBankModule.StatementOfAsync(MemberId, access, statements) is not { } found)
        {
            if (MemberId is null && me.Bank is not null && !me.IsActiveMember) { TempData["Message"] = "L'estratto conto è per i soci della banca del tempo."; return Redirect(TimeBankModule.Path); }
            return NotFound();
        }
        (ShownMemberId, Header) = found;
        OfOther = ShownMemberId != me.Member?.Id;
        Result = await statements.PageAsync(ShownMemberId, PageNumber);
        Pending = await exchanges.OfMemberAsync(ShownMemberId, 1);
        return Page();
    }
}
