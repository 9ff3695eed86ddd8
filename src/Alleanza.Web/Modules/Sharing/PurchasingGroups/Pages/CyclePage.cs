using System.ComponentModel.DataAnnotations;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Layout;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Sharing.PurchasingGroups.Pages;

/// <summary>A cycle for a member: the booking form while open, then the booking with its delivered quantities and final prices.</summary>
public class CycleModel(GafAccess access, Bookings bookings, Cycles cycles, OrderDispatch dispatch, Modules.FamilyCard.CardDiscounts discounts, AppDbContext db, TimeProvider clock) : PageModel
{
    public GafAccess.InGroup In { get; private set; } = default!;
    public OrderCycle Cycle { get; private set; } = default!;
    public string Supplier { get; private set; } = "";
    public IReadOnlyList<Product> Products { get; private set; } = [];
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

    /// <summary>The cycle, the person's place in its group and for whom they book: what saving a booking needs.</summary>
    async Task<bool> FindAsync(Guid id)
    {
        if (await access.CycleAsync(id) is not { } found) return false;
        (In, Cycle) = found;
        if (In.Member is { } own)
        {
            // The friend households are read here only to book for one of them; otherwise with what the page shows.
            if (For is { } friend && friend != own.Id)
            {
                Friends = await FriendsOf(own).ToListAsync();
                friendsRead = true;
                Acting = Friends.FirstOrDefault(f => f.Id == friend);
            }
            else Acting = own;
            if (Acting is null) return false;
        }
        else if (For is not null) return false;
        return true;
    }

    bool friendsRead;

    IQueryable<GroupMember> FriendsOf(GroupMember own) =>
        db.GafMembers.AsNoTracking().Where(m => m.SponsorMemberId == own.Id && m.GroupId == own.GroupId && m.LeftAt == null).OrderBy(m => m.Name);

    /// <summary>
    /// What the page shows: the supplier and its products, the booking, the balance. Only for a page shown — a saved booking
    /// answers with a redirect, and reading the supplier's 600 products for it was most of its cost (bench gaf-booking-save).
    /// </summary>
    async Task ShowAsync()
    {
        // The supplier, the balance and whether there are friend households in one round trip, the booking with its lines
        // in a second: the booking page is opened by every member on a busy evening, and on PostgreSQL its reads, one by
        // one, were most of what was left of its cost (SQLite cannot join a row and a list in one query: no APPLY).
        var account = Acting?.AccountId ?? Guid.Empty;
        var own = friendsRead ? Guid.Empty : In.Member?.Id ?? Guid.Empty;
        var groupId = Cycle.GroupId;
        var shown = await db.GafSuppliers.AsNoTracking().Where(s => s.Id == Cycle.SupplierId).Select(s => new
        {
            s.Name, s.PartnerId,
            Balance = db.LedgerAccounts.Where(a => a.Id == account).Select(a => a.Balance).FirstOrDefault(),
            HasFriends = db.GafMembers.Any(m => m.SponsorMemberId == own && m.GroupId == groupId && m.LeftAt == null),
        }).FirstAsync();
        Supplier = shown.Name;
        if (shown.HasFriends) Friends = await FriendsOf(In.Member!).ToListAsync();
        if (shown.PartnerId is { } partner && Cycle.Status == CycleStatus.Open)
        {
            CardOffer = await discounts.OfferedAsync(Cycle.NetworkId, partner);
            HasCard = CardOffer is not null && Acting is { } holder && await discounts.HoldsValidCardAsync(Cycle.NetworkId, holder.HouseholdId);
        }
        if (Acting is { } me)
        {
            Mine = await db.GafBookings.AsNoTracking().Include(b => b.Lines).FirstOrDefaultAsync(b => b.CycleId == Cycle.Id && b.MemberId == me.Id);
            // The booking's lines with their prices are the receipt, shown once booking is over; the form takes its
            // quantities from the booking itself.
            if (Mine is not null && !CanBook)
            {
                MyLines = await bookings.LinesAsync(Mine.Id);
                if (Cycle.Status >= CycleStatus.Sent) MyCharge = (await cycles.ChargesAsync(Cycle.Id)).FirstOrDefault(c => c.BookingId == Mine.Id);
            }
            Balance = shown.Balance;
        }
        if (CanBook) Products = await bookings.ProductsAsync(Cycle, Mine);
        if (CanBook && Cycle.HoldForPackages)
            Shortfalls = (await cycles.PerProductAsync(Cycle.Id)).Where(t => t.Order.ShortfallMilli > 0).ToDictionary(t => t.ProductId, t => t.Order.ShortfallMilli);
    }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await FindAsync(id)) return NotFound();
        await ShowAsync();
        foreach (var l in Mine?.Lines ?? []) Quantities[l.ProductId] = GafRules.Quantity(l.QuantityMilli);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        ModelState.Clear();
        if (!await FindAsync(id)) return NotFound();
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
                    TempData["Message"] = Tr.Get("Prenotazione salvata: circa {0}. Potete cambiarla fino alla chiusura.", GafRules.Euro(result.EstimateCents));
                    if (Cycle.HoldForPackages && await dispatch.CloseIfFullAsync(Cycle.Id) is not null)
                        TempData["Message"] = Tr.Get("Prenotazione salvata: circa {0}. Con la vostra prenotazione le confezioni sono complete: l'ordine è chiuso e parte per il fornitore.", GafRules.Euro(result.EstimateCents));
                    if (ForFriend) TempData["Message"] = Tr.Get("Per {0}: ", Acting.Name) + TempData["Message"];
                    return Redirect(Here);
                case Bookings.Outcome.Removed:
                    TempData["Message"] = ForFriend ? Tr.Get("Prenotazione di {0} tolta.", Acting.Name) : Tr.Get("Prenotazione tolta.");
                    return Redirect(Here);
                default:
                    foreach (var (k, v) in result.Errors)
                        if (k == Guid.Empty) ModelState.AddModelError("", v); else LineErrors[k] = v;
                    break;
            }
        }
        foreach (var (k, v) in LineErrors) ModelState.AddModelError($"Quantities[{k}]", v);
        // Shown again with the messages; the cycle re-read when it closed meanwhile (the page then shows the booking, not the form).
        if (!CanBook && !await FindAsync(id)) return NotFound();
        await ShowAsync();
        return Page();
    }
}
