using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Email;
using Alleanza.Web.Platform.Layout;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Alleanza.Web.Modules.Network.Messages.Pages;

/// <summary>/gestione/comunicazioni: what the network wrote to its people, newest first, with each message's delivery.</summary>
public class MessagesModel(NetworkMessages messages, CurrentNetwork network) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "pagina")] public int PageNumber { get; set; } = 1;
    public Paged<NetworkMessages.Row> Result { get; private set; } = new([], 0, 1, NetworkMessages.PageSize);
    public Pager Pager => new(Result.Page, Result.Pages, Result.Total, Request.Path, Request.Query);

    public async Task OnGetAsync()
    {
        if (ModelState["pagina"]?.Errors.Count > 0 || PageNumber < 1) PageNumber = 1;
        Result = await messages.ListAsync(network.Id, PageNumber);
    }
}

/// <summary>/gestione/comunicazioni/nuova: choose who, write, preview (how many people it reaches), try it on oneself, send.</summary>
public class NewMessageModel(NetworkMessages messages, CurrentNetwork network, CurrentAccess access, Platform.Data.AppDbContext db, Mailer mailer,
    Microsoft.AspNetCore.Identity.UserManager<Platform.Auth.AppUser> users) : PageModel
{
    [BindProperty] public MessageForm Input { get; set; } = new();
    public List<SelectListItem> Comuni { get; private set; } = [];
    public List<SelectListItem> Audiences { get; } = Enum.GetValues<MessageAudience>().Where(a => a != MessageAudience.SessionRegistrants)
        .Select(a => new SelectListItem(Plan.PlanLabels.Of(a), a.ToString())).ToList();
    /// <summary>Set after «Anteprima»: how many people the message reaches, and the audience in words.</summary>
    public NetworkMessages.Reach? Preview { get; private set; }

    async Task LoadAsync() => Comuni = await db.ComuneSelectListAsync(network.Id, Input.ComuneId);

    public async Task OnGetAsync() => await LoadAsync();

    async Task<bool> ValidAsync()
    {
        await LoadAsync();
        if (Input.ComuneId is { } c && !Comuni.Any(x => x.Value == c.ToString()))
            ModelState.AddModelError("Input.ComuneId", Tr.Get("Il Comune scelto non è di questa rete."));
        return ModelState.IsValid;
    }

    public async Task<IActionResult> OnPostPreviewAsync()
    {
        if (!await ValidAsync()) return Page();
        Preview = await messages.ReachAsync(network.Id, NetworkMessages.Of(Input));
        return Page();
    }

    public async Task<IActionResult> OnPostTestAsync()
    {
        if (!await ValidAsync()) return Page();
        Preview = await messages.ReachAsync(network.Id, NetworkMessages.Of(Input));
        var me = await users.GetUserAsync(User);
        if (me?.Email is null) return Forbid();
        await mailer.SendAsync(me.Email, $"[PROVA] {Input.Subject!.Trim()}",
            $"Questa è una prova: il messaggio vero andrà a {Preview.Text.ToLowerInvariant()} ({Preview.UserIds.Count}).\n\n{Input.Body!.Trim()}\n\n— {me.DisplayName}, {network.Network!.Name}");
        TempData["Message"] = Tr.Get("Prova inviata a {0}.", me.Email);
        return Page();
    }

    public async Task<IActionResult> OnPostSendAsync()
    {
        if (!await ValidAsync()) return Page();
        var me = await users.GetUserAsync(User);
        var id = await messages.SendAsync(network.Id, NetworkMessages.Of(Input), Input.Subject!, Input.Body!, access.UserId!.Value, me?.DisplayName ?? User.Identity?.Name ?? "");
        if (id is null)
        {
            Preview = new([], (await messages.ReachAsync(network.Id, NetworkMessages.Of(Input))).Text);
            ModelState.AddModelError("Input.Audience", Tr.Get("Nessuna persona corrisponde a questi destinatari: il messaggio non è stato inviato."));
            return Page();
        }
        TempData["Message"] = Tr.Get("Messaggio in invio.");
        return Redirect($"/gestione/comunicazioni/{id}");
    }
}

/// <summary>/gestione/comunicazioni/{id}: one message, and how far its delivery has gone.</summary>
public class MessageModel(NetworkMessages messages, CurrentNetwork network) : PageModel
{
    public NetworkMessage Message { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await messages.FindAsync(network.Id, id) is not { } message) return NotFound();
        Message = message;
        return Page();
    }
}
