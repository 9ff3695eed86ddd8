using System.ComponentModel.DataAnnotations;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Layout;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Sharing.PurchasingGroups.Pages;

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

    public static List<SelectListItem> Splits => [new(Tr.Get("in proporzione al valore"), nameof(SplitRule.Value)), new(Tr.Get("in proporzione al peso"), nameof(SplitRule.Weight)), new(Tr.Get("in proporzione alla quantità"), nameof(SplitRule.Quantity))];

    async Task<bool> LoadAsync(Guid id, bool forPage = true)
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
                OrderDispatch.Outcome.NoEmail => Tr.Get("Ordine chiuso. Il fornitore non ha un indirizzo email: scaricate il PDF e mandatelo voi, poi segnate l'ordine come inviato."),
                OrderDispatch.Outcome.MailFailed => Tr.Get("Ordine chiuso, ma l'email al fornitore non è partita: riprovate con «Invia al fornitore» o mandate il PDF a mano."),
                OrderDispatch.Outcome.Held => $"L'ordine resta aperto finché le confezioni non sono complete, al massimo fino al {RomeTime.Format(until!.Value, "d/M/yyyy 'alle' HH:mm")}.",
                OrderDispatch.Outcome.Invalid => closed.Error,
                _ => Tr.Get("L'ordine era già stato spostato da un altro referente: ecco com'è ora."),
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
                _ => Tr.Get("L'ordine era già stato spostato da un altro referente: ecco com'è ora."),
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
            Cycles.Outcome.Done => Tr.Get("Fatto: l'ordine è passato al passo successivo."),
            Cycles.Outcome.AlreadyDone => "L'ordine era già stato spostato da un altro referente: ecco com'è ora.",
            _ => Tr.Get("Questo passo non si può fare ora."),
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
        TempData["Message"] = Tr.Get("Spesa aggiunta e divisa tra le prenotazioni.");
        return Redirect($"{PurchasingModule.Path}/ordini/{id}/riepilogo");
    }

    public async Task<IActionResult> OnPostInvoiceAsync(Guid id)
    {
        ModelState.KeepOnly(nameof(Invoice));
        if (!await LoadAsync(id) || !In.IsTreasurer) return NotFound();
        if (!ModelState.IsValid) return Page();
        var result = await treasury.RecordInvoiceAsync(In.Group, Cycle, Invoice.Cents(), access.UserId!.Value);
        if (!result.Ok) { ModelState.AddModelError("Invoice.Amount", result.Error!); return Page(); }
        TempData["Message"] = Tr.Get("Fattura registrata.");
        return Redirect($"{PurchasingModule.Path}/ordini/{id}/riepilogo");
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
        TempData["Message"] = Input.OpenNow ? Tr.Get("Ordine creato: si aprirà (o è già aperto) alle prenotazioni, e i soci ricevono un avviso.") : Tr.Get("Ordine creato in preparazione.");
        return Redirect($"{PurchasingModule.Path}/ordini/{result.Id}/riepilogo");
    }
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

    async Task<bool> LoadAsync(Guid id, bool forPage = true)
    {
        if (await access.CycleAsync(id) is not { } found || !found.In.IsReferent) return false;
        (In, Cycle) = found;
        // The members' list without lines, then the lines of the one member shown: 300 households × 30 lines stay cheap.
        Sheet = await deliveries.RowsAsync(Cycle.Id);
        if (Index < 0 || Index >= Sheet.Count) Index = Math.Max(0, Sheet.FindIndex(r => r.DeliveredAt is null));
        if (Index < Sheet.Count) Sheet[Index] = Sheet[Index] with { Lines = await deliveries.LinesAsync(Cycle.Id, Sheet[Index].BookingId) };
        // The products (for «non arrivato») only for a page shown: a saved member answers with a redirect to the next.
        if (forPage) Products = await deliveries.ProductsAsync(Cycle);
        return true;
    }

    /// <summary>The first line whose weight is still to be typed (the cursor starts there), or null: then on the save button.</summary>
    public Guid? FirstToWeigh => Current?.Lines.FirstOrDefault(l => l.SoldByWeight && !l.Missing && string.IsNullOrEmpty(Values.GetValueOrDefault(l.LineId) ?? Prefill(l)))?.LineId;

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
        if (!await LoadAsync(id, forPage: false)) return NotFound();
        if (Current is not { } row) return Redirect($"{PurchasingModule.Path}/ordini/{id}/consegna");
        var inputs = row.Lines.Select(l => new Deliveries.LineInput(l.LineId,
            Values.GetValueOrDefault(l.LineId) is { } text ? (l.SoldByWeight ? GafRules.ParseWeight(text) : GafRules.ParseQuantity(text)) : null,
            Missing.Contains(l.LineId))).ToList();
        var result = await deliveries.RecordAsync(Cycle, row.BookingId, inputs, access.UserId!.Value);
        if (result.Outcome != Deliveries.Outcome.Done)
        {
            foreach (var (k, v) in result.Errors) ModelState.AddModelError(k == Guid.Empty ? "" : $"Values[{k}]", v);
            Products = await deliveries.ProductsAsync(Cycle);
            return Page();
        }
        TempData["Message"] = Tr.Get("Consegna di {0} registrata: {1}. Ricevuta inviata.", row.Member, GafRules.Euro(result.TotalCents));
        var next = Sheet.FindIndex(Index + 1, r => r.DeliveredAt is null);
        return Redirect($"{PurchasingModule.Path}/ordini/{id}/consegna?n={(next < 0 ? Index : next)}");
    }

    public async Task<IActionResult> OnPostMissingAsync(Guid id, Guid? product)
    {
        if (!await LoadAsync(id)) return NotFound();
        var name = Products.FirstOrDefault(p => p.Id == product).Name;
        if (name is null)
        {
            TempData["Message"] = Tr.Get("Scegliete il prodotto non arrivato.");
            return Redirect($"{PurchasingModule.Path}/ordini/{id}/consegna?n={Index}");
        }
        var n = await deliveries.MarkMissingAsync(Cycle, product!.Value);
        TempData["Message"] = Tr.Get("«{0}» segnato come non arrivato per {1} prenotazioni.", name, n);
        return Redirect($"{PurchasingModule.Path}/ordini/{id}/consegna?n={Index}");
    }
}
