using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Auth.Oidc;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Layout;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Accounts.Pages.Admin;

/// <summary>The SPID/CIE authentication log, for the installation's administrators only (folder convention).</summary>
public class SignInLogModel(AppDbContext db) : PageModel
{
    public const int PageSize = 50;
    public sealed record Row(DateTime At, string Provider, ProviderKind Kind, string? Acr, string? FiscalCode, string? Account, bool Succeeded, string Outcome, string? Detail, string? Ip);

    [BindProperty(SupportsGet = true, Name = "esito")] public string? Outcome { get; set; }
    [BindProperty(SupportsGet = true, Name = "cf")] public string? FiscalCode { get; set; }
    [BindProperty(SupportsGet = true, Name = "pagina")] public int PageNumber { get; set; } = 1;
    public Paged<Row> Rows { get; private set; } = new([], 0, 1, PageSize);
    public Pager Pager { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        var query = db.ExternalSignIns.AsNoTracking();
        if (Outcome == "riusciti") query = query.Where(e => e.Succeeded);
        else if (Outcome == "rifiutati") query = query.Where(e => !e.Succeeded);
        else Outcome = null;
        if (Modules.Families.ItalianFiscalCode.Normalize(FiscalCode) is { Length: <= 16 } code) query = query.Where(e => e.FiscalCode == code);
        PageNumber = Math.Max(1, PageNumber);
        var total = await query.CountAsync();
        var rows = await query.OrderByDescending(e => e.At).PageOf(PageNumber, PageSize)
            .Select(e => new Row(e.At, e.ProviderName, e.Kind, e.Acr, e.FiscalCode, db.Users.Where(u => u.Id == e.UserId).Select(u => u.Email).FirstOrDefault(),
                e.Succeeded, e.Outcome, e.Detail, e.IpAddress))
            .ToListAsync();
        Rows = new(rows, total, PageNumber, PageSize);
        Pager = new Pager(PageNumber, Rows.Pages, total, "/amministrazione/accessi-spid", Request.Query);
    }

    public static string Level(string? acr) => acr switch
    {
        SpidAcr.L1 => "L1", SpidAcr.L2 => "L2", SpidAcr.L3 => "L3", null or "" => "—", _ => acr,
    };

    public static string OutcomeText(bool succeeded, string outcome) => outcome switch
    {
        "authenticated" => Tr.Get("identità ricevuta"),
        "signed-in" => Tr.Get("accesso"),
        "created" => Tr.Get("account creato"),
        "linked" => Tr.Get("identità collegata"),
        _ when !succeeded => Tr.Get("rifiutato") + " (" + outcome + ")",
        _ => outcome,
    };
}
