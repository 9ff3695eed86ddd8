using Alleanza.Web.Modules.Sharing.Messages;
using Alleanza.Web.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Sharing.Exchange.Pages;

/// <summary>A post: its details and photos, and what the viewer may do with it now (ask, confirm, close, withdraw, repost, report).</summary>
public class PostModel(PostLifecycle lifecycle, SharingAccess access, AppDbContext db) : PageModel
{
    public sealed record Talk(Guid ConversationId, string Name, DateTime LastMessageAt);

    [BindProperty] public string? Message { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public ExchangeOutcome? Outcome { get; set; }
    [BindProperty] public bool NoShow { get; set; }

    public SharingPost Post { get; private set; } = default!;
    public List<Guid> PhotoIds { get; private set; } = [];
    public string Comune { get; private set; } = "";
    public (string Name, string? City, string? Hours)? Point { get; private set; }
    public string OwnerName { get; private set; } = "";
    public string? TakerName { get; private set; }
    public (Guid Id, string Title)? Swap { get; private set; }
    public Guid Me { get; private set; }
    public bool IsOwner => Post.OwnerUserId == Me;
    public bool IsTaker => Post.PromisedToUserId == Me;
    public bool IsPointStaff { get; private set; }
    public bool IsModerator { get; private set; }
    public Guid? MyConversation { get; private set; }
    public List<Talk> Talks { get; private set; } = [];
    public DateOnly Today { get; private set; }

    async Task<bool> LoadAsync(Guid id)
    {
        if (!await access.IsMemberAsync()) return false;
        Me = access.UserId!.Value;
        IsModerator = await access.IsModeratorAsync();
        var points = await access.MyCollectionPointsAsync();
        var post = await lifecycle.FindAsync(access.NetworkId, id, Me, IsModerator || points.Count > 0);
        if (post is null) return false;
        IsPointStaff = post.CollectionPointId is { } point && points.Contains(point);
        // Staff of another collection point see only what is public.
        if (!IsModerator && !IsPointStaff && post.OwnerUserId != Me && post.PromisedToUserId != Me
            && post.Status is not (PostStatus.Published or PostStatus.Promised or PostStatus.HandedOver or PostStatus.Closed)) return false;
        Post = post;
        Today = Platform.RomeTime.Today(HttpContext.RequestServices.GetRequiredService<TimeProvider>());
        PhotoIds = await db.SharingPhotos.AsNoTracking().Where(p => p.PostId == id).OrderBy(p => p.Position).Select(p => p.Id).ToListAsync();
        Comune = await db.Comuni.Where(c => c.Id == post.ComuneId).Select(c => c.Name).FirstOrDefaultAsync() ?? "";
        if (post.CollectionPointId is { } pid)
        {
            var partner = await db.Partners.AsNoTracking().Where(p => p.Id == pid).Select(p => new { p.Name, p.City }).FirstOrDefaultAsync();
            var hours = await db.SharingCollectionPoints.AsNoTracking().Where(c => c.PartnerId == pid).Select(c => c.Hours).FirstOrDefaultAsync();
            if (partner is not null) Point = (partner.Name, partner.City, hours);
        }
        var people = new[] { post.OwnerUserId, post.PromisedToUserId ?? Guid.Empty };
        var names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName);
        OwnerName = Conversations.ShortName(names.GetValueOrDefault(post.OwnerUserId));
        TakerName = post.PromisedToUserId is { } t ? Conversations.ShortName(names.GetValueOrDefault(t)) : null;
        if (post.SwapPostId is { } swap
            && await db.SharingPosts.AsNoTracking().Where(p => p.Id == swap && p.NetworkId == access.NetworkId).Select(p => new { p.Id, p.Title }).FirstOrDefaultAsync() is { } other)
            Swap = (other.Id, other.Title);
        var talks = db.Conversations.AsNoTracking().Where(c => c.NetworkId == access.NetworkId && c.TopicKind == Conversations.ExchangeTopic && c.TopicId == id);
        if (IsOwner)
        {
            var rows = await talks.Where(c => c.OtherUserId == Me).OrderByDescending(c => c.LastMessageAt).Take(50)
                .Select(c => new { c.Id, c.StarterUserId, c.LastMessageAt, Name = db.Users.Where(u => u.Id == c.StarterUserId).Select(u => u.DisplayName).FirstOrDefault() }).ToListAsync();
            Talks = rows.Select(r => new Talk(r.Id, Conversations.ShortName(r.Name), r.LastMessageAt)).ToList();
        }
        else MyConversation = await talks.Where(c => c.StarterUserId == Me).Select(c => (Guid?)c.Id).FirstOrDefaultAsync();
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        ModelState.Clear();
        return Page();
    }

    async Task<IActionResult> DoneAsync(Guid id, string? problem, string success, string? field = null)
    {
        if (problem is null)
        {
            TempData["Message"] = success;
            return Redirect($"/condividi/{id}");
        }
        ModelState.AddModelError(field ?? "", problem);
        await LoadAsync(id);
        return Page();
    }

    public async Task<IActionResult> OnPostAskAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        ModelState.Clear();
        var (conversation, problem) = await lifecycle.AskAsync(Post, Me, Message);
        if (problem is null && conversation is { } c)
        {
            TempData["Message"] = Post.Kind == PostKind.Request ? Tr.Get("Avete risposto: ora concordate la consegna con la famiglia.") : Tr.Get("È promesso a voi: ora concordate la consegna con la famiglia.");
            return Redirect(Conversations.ConversationPath(c));
        }
        return await DoneAsync(id, problem ?? Concurrency.AlreadyDone, "", "Message");
    }

    public async Task<IActionResult> OnPostReleaseAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        ModelState.Clear();
        return await DoneAsync(id, await lifecycle.ReleaseAsync(Post, Me, NoShow), Tr.Get("La promessa è annullata: l'annuncio è di nuovo disponibile."));
    }

    public async Task<IActionResult> OnPostConfirmAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        ModelState.Clear();
        var asPoint = IsPointStaff && !IsOwner && !IsTaker;
        var problem = await lifecycle.ConfirmAsync(Post, Me, asPoint);
        return await DoneAsync(id, problem, Post.Status == PostStatus.HandedOver ? Tr.Get("Consegna confermata.") : Tr.Get("Conferma registrata: manca quella dell'altra famiglia."));
    }

    public async Task<IActionResult> OnPostCloseAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        ModelState.Clear();
        return await DoneAsync(id, await lifecycle.CloseAsync(Post, Me, Outcome), Post.Kind == PostKind.Loan ? Tr.Get("Prestito restituito: scambio concluso.") : Tr.Get("Scambio concluso. Grazie!"), "Outcome");
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        ModelState.Clear();
        return await DoneAsync(id, await lifecycle.WithdrawAsync(Post, Me), Tr.Get("Annuncio ritirato."));
    }

    public async Task<IActionResult> OnPostRepostAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        ModelState.Clear();
        return await DoneAsync(id, await lifecycle.RepostAsync(Post, Me), Tr.Get("Annuncio ripubblicato."));
    }

    public async Task<IActionResult> OnPostReportAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        ModelState.Clear();
        return await DoneAsync(id, await lifecycle.ReportAsync(access.NetworkId, Me, id, null, Reason), Tr.Get("Segnalazione inviata ai moderatori della rete. Grazie."), "Reason");
    }
}
