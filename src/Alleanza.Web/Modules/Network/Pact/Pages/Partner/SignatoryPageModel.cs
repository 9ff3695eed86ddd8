using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Network.Pact.Pages.Partner;

/// <summary>
/// What the partner-side pages share: the partners the person signs for here (as partner staff or merchant), and the one
/// chosen with <c>?ente=</c> (the first by name when none is chosen). Another partner's id answers 404.
/// </summary>
public abstract class SignatoryPageModel(PactAdhesions adhesions, CurrentNetwork current, CurrentAccess access, AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "ente")] public Guid? PartnerId { get; set; }

    public sealed record MyPartner(Guid Id, string Name);

    public List<MyPartner> MyPartners { get; private set; } = [];
    public PartnerPactView? View { get; private set; }

    /// <summary>False when the page must answer 404 (a partner the person does not sign for).</summary>
    protected async Task<bool> LoadPartnerAsync()
    {
        if (ModelState.TryGetValue("ente", out var bad) && bad.Errors.Count > 0) return false;
        ModelState.Remove("ente");
        var ids = (await access.PartnersHereAsync(NetworkRole.PartnerStaff)).Concat(await access.PartnersHereAsync(NetworkRole.Merchant)).Distinct().ToList();
        var networkId = current.Id;
        var rows = await db.Partners.AsNoTracking().Where(p => p.NetworkId == networkId && ids.Contains(p.Id))
            .OrderBy(p => p.NameKey).Select(p => new { p.Id, p.Name }).ToListAsync();
        MyPartners = rows.Select(r => new MyPartner(r.Id, r.Name)).ToList();
        if (PartnerId is { } chosen && MyPartners.All(p => p.Id != chosen)) return false;
        PartnerId ??= MyPartners.FirstOrDefault()?.Id;
        if (PartnerId is { } id) View = await adhesions.ForPartnerAsync(networkId, id);
        return true;
    }

    protected string SelfUrl(string path) => PartnerId is { } id && MyPartners.Count > 1 ? $"{path}?ente={id}" : path;
}
