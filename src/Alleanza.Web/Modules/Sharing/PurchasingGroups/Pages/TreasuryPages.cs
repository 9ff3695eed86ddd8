using System.ComponentModel.DataAnnotations;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Layout;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Sharing.PurchasingGroups.Pages;

public sealed class AmountForm
{
    [Required(ErrorMessage = "Scrivi l'importo, per esempio 50 oppure 25,50.")]
    [Display(Name = "Importo (€)")] public string? Amount { get; set; }
    [StringLength(200, ErrorMessage = "Al massimo 200 caratteri.")]
    [Display(Name = "Causale (facoltativa)")] public string? Memo { get; set; }
    [Display(Name = "Socio")] public Guid? MemberId { get; set; }
    [Display(Name = "Fornitore")] public Guid? SupplierId { get; set; }
    /// <summary>The form's one-time id: a second submission of the same form records nothing.</summary>
    public Guid? RequestId { get; set; }

    public long? Cents() => GafRules.ParseQuantity(Amount?.Replace("€", "")) is { } milli ? (milli + 5) / 10 : null;
}

/// <summary>The treasurer's page: members' balances, deposits and refunds, payments to suppliers, the yearly report.</summary>
public class TreasuryModel(GafAccess access, Treasury treasury, Groups groups, TimeProvider clock) : GroupPage(access)
{
    public List<Treasury.MemberBalance> Balances { get; private set; } = [];
    public List<Groups.SupplierRow> Suppliers { get; private set; } = [];
    public Treasury.YearReport Year { get; private set; } = default!;
    [BindProperty(SupportsGet = true, Name = "anno")] public int? YearNumber { get; set; }
    [BindProperty] public AmountForm Input { get; set; } = new();
    public List<SelectListItem> MemberItems => Balances.Select(b => new SelectListItem(b.Name, b.MemberId.ToString())).ToList();
    public List<SelectListItem> SupplierItems => Suppliers.Select(s => new SelectListItem(s.Name, s.Id.ToString())).ToList();

    async Task LoadAsync()
    {
        Balances = await treasury.BalancesAsync(Group.Id);
        Suppliers = await groups.SuppliersAsync(Group.Id);
        var year = RomeTime.Today(clock).Year;
        if (YearNumber is not { } y || y < 2000 || y > year) YearNumber = year;
        Year = await treasury.YearAsync(Group, YearNumber.Value);
    }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        ModelState.Clear();
        if (!await LoadGroupAsync(id, treasurer: true)) return NotFound();
        await LoadAsync();
        Input.RequestId = Guid.NewGuid();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string? kind)
    {
        ModelState.KeepOnly(nameof(Input));
        if (!await LoadGroupAsync(id, treasurer: true)) return NotFound();
        await LoadAsync();
        if (!ModelState.IsValid) return Page();
        var result = kind switch
        {
            "versamento" => await treasury.DepositAsync(Group, Input.MemberId ?? Guid.Empty, Input.Cents(), Input.Memo, UserId, Input.RequestId),
            "rimborso" => await treasury.RefundAsync(Group, Input.MemberId ?? Guid.Empty, Input.Cents(), Input.Memo, UserId, Input.RequestId),
            "fornitore" => await treasury.PaySupplierAsync(Group, Input.SupplierId ?? Guid.Empty, Input.Cents(), Input.Memo, UserId, Input.RequestId),
            _ => new Treasury.Result(false, null, "Scegli cosa registrare."),
        };
        if (!result.Ok)
        {
            ModelState.AddModelError(result.Field is null ? "" : $"Input.{result.Field}", result.Error ?? Tr.Get("Non è stato possibile registrare il movimento."));
            return Page();
        }
        TempData["Message"] = result.Duplicate ? Tr.Get("Questo movimento era già stato registrato (il modulo è stato inviato due volte): registrato una volta sola.")
            : kind switch { "versamento" => Tr.Get("Versamento registrato."), "rimborso" => Tr.Get("Rimborso registrato."), _ => Tr.Get("Pagamento al fornitore registrato.") };
        return Redirect($"{PurchasingModule.Path}/{id}/cassa");
    }
}

/// <summary>A member's statement: their own, or any member's (?socio=) for the treasurer.</summary>
public class StatementModel(GafAccess access, Treasury treasury, AppDbContext db) : GroupPage(access)
{
    [BindProperty(SupportsGet = true, Name = "socio")] public Guid? MemberId { get; set; }
    [BindProperty(SupportsGet = true, Name = "pagina")] public int PageNumber { get; set; } = 1;
    public GroupMember Member { get; private set; } = default!;
    public long Balance { get; private set; }
    public Paged<Treasury.StatementLine> Lines { get; private set; } = new([], 0, 1, 30);
    public Pager Pager => new(Lines.Page, Lines.Pages, Lines.Total, $"{PurchasingModule.Path}/{Group.Id}/estratto", Request.Query);
    public bool OfOther { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (ModelState["pagina"]?.Errors.Count > 0) PageNumber = 1;
        if (!await LoadGroupAsync(id)) return NotFound();
        if (MemberId is { } other && other != In.Member?.Id)
        {
            if (!In.IsTreasurer) return NotFound();
            if (await db.GafMembers.AsNoTracking().FirstOrDefaultAsync(m => m.Id == other && m.GroupId == Group.Id) is not { } found) return NotFound();
            Member = found;
            OfOther = true;
        }
        else if (In.Member is { } me) Member = me;
        else return NotFound();
        Balance = await db.LedgerAccounts.AsNoTracking().Where(a => a.Id == Member.AccountId).Select(a => a.Balance).FirstAsync();
        Lines = await treasury.StatementAsync(Member.AccountId, PageNumber);
        return Page();
    }
}
