using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Layout;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Sharing.Exchange.Pages;

/// <summary>The family's own posts and those promised to it.</summary>
public class MineModel(SearchPosts search, SharingAccess access, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "pagina")] public int PageNumber { get; set; } = 1;
    public Paged<SearchPosts.MyLine> Result { get; private set; } = new([], 0, 1, 20);
    public Pager Pager => new(Result.Page, Result.Pages, Result.Total, "/condividi/i-miei-annunci", Request.Query);
    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await access.IsMemberAsync()) return NotFound();
        if (ModelState["pagina"]?.Errors.Count > 0) PageNumber = 1;
        ModelState.Clear();
        Today = RomeTime.Today(clock);
        Result = await search.MineAsync(access.NetworkId, access.UserId!.Value, PageNumber);
        return Page();
    }
}

/// <summary>The family's saved searches: the daily e-mail on or off, delete.</summary>
public class SearchesModel(SavedSearches saved, SharingAccess access, AppDbContext db) : PageModel
{
    public List<SavedSearch> Searches { get; private set; } = [];
    public Dictionary<Guid, string> Comuni { get; private set; } = [];

    async Task LoadAsync()
    {
        Searches = await saved.MineAsync(access.NetworkId, access.UserId!.Value);
        Comuni = await db.Comuni.AsNoTracking().Where(c => c.NetworkId == access.NetworkId).ToDictionaryAsync(c => c.Id, c => c.Name);
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await access.IsMemberAsync()) return NotFound();
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostDigestAsync(Guid search, bool on)
    {
        if (!await access.IsMemberAsync()) return NotFound();
        if (!await saved.SetDigestAsync(access.NetworkId, access.UserId!.Value, search, on)) return NotFound();
        TempData["Message"] = on ? Tr.Get("Riceverete ogni mattina un'email con i nuovi annunci.") : Tr.Get("Email giornaliera disattivata.");
        return Redirect("/condividi/ricerche");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid search)
    {
        if (!await access.IsMemberAsync()) return NotFound();
        if (!await saved.DeleteAsync(access.NetworkId, access.UserId!.Value, search)) return NotFound();
        TempData["Message"] = Tr.Get("Ricerca eliminata.");
        return Redirect("/condividi/ricerche");
    }
}

/// <summary>The moderators' queue: posts waiting (with their reasons) and open reports.</summary>
public class ModerationModel(Moderation moderation, PostLifecycle lifecycle, SharingAccess access) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "pagina")] public int PageNumber { get; set; } = 1;
    [BindProperty] public string? Reason { get; set; }
    public Paged<Moderation.WaitingPost> Waiting { get; private set; } = new([], 0, 1, 20);
    public List<Moderation.OpenReport> Reports { get; private set; } = [];
    public Pager Pager => new(Waiting.Page, Waiting.Pages, Waiting.Total, "/condividi/moderazione", Request.Query);
    public Guid? Failed { get; private set; }

    async Task LoadAsync()
    {
        if (ModelState["pagina"]?.Errors.Count > 0) PageNumber = 1;
        Waiting = await moderation.WaitingAsync(access.NetworkId, PageNumber);
        Reports = await moderation.ReportsAsync(access.NetworkId);
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await access.IsModeratorAsync()) return Forbid();
        ModelState.Clear();
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostDecideAsync(Guid post, bool approve)
    {
        if (!await access.IsModeratorAsync()) return Forbid();
        ModelState.Clear();
        var found = await lifecycle.FindAsync(access.NetworkId, post, access.UserId!.Value, true);
        if (found is null) return NotFound();
        if (await lifecycle.ModerateAsync(found, access.UserId!.Value, approve, Reason) is { } problem)
        {
            ModelState.AddModelError("Reason", problem);
            Failed = post;
            await LoadAsync();
            return Page();
        }
        TempData["Message"] = approve ? Tr.Get("«{0}» pubblicato.", found.Title) : Tr.Get("«{0}» non pubblicato: la famiglia riceve il motivo.", found.Title);
        return Redirect("/condividi/moderazione");
    }

    public async Task<IActionResult> OnPostResolveAsync(Guid report, bool remove)
    {
        if (!await access.IsModeratorAsync()) return Forbid();
        if (await moderation.ResolveReportAsync(access.NetworkId, report, access.UserId!.Value, remove) is { } problem)
        {
            TempData["Message"] = problem;
            return Redirect("/condividi/moderazione");
        }
        TempData["Message"] = remove ? Tr.Get("Annuncio tolto e segnalazione chiusa.") : Tr.Get("Segnalazione chiusa.");
        return Redirect("/condividi/moderazione");
    }
}

/// <summary>A partner's staff: their collection point (on or off, opening hours) and the hand-overs waiting there.</summary>
public class PointModel(Moderation moderation, SharingAccess access, Platform.Tenancy.CurrentAccess current, AppDbContext db) : PageModel
{
    public sealed record PartnerPoint(Guid PartnerId, string Name, bool On, string? Hours);
    public sealed record Waiting(Guid Id, string Title, PostStatus Status, bool OwnerConfirmed, bool TakerConfirmed, string Partner);

    [BindProperty] public Guid PartnerId { get; set; }
    [BindProperty] public bool On { get; set; }
    [BindProperty] public string? Hours { get; set; }
    public List<PartnerPoint> Partners { get; private set; } = [];
    public List<Waiting> Posts { get; private set; } = [];

    async Task<List<Guid>> MineAsync() => (await current.PartnersHereAsync(Platform.Auth.NetworkRole.PartnerStaff)).ToList();

    async Task LoadAsync(List<Guid> mine)
    {
        var points = await db.SharingCollectionPoints.AsNoTracking().Where(c => mine.Contains(c.PartnerId)).ToDictionaryAsync(c => c.PartnerId);
        Partners = (await db.Partners.AsNoTracking().Where(p => mine.Contains(p.Id) && p.NetworkId == access.NetworkId).OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).ToListAsync())
            .Select(p => new PartnerPoint(p.Id, p.Name, points.ContainsKey(p.Id), points.TryGetValue(p.Id, out var c) ? c.Hours : null)).ToList();
        var on = points.Keys.ToList();
        Posts = await db.SharingPosts.AsNoTracking().Where(p => p.NetworkId == access.NetworkId && p.CollectionPointId != null && on.Contains(p.CollectionPointId.Value)
                && (p.Status == PostStatus.Published || p.Status == PostStatus.Promised))
            .OrderBy(p => p.Status).ThenByDescending(p => p.PromisedAt).Take(100)
            .Select(p => new Waiting(p.Id, p.Title, p.Status, p.OwnerConfirmedAt != null, p.TakerConfirmedAt != null, db.Partners.Where(x => x.Id == p.CollectionPointId).Select(x => x.Name).First()))
            .ToListAsync();
    }

    public async Task<IActionResult> OnGetAsync()
    {
        var mine = await MineAsync();
        if (mine.Count == 0) return Forbid();
        await LoadAsync(mine);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var mine = await MineAsync();
        if (mine.Count == 0) return Forbid();
        if (!mine.Contains(PartnerId)) return NotFound();
        if (Hours is { Length: > 200 })
        {
            ModelState.AddModelError(nameof(Hours), Tr.Get("Gli orari possono avere al massimo 200 caratteri."));
            await LoadAsync(mine);
            return Page();
        }
        await moderation.SetCollectionPointAsync(access.NetworkId, PartnerId, On, Hours);
        TempData["Message"] = On ? Tr.Get("Il vostro ente è un punto di raccolta di Condividi.") : Tr.Get("Il vostro ente non è più un punto di raccolta.");
        return Redirect("/condividi/punto-raccolta");
    }
}
