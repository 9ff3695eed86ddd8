using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Alleanza.Web.Modules.Network.Pact.Pages.Manage;

/// <summary>Confirmation before publishing a draft (it replaces the current text and asks partners to re-adhere).</summary>
[Authorize(Policy = Policies.ManageNetwork)]
public class PublishVersionModel(PactVersions versions, PactQueries pact, CurrentNetwork current, CurrentAccess access) : PageModel
{
    public PactVersion? Version { get; private set; }
    public List<string> Problems { get; private set; } = [];
    public PactFigures Figures { get; private set; } = new(null, null, [], 0, 0, 0);

    public async Task<IActionResult> OnGetAsync(int numero) => await LoadAsync(numero) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int numero)
    {
        if (!await LoadAsync(numero)) return NotFound();
        if (Problems.Count > 0) return Page();
        var result = await versions.PublishAsync(current.Id, numero, access.UserId, access.User.FindFirst(AuthClaims.DisplayName)?.Value);
        if (result.Outcome != PublishOutcome.Published) return NotFound();
        TempData["Message"] = Tr.Get("Versione {0} pubblicata: è il testo in vigore.", numero)
            + (result.Notified > 0 ? " " + (result.Notified == 1 ? Tr.Get("Abbiamo scritto a 1 referente degli enti che devono rinnovare l'adesione.") : Tr.Get("Abbiamo scritto a {0} referenti degli enti che devono rinnovare l'adesione.", result.Notified)) : "");
        return Redirect("/gestione/patto");
    }

    async Task<bool> LoadAsync(int numero)
    {
        Version = await versions.FindAsync(current.Id, numero);
        if (Version is null || !Version.IsDraft) return false;
        Problems = PactVersions.Problems(Version);
        Figures = await pact.FiguresAsync(current.Id);
        return true;
    }
}
