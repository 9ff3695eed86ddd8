using Alleanza.Web.Modules.Sharing.Exchange;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Layout;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Sharing.Messages.Pages;

/// <summary>The person's private conversations in this network.</summary>
public class IndexModel(Conversations conversations, SharingAccess access) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "pagina")] public int PageNumber { get; set; } = 1;
    public Paged<Conversations.ConversationLine> Result { get; private set; } = new([], 0, 1, Conversations.PageSize);
    public Pager Pager => new(Result.Page, Result.Pages, Result.Total, "/condividi/messaggi", Request.Query);

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await access.IsMemberAsync()) return NotFound();
        if (ModelState["pagina"]?.Errors.Count > 0) PageNumber = 1;
        ModelState.Clear();
        Result = await conversations.ListAsync(access.NetworkId, access.UserId!.Value, PageNumber);
        return Page();
    }
}

/// <summary>One conversation: only its two people see it (anyone else: 404). Write, agree a hand-over (with its .ics), report, block.</summary>
public class ConversationModel(Conversations conversations, PostLifecycle lifecycle, SharingAccess access, AppDbContext db, PublicSite site) : PageModel
{
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public DateOnly? Day { get; set; }
    [BindProperty] public TimeOnly? Time { get; set; }
    [BindProperty] public string? Place { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public Conversation Conversation { get; private set; } = default!;
    public Guid Me { get; private set; }
    public string OtherName { get; private set; } = "";
    public (string Title, string Path)? Topic { get; private set; }
    public List<Conversations.MessageLine> Messages { get; private set; } = [];
    public bool IBlocked { get; private set; }
    public bool BlockedMe { get; private set; }
    public Guid? ReportFor { get; private set; }
    /// <summary>The collection point of the post this conversation is about (name and town, opening hours), if it has one.</summary>
    public (string Place, string? Hours)? Point { get; private set; }

    async Task<bool> LoadAsync(Guid id)
    {
        if (!await access.IsMemberAsync()) return false;
        Me = access.UserId!.Value;
        if (await conversations.FindAsync(access.NetworkId, Me, id) is not { } c) return false;
        Conversation = c;
        var other = c.Counterpart(Me);
        OtherName = Conversations.ShortName(await db.Users.Where(u => u.Id == other).Select(u => u.DisplayName).FirstOrDefaultAsync());
        Topic = await conversations.TopicAsync(c);
        Messages = await conversations.MessagesAsync(c.Id);
        IBlocked = await conversations.IsBlockedAsync(c.NetworkId, Me, other);
        BlockedMe = await conversations.IsBlockedAsync(c.NetworkId, other, Me);
        Point = await CollectionPointAsync(c);
        return true;
    }

    /// <summary>For a post handed over at a collection point: the point, proposed as the place of the hand-over.</summary>
    async Task<(string Place, string? Hours)?> CollectionPointAsync(Conversation c)
    {
        if (c.TopicKind != Conversations.ExchangeTopic) return null;
        var pointId = await db.SharingPosts.AsNoTracking().Where(p => p.Id == c.TopicId && p.NetworkId == c.NetworkId && p.HandOver == HandOverMode.CollectionPoint)
            .Select(p => p.CollectionPointId).FirstOrDefaultAsync();
        if (pointId is not { } id) return null;
        var partner = await db.Partners.AsNoTracking().Where(p => p.Id == id).Select(p => new { p.Name, p.City }).FirstOrDefaultAsync();
        if (partner is null) return null;
        var hours = await db.SharingCollectionPoints.AsNoTracking().Where(x => x.PartnerId == id && x.NetworkId == c.NetworkId).Select(x => x.Hours).FirstOrDefaultAsync();
        var place = partner.City is null ? partner.Name : $"{partner.Name}, {partner.City}";
        return (place.Length > 200 ? place[..200] : place, hours);
    }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        ModelState.Clear();
        await conversations.MarkReadAsync(Conversation, Me);
        if (Conversation.AgreedAt is { } at) { Day = DateOnly.FromDateTime(at.ToRome()); Time = TimeOnly.FromDateTime(at.ToRome()); Place = Conversation.AgreedPlace; }
        else Place = Point?.Place;
        return Page();
    }

    /// <summary>The agreed hand-over as a calendar file.</summary>
    public async Task<IActionResult> OnGetIcsAsync(Guid id)
    {
        if (!await LoadAsync(id) || Conversation.AgreedAt is null) return NotFound();
        var ics = Conversations.Ics(Conversation, Topic?.Title ?? "Condividi", site.Link(Conversations.ConversationPath(id)));
        return File(System.Text.Encoding.UTF8.GetBytes(ics), "text/calendar; charset=utf-8", "consegna.ics");
    }

    async Task<IActionResult> AgainAsync(Guid id)
    {
        await LoadAsync(id);
        return Page();
    }

    public async Task<IActionResult> OnPostWriteAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        ModelState.Clear();
        if (await conversations.WriteAsync(Conversation, Me, Text) is { } problem)
        {
            ModelState.AddModelError(nameof(Text), problem);
            return Page();
        }
        return Redirect(Conversations.ConversationPath(id) + "#ultimo");
    }

    public async Task<IActionResult> OnPostAgreeAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var junk = ModelState.Where(e => e.Value!.Errors.Count > 0).Select(e => e.Key).ToList();
        ModelState.Clear();
        foreach (var key in junk) ModelState.AddModelError(key, key == nameof(Day) ? Tr.Get("Indica un giorno valido.") : key == nameof(Time) ? Tr.Get("Indica un'ora valida (per esempio 17:30).") : Tr.Get("Valore non valido."));
        if (BlockedMe || IBlocked) ModelState.AddModelError("", Tr.Get("Con un blocco attivo non si può concordare la consegna."));
        if (ModelState.IsValid)
            foreach (var (key, message) in await conversations.AgreeAsync(Conversation, Me, Day, Time, Place))
                ModelState.AddModelError(key, message);
        if (!ModelState.IsValid) return await AgainAsync(id);
        TempData["Message"] = Tr.Get("Consegna concordata: scaricate il promemoria per il calendario.");
        return Redirect(Conversations.ConversationPath(id));
    }

    public async Task<IActionResult> OnPostReportAsync(Guid id, Guid message)
    {
        if (!await LoadAsync(id)) return NotFound();
        ModelState.Clear();
        // Only the other person's messages of this conversation can be reported.
        if (!Messages.Any(m => m.Id == message && m.AuthorUserId != Me)) return NotFound();
        if (await lifecycle.ReportAsync(access.NetworkId, Me, null, message, Reason) is { } problem)
        {
            ModelState.AddModelError(nameof(Reason), problem);
            ReportFor = message;
            return Page();
        }
        TempData["Message"] = Tr.Get("Messaggio segnalato ai moderatori della rete.");
        return Redirect(Conversations.ConversationPath(id));
    }

    public async Task<IActionResult> OnPostBlockAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        ModelState.Clear();
        var problem = await conversations.BlockAsync(access.NetworkId, Me, Conversation.Counterpart(Me));
        TempData["Message"] = problem ?? Tr.Get("Persona bloccata: non potrà più scrivervi.");
        return Redirect(Conversations.ConversationPath(id));
    }

    public async Task<IActionResult> OnPostUnblockAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        await conversations.UnblockAsync(access.NetworkId, Me, Conversation.Counterpart(Me));
        TempData["Message"] = Tr.Get("Persona sbloccata.");
        return Redirect(Conversations.ConversationPath(id));
    }
}
