using System.ComponentModel.DataAnnotations;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Layout;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Sharing.PurchasingGroups.Pages;

/// <summary>/gruppi-acquisto: the groups the person belongs to or runs.</summary>
public class IndexModel(GafAccess access) : PageModel
{
    public List<GafAccess.GroupRow> Groups { get; private set; } = [];
    public async Task OnGetAsync() => Groups = await access.MyGroupsAsync();
}

/// <summary>The base of a group's pages: the group of this network the person has a part in, else 404.</summary>
public abstract class GroupPage(GafAccess access) : PageModel
{
    public GafAccess.InGroup In { get; private set; } = default!;
    public PurchasingGroup Group => In.Group;

    protected async Task<bool> LoadGroupAsync(Guid id, bool referent = false, bool treasurer = false)
    {
        if (await access.GroupAsync(id) is not { } inGroup) return false;
        if (referent && !inGroup.IsReferent || treasurer && !inGroup.IsTreasurer) return false;
        In = inGroup;
        return true;
    }

    protected Guid UserId => access.UserId!.Value;
}

public class GroupModel(GafAccess access, Cycles cycles, AppDbContext db) : GroupPage(access)
{
    [BindProperty(SupportsGet = true, Name = "pagina")] public int PageNumber { get; set; } = 1;
    public Paged<Cycles.CycleRow> Current { get; private set; } = new([], 0, 1, 20);
    public Paged<Cycles.CycleRow> Past { get; private set; } = new([], 0, 1, 20);
    public long? Balance { get; private set; }
    public int Members { get; private set; }
    public HashSet<Guid> Booked { get; private set; } = [];
    public Pager Pager => new(Past.Page, Past.Pages, Past.Total, $"{PurchasingModule.Path}/{Group.Id}", Request.Query);

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (ModelState["pagina"]?.Errors.Count > 0) PageNumber = 1;
        if (!await LoadGroupAsync(id)) return NotFound();
        Current = await cycles.OfGroupAsync(Group.Id, In.IsReferent, past: false, 1);
        Past = await cycles.OfGroupAsync(Group.Id, In.IsReferent, past: true, PageNumber);
        Members = await db.GafMembers.CountAsync(m => m.GroupId == Group.Id && m.LeftAt == null);
        if (In.Member is { } me)
        {
            Balance = await db.LedgerAccounts.AsNoTracking().Where(a => a.Id == me.AccountId).Select(a => a.Balance).FirstAsync();
            var ids = Current.Items.Select(c => c.Id).ToList();
            Booked = (await db.GafBookings.AsNoTracking().Where(b => b.MemberId == me.Id && ids.Contains(b.CycleId)).Select(b => b.CycleId).ToListAsync()).ToHashSet();
        }
        return Page();
    }
}

/// <summary>A cycle for a member: the booking form while open, then the booking with its delivered quantities and final prices.</summary>
public class CycleModel(GafAccess access, Bookings bookings, Cycles cycles, OrderDispatch dispatch, Modules.FamilyCard.CardDiscounts discounts, AppDbContext db, TimeProvider clock) : PageModel
{
    public GafAccess.InGroup In { get; private set; } = default!;
    public OrderCycle Cycle { get; private set; } = default!;
    public string Supplier { get; private set; } = "";
    public List<Product> Products { get; private set; } = [];
    public Booking? Mine { get; private set; }
    public List<Bookings.MineRow> MyLines { get; private set; } = [];
    public Cycles.Charge? MyCharge { get; private set; }
    public long Balance { get; private set; }
    public bool CanBook => Acting is not null && Cycle.Status == CycleStatus.Open && Cycle.ClosesAt > clock.GetUtcNow().UtcDateTime;
    /// <summary>For whom the page books: the person's own household, or (?per=) a friend household the person's member books for.</summary>
    [BindProperty(SupportsGet = true, Name = "per")] public Guid? For { get; set; }
    public GroupMember? Acting { get; private set; }
    public List<GroupMember> Friends { get; private set; } = [];
    public bool ForFriend => Acting is not null && Acting.Id != In.Member?.Id;
    string Here => $"{PurchasingModule.Path}/ordini/{Cycle.Id}" + (ForFriend ? $"?per={Acting!.Id}" : "");
    [BindProperty] public Dictionary<Guid, string?> Quantities { get; set; } = [];
    public Dictionary<Guid, string> LineErrors { get; private set; } = [];
    /// <summary>The supplier is a Family Card merchant with a percentage offer: card holders get it on their booking.</summary>
    public Modules.FamilyCard.CardDiscounts.Discount? CardOffer { get; private set; }
    public bool HasCard { get; private set; }
    /// <summary>While the cycle is held until its packages fill: what each product lacks to fill its last package.</summary>
    public Dictionary<Guid, long> Shortfalls { get; private set; } = [];

    async Task<bool> LoadAsync(Guid id)
    {
        if (await access.CycleAsync(id) is not { } found) return false;
        (In, Cycle) = found;
        if (In.Member is { } own)
        {
            Friends = await db.GafMembers.AsNoTracking().Where(m => m.SponsorMemberId == own.Id && m.GroupId == own.GroupId && m.LeftAt == null).OrderBy(m => m.Name).ToListAsync();
            Acting = For is { } friend && friend != own.Id ? Friends.FirstOrDefault(f => f.Id == friend) : own;
            if (Acting is null) return false;
        }
        else if (For is not null) return false;
        var supplier = await db.GafSuppliers.AsNoTracking().Where(s => s.Id == Cycle.SupplierId).Select(s => new { s.Name, s.PartnerId }).FirstAsync();
        Supplier = supplier.Name;
        if (supplier.PartnerId is { } partner && Cycle.Status == CycleStatus.Open)
        {
            CardOffer = await discounts.OfferedAsync(Cycle.NetworkId, partner);
            HasCard = CardOffer is not null && Acting is { } holder && await discounts.HoldsValidCardAsync(Cycle.NetworkId, holder.HouseholdId);
        }
        if (Acting is { } me)
        {
            Mine = await bookings.FindAsync(Cycle.Id, me.Id);
            if (Mine is not null)
            {
                MyLines = await bookings.LinesAsync(Mine.Id);
                if (Cycle.Status >= CycleStatus.Sent) MyCharge = (await cycles.ChargesAsync(Cycle.Id)).FirstOrDefault(c => c.BookingId == Mine.Id);
            }
            Balance = await db.LedgerAccounts.AsNoTracking().Where(a => a.Id == me.AccountId).Select(a => a.Balance).FirstAsync();
        }
        if (CanBook) Products = await bookings.ProductsAsync(Cycle, Mine?.Id);
        if (CanBook && Cycle.HoldForPackages)
            Shortfalls = (await cycles.PerProductAsync(Cycle.Id)).Where(t => t.Order.ShortfallMilli > 0).ToDictionary(t => t.ProductId, t => t.Order.ShortfallMilli);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        foreach (var l in Mine?.Lines ?? []) Quantities[l.ProductId] = GafRules.Quantity(l.QuantityMilli);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        ModelState.Clear();
        if (!await LoadAsync(id)) return NotFound();
        if (Acting is null) return NotFound();
        var wanted = new Dictionary<Guid, long>();
        foreach (var (product, text) in Quantities.Take(2000))
        {
            if (string.IsNullOrWhiteSpace(text)) continue;
            if (GafRules.ParseQuantity(text) is not { } milli) { LineErrors[product] = "Scrivi un numero, per esempio 2 oppure 1,5."; continue; }
            if (milli > 0) wanted[product] = milli;
        }
        if (LineErrors.Count == 0)
        {
            var result = await bookings.SaveAsync(In.Group, Cycle, Acting, wanted);
            switch (result.Outcome)
            {
                case Bookings.Outcome.Saved:
                    TempData["Message"] = $"Prenotazione salvata: circa {GafRules.Euro(result.EstimateCents)}. Potete cambiarla fino alla chiusura.";
                    if (Cycle.HoldForPackages && await dispatch.CloseIfFullAsync(Cycle.Id) is not null)
                        TempData["Message"] = $"Prenotazione salvata: circa {GafRules.Euro(result.EstimateCents)}. Con la vostra prenotazione le confezioni sono complete: l'ordine è chiuso e parte per il fornitore.";
                    if (ForFriend) TempData["Message"] = $"Per {Acting.Name}: " + TempData["Message"];
                    return Redirect(Here);
                case Bookings.Outcome.Removed:
                    TempData["Message"] = ForFriend ? $"Prenotazione di {Acting.Name} tolta." : "Prenotazione tolta.";
                    return Redirect(Here);
                default:
                    foreach (var (k, v) in result.Errors)
                        if (k == Guid.Empty) ModelState.AddModelError("", v); else LineErrors[k] = v;
                    break;
            }
        }
        foreach (var (k, v) in LineErrors) ModelState.AddModelError($"Quantities[{k}]", v);
        if (!CanBook) { await LoadAsync(id); }
        return Page();
    }
}

/// <summary>A referent's view of a cycle: per product (whole packages, shortfall), per member, extra costs, the steps, the supplier's order as CSV and PDF.</summary>
public class SummaryModel(GafAccess access, Cycles cycles, SupplierOrder order, OrderDispatch dispatch, Treasury treasury, AppDbContext db, IWebHostEnvironment env, TimeProvider clock) : PageModel
{
    public GafAccess.InGroup In { get; private set; } = default!;
    public OrderCycle Cycle { get; private set; } = default!;
    public string Supplier { get; private set; } = "";
    public List<Cycles.ProductTotal> PerProduct { get; private set; } = [];
    public List<Cycles.Charge> PerMember { get; private set; } = [];
    public List<ExtraCost> Extras { get; private set; } = [];
    [BindProperty] public ExtraForm Extra { get; set; } = new();
    [BindProperty] public AmountForm Invoice { get; set; } = new();

    public sealed class ExtraForm
    {
        [Required(ErrorMessage = "Scrivi di che spesa si tratta (es. trasporto).")]
        [StringLength(200, ErrorMessage = "Al massimo 200 caratteri.")]
        [Display(Name = "Spesa")] public string? Description { get; set; }
        [Required(ErrorMessage = "Scrivi l'importo.")]
        [Display(Name = "Importo (€)")] public string? Amount { get; set; }
        [Required(ErrorMessage = "Scegli come dividerla.")]
        [Display(Name = "Divisa tra le prenotazioni")] public SplitRule? Split { get; set; } = SplitRule.Value;
    }

    public static List<SelectListItem> Splits { get; } = [new("in proporzione al valore", nameof(SplitRule.Value)), new("in proporzione al peso", nameof(SplitRule.Weight)), new("in proporzione alla quantità", nameof(SplitRule.Quantity))];

    async Task<bool> LoadAsync(Guid id)
    {
        if (await access.CycleAsync(id) is not { } found || !found.In.IsReferent) return false;
        (In, Cycle) = found;
        var supplier = await db.GafSuppliers.AsNoTracking().Where(s => s.Id == Cycle.SupplierId).Select(s => new { s.Name, s.Email }).FirstAsync();
        Supplier = supplier.Name;
        SupplierEmail = string.IsNullOrWhiteSpace(supplier.Email) ? null : supplier.Email;
        HoldUntil ??= RomeTime.Today(clock).AddDays(3);
        PerProduct = await cycles.PerProductAsync(Cycle.Id);
        PerMember = await cycles.ChargesAsync(Cycle.Id);
        Extras = await db.GafExtraCosts.AsNoTracking().Where(e => e.CycleId == Cycle.Id).OrderBy(e => e.Description).ToListAsync();
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnGetCsvAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Response.Headers.CacheControl = "private, no-store";
        return File(await order.CsvAsync(Cycle), "text/csv; charset=utf-8", $"ordine-{Text.Slug(Supplier)}-{Cycle.DeliveryOn:yyyy-MM-dd}.csv");
    }

    public async Task<IActionResult> OnGetPdfAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Response.Headers.CacheControl = "private, no-store";
        return File(await order.PdfAsync(Cycle, In.Group.Name, Supplier, env.WebRootPath), "application/pdf", $"ordine-{Text.Slug(Supplier)}-{Cycle.DeliveryOn:yyyy-MM-dd}.pdf");
    }

    /// <summary>Whether the supplier can receive the order by e-mail (the «send» step then mails it).</summary>
    public string? SupplierEmail { get; private set; }
    [BindProperty(SupportsGet = true)] public DateOnly? HoldUntil { get; set; }

    public async Task<IActionResult> OnPostStepAsync(Guid id, string? step, bool hold = false)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (step is "chiudi")
        {
            var until = hold && HoldUntil is { } day ? RomeTime.FromRome(day, new TimeOnly(22, 0)) : (DateTime?)null;
            var closed = await dispatch.CloseAsync(Cycle, hold, until ?? (hold ? DateTime.MinValue : null));
            TempData["Message"] = closed.Outcome switch
            {
                OrderDispatch.Outcome.Mailed => $"Ordine chiuso e inviato per email a {Supplier} ({SupplierEmail}) con il PDF e il CSV.",
                OrderDispatch.Outcome.NoEmail => "Ordine chiuso. Il fornitore non ha un indirizzo email: scaricate il PDF e mandatelo voi, poi segnate l'ordine come inviato.",
                OrderDispatch.Outcome.MailFailed => "Ordine chiuso, ma l'email al fornitore non è partita: riprovate con «Invia al fornitore» o mandate il PDF a mano.",
                OrderDispatch.Outcome.Held => $"L'ordine resta aperto finché le confezioni non sono complete, al massimo fino al {RomeTime.Format(until!.Value, "d/M/yyyy 'alle' HH:mm")}.",
                OrderDispatch.Outcome.Invalid => closed.Error,
                _ => "L'ordine era già stato spostato da un altro referente: ecco com'è ora.",
            };
            return Redirect($"{PurchasingModule.Path}/ordini/{id}/riepilogo");
        }
        if (step is "invia" && SupplierEmail is not null)
        {
            var sent = await dispatch.SendAsync(Cycle);
            TempData["Message"] = sent.Outcome switch
            {
                OrderDispatch.Outcome.Mailed => $"Ordine inviato per email a {Supplier} ({SupplierEmail}) con il PDF e il CSV.",
                OrderDispatch.Outcome.MailFailed => sent.Error,
                _ => "L'ordine era già stato spostato da un altro referente: ecco com'è ora.",
            };
            return Redirect($"{PurchasingModule.Path}/ordini/{id}/riepilogo");
        }
        var result = step switch
        {
            "apri" => await cycles.OpenAsync(Cycle),
            "invia" => await cycles.SendAsync(Cycle),
            "consegnato" => await cycles.MarkDeliveredAsync(Cycle),
            "salda" when In.IsTreasurer => await cycles.SettleAsync(Cycle, access.UserId),
            "archivia" => await cycles.ArchiveAsync(Cycle),
            _ => new Cycles.Result(Cycles.Outcome.Invalid),
        };
        TempData["Message"] = result.Outcome switch
        {
            Cycles.Outcome.Done => "Fatto: l'ordine è passato al passo successivo.",
            Cycles.Outcome.AlreadyDone => "L'ordine era già stato spostato da un altro referente: ecco com'è ora.",
            _ => "Questo passo non si può fare ora.",
        };
        return Redirect($"{PurchasingModule.Path}/ordini/{id}/riepilogo");
    }

    public async Task<IActionResult> OnPostExtraAsync(Guid id)
    {
        ModelState.KeepOnly(nameof(Extra));
        if (!await LoadAsync(id)) return NotFound();
        if (!ModelState.IsValid) return Page();
        var cents = GafRules.ParseQuantity(Extra.Amount?.Replace("€", "")) is { } milli ? (milli + 5) / 10 : (long?)null;
        var result = await cycles.AddExtraCostAsync(Cycle, Extra.Description, cents, Extra.Split);
        if (result.Outcome != Cycles.Outcome.Done)
        {
            ModelState.AddModelError(result.Field is null ? "" : $"Extra.{result.Field}", result.Error!);
            return Page();
        }
        TempData["Message"] = "Spesa aggiunta e divisa tra le prenotazioni.";
        return Redirect($"{PurchasingModule.Path}/ordini/{id}/riepilogo");
    }

    public async Task<IActionResult> OnPostInvoiceAsync(Guid id)
    {
        ModelState.KeepOnly(nameof(Invoice));
        if (!await LoadAsync(id) || !In.IsTreasurer) return NotFound();
        if (!ModelState.IsValid) return Page();
        var result = await treasury.RecordInvoiceAsync(In.Group, Cycle, Invoice.Cents(), access.UserId!.Value);
        if (!result.Ok) { ModelState.AddModelError("Invoice.Amount", result.Error!); return Page(); }
        TempData["Message"] = "Fattura registrata.";
        return Redirect($"{PurchasingModule.Path}/ordini/{id}/riepilogo");
    }
}

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

/// <summary>The delivery screen: one member at a time in the members' order, lines pre-filled, weights typed quickly; a missing product marked once for all.</summary>
public class DeliveryModel(GafAccess access, Deliveries deliveries) : PageModel
{
    public GafAccess.InGroup In { get; private set; } = default!;
    public OrderCycle Cycle { get; private set; } = default!;
    public List<Deliveries.DeliveryRow> Sheet { get; private set; } = [];
    [BindProperty(SupportsGet = true, Name = "n")] public int Index { get; set; }
    public Deliveries.DeliveryRow? Current => Index >= 0 && Index < Sheet.Count ? Sheet[Index] : null;
    [BindProperty] public Dictionary<Guid, string?> Values { get; set; } = [];
    [BindProperty] public List<Guid> Missing { get; set; } = [];
    public List<(Guid Id, string Name)> Products { get; private set; } = [];

    async Task<bool> LoadAsync(Guid id)
    {
        if (await access.CycleAsync(id) is not { } found || !found.In.IsReferent) return false;
        (In, Cycle) = found;
        Sheet = await deliveries.SheetAsync(Cycle.Id);
        Products = Sheet.SelectMany(r => r.Lines).GroupBy(l => l.ProductId).Select(g => (g.Key, g.First().Product + (g.First().Variant == "" ? "" : $" ({g.First().Variant})"))).OrderBy(p => p.Item2).ToList();
        if (Index < 0 || Index >= Sheet.Count) Index = Math.Max(0, Sheet.FindIndex(r => r.DeliveredAt is null));
        return true;
    }

    public static string Prefill(Deliveries.DeliveryLine l) => l.DeliveredMilli is { } d && !l.Missing
        ? (l.SoldByWeight ? (d / 1000m).ToString("0.###", RomeTime.Culture) : GafRules.Quantity(d))
        : l.SoldByWeight ? "" : GafRules.Quantity(l.QuantityMilli);

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (ModelState["n"]?.Errors.Count > 0) Index = 0;
        ModelState.Clear();
        return await LoadAsync(id) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        ModelState.Clear();
        if (!await LoadAsync(id)) return NotFound();
        if (Current is not { } row) return Redirect($"{PurchasingModule.Path}/ordini/{id}/consegna");
        var inputs = row.Lines.Select(l => new Deliveries.LineInput(l.LineId,
            Values.GetValueOrDefault(l.LineId) is { } text ? (l.SoldByWeight ? GafRules.ParseWeight(text) : GafRules.ParseQuantity(text)) : null,
            Missing.Contains(l.LineId))).ToList();
        var result = await deliveries.RecordAsync(Cycle, row.BookingId, inputs, access.UserId!.Value);
        if (result.Outcome != Deliveries.Outcome.Done)
        {
            foreach (var (k, v) in result.Errors) ModelState.AddModelError(k == Guid.Empty ? "" : $"Values[{k}]", v);
            return Page();
        }
        TempData["Message"] = $"Consegna di {row.Member} registrata: {GafRules.Euro(result.TotalCents)}. Ricevuta inviata.";
        var next = Sheet.FindIndex(Index + 1, r => r.DeliveredAt is null);
        return Redirect($"{PurchasingModule.Path}/ordini/{id}/consegna?n={(next < 0 ? Index : next)}");
    }

    public async Task<IActionResult> OnPostMissingAsync(Guid id, Guid product)
    {
        if (!await LoadAsync(id)) return NotFound();
        var name = Products.FirstOrDefault(p => p.Id == product).Name;
        if (name is null) return NotFound();
        var n = await deliveries.MarkMissingAsync(Cycle, product);
        TempData["Message"] = $"«{name}» segnato come non arrivato per {n} prenotazioni.";
        return Redirect($"{PurchasingModule.Path}/ordini/{id}/consegna?n={Index}");
    }
}

/// <summary>A referent's suppliers and their products, with the CSV import and its report.</summary>
public class SuppliersModel(GafAccess access, Groups groups, ProductImport import, AppDbContext db) : GroupPage(access)
{
    public List<Groups.SupplierRow> Suppliers { get; private set; } = [];
    [BindProperty(SupportsGet = true, Name = "fornitore")] public Guid? SupplierId { get; set; }
    public Groups.SupplierRow? Selected { get; private set; }
    public List<Product> Products { get; private set; } = [];
    [BindProperty] public SupplierForm Input { get; set; } = new();
    [BindProperty] public IFormFile? Csv { get; set; }
    public ProductImport.Report? Report { get; private set; }

    public sealed class SupplierForm
    {
        [Required(ErrorMessage = "Scrivi il nome del fornitore.")]
        [StringLength(200, ErrorMessage = "Al massimo 200 caratteri.")]
        [Display(Name = "Nome del fornitore")] public string? Name { get; set; }
        [StringLength(200, ErrorMessage = "Al massimo 200 caratteri.")]
        [Display(Name = "Referente del fornitore (facoltativo)")] public string? ContactName { get; set; }
        [EmailAddress(ErrorMessage = "Scrivi un indirizzo email valido.")]
        [StringLength(256, ErrorMessage = "Al massimo 256 caratteri.")]
        [Display(Name = "Email per gli ordini (facoltativa)")] public string? Email { get; set; }
        [StringLength(40, ErrorMessage = "Al massimo 40 caratteri.")]
        [Display(Name = "Telefono (facoltativo)")] public string? Phone { get; set; }
        [Display(Name = "Ente partner della rete (facoltativo)")] public Guid? PartnerId { get; set; }
    }

    public List<SelectListItem> Partners { get; private set; } = [];

    async Task LoadAsync()
    {
        Suppliers = await groups.SuppliersAsync(Group.Id);
        Selected = Suppliers.FirstOrDefault(s => s.Id == SupplierId);
        if (Selected is not null) Products = await groups.ProductsAsync(Selected.Id);
        Partners = await db.Partners.AsNoTracking().Where(p => p.NetworkId == Group.NetworkId).OrderBy(p => p.Name).Select(p => new SelectListItem(p.Name, p.Id.ToString())).Take(500).ToListAsync();
    }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        ModelState.Clear();
        if (!await LoadGroupAsync(id, referent: true)) return NotFound();
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync(Guid id)
    {
        ModelState.KeepOnly(nameof(Input));
        if (!await LoadGroupAsync(id, referent: true)) return NotFound();
        if (Input.PartnerId is { } p && !await db.Partners.AnyAsync(x => x.Id == p && x.NetworkId == Group.NetworkId)) ModelState.AddModelError("Input.PartnerId", "Scegli un ente della rete.");
        if (!ModelState.IsValid) { await LoadAsync(); return Page(); }
        var supplier = await groups.AddSupplierAsync(Group, Input.Name!, Input.PartnerId, Input.ContactName, Input.Email, Input.Phone);
        TempData["Message"] = $"Fornitore «{supplier.Name}» aggiunto: ora caricate i suoi prodotti da un file CSV.";
        return Redirect($"{PurchasingModule.Path}/{id}/fornitori?fornitore={supplier.Id}");
    }

    public async Task<IActionResult> OnPostImportAsync(Guid id)
    {
        ModelState.Clear();
        if (!await LoadGroupAsync(id, referent: true)) return NotFound();
        await LoadAsync();
        var supplier = await db.GafSuppliers.AsNoTracking().FirstOrDefaultAsync(s => s.Id == SupplierId && s.GroupId == Group.Id);
        if (supplier is null) return NotFound();
        if (Csv is null || Csv.Length == 0) { ModelState.AddModelError(nameof(Csv), "Scegli il file CSV del listino."); return Page(); }
        if (Csv.Length > 2_000_000) { ModelState.AddModelError(nameof(Csv), "Il file è troppo grande: al massimo 2 MB."); return Page(); }
        using var reader = new StreamReader(Csv.OpenReadStream(), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        Report = await import.ImportAsync(supplier, await reader.ReadToEndAsync());
        if (!Report.Ok) { ModelState.AddModelError(nameof(Csv), "Il file ha delle righe da correggere: nulla è stato cambiato."); return Page(); }
        await LoadAsync();
        return Page();
    }
}

public class NewCycleModel(GafAccess access, Cycles cycles, AppDbContext db, TimeProvider clock) : GroupPage(access)
{
    [BindProperty] public CycleForm Input { get; set; } = new();
    public List<SelectListItem> Suppliers { get; private set; } = [];

    public sealed class CycleForm
    {
        [Required(ErrorMessage = "Scegli il fornitore.")]
        [Display(Name = "Fornitore")] public Guid? SupplierId { get; set; }
        [Required(ErrorMessage = "Scrivi il titolo dell'ordine.")]
        [StringLength(200, ErrorMessage = "Al massimo 200 caratteri.")]
        [Display(Name = "Titolo")] public string? Title { get; set; }
        [Required(ErrorMessage = "Indica quando si apre.")]
        [Display(Name = "Si apre il")] public DateOnly? OpensOn { get; set; }
        [Required(ErrorMessage = "Indica quando si chiude.")]
        [Display(Name = "Si chiude il (alle 22)")] public DateOnly? ClosesOn { get; set; }
        [Required(ErrorMessage = "Indica il giorno della consegna.")]
        [Display(Name = "Consegna il")] public DateOnly? DeliveryOn { get; set; }
        [StringLength(300, ErrorMessage = "Al massimo 300 caratteri.")]
        [Display(Name = "Luogo della consegna (vuoto: quello del gruppo)")] public string? DeliveryPlace { get; set; }
        [Range(0, 90, ErrorMessage = "Da 0 a 90 giorni.")]
        [Display(Name = "Ripeti ogni (giorni, 0 = no)")] public int RepeatDays { get; set; }
        [Display(Name = "Apri subito alle prenotazioni")] public bool OpenNow { get; set; } = true;
    }

    async Task LoadAsync() => Suppliers = await db.GafSuppliers.AsNoTracking().Where(s => s.GroupId == Group.Id).OrderBy(s => s.Name).Select(s => new SelectListItem(s.Name, s.Id.ToString())).ToListAsync();

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadGroupAsync(id, referent: true)) return NotFound();
        var today = RomeTime.Today(clock);
        Input = new() { OpensOn = today, ClosesOn = today.AddDays(5), DeliveryOn = today.AddDays(8), Title = $"Ordine del {RomeTime.Format(today.AddDays(8))}" };
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadGroupAsync(id, referent: true)) return NotFound();
        await LoadAsync();
        if (!ModelState.IsValid) return Page();
        var opens = Input.OpensOn == RomeTime.Today(clock) ? clock.GetUtcNow().UtcDateTime.AddMinutes(-1) : RomeTime.FromRome(Input.OpensOn!.Value, new TimeOnly(8, 0));
        var result = await cycles.CreateAsync(Group, UserId, new(Input.SupplierId!.Value, Input.Title!, opens, RomeTime.FromRome(Input.ClosesOn!.Value, new TimeOnly(22, 0)),
            Input.DeliveryOn!.Value, Input.DeliveryPlace, Input.RepeatDays));
        if (result.Outcome != Cycles.Outcome.Done)
        {
            ModelState.AddModelError(result.Field switch { "ClosesAt" => "Input.ClosesOn", null => "", var f => $"Input.{f}" }, result.Error!);
            return Page();
        }
        if (Input.OpenNow && opens <= clock.GetUtcNow().UtcDateTime)
            await cycles.OpenAsync(await db.GafCycles.AsNoTracking().FirstAsync(c => c.Id == result.Id));
        TempData["Message"] = Input.OpenNow ? "Ordine creato: si aprirà (o è già aperto) alle prenotazioni, e i soci ricevono un avviso." : "Ordine creato in preparazione.";
        return Redirect($"{PurchasingModule.Path}/ordini/{result.Id}/riepilogo");
    }
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
            ModelState.AddModelError(result.Field is null ? "" : $"Input.{result.Field}", result.Error ?? "Non è stato possibile registrare il movimento.");
            return Page();
        }
        TempData["Message"] = result.Duplicate ? "Questo movimento era già stato registrato (il modulo è stato inviato due volte): registrato una volta sola."
            : kind switch { "versamento" => "Versamento registrato.", "rimborso" => "Rimborso registrato.", _ => "Pagamento al fornitore registrato." };
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
