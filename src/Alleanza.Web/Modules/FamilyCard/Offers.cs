using System.ComponentModel.DataAnnotations;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.FamilyCard;

/// <summary>The fields a merchant edits on an offer (convenzione); messages in Italian.</summary>
public sealed class OfferForm : IValidatableObject
{
    [Required(ErrorMessage = "Scegli l'esercente che offre la convenzione.")]
    [Display(Name = "Esercente")]
    public Guid? PartnerId { get; set; }

    [Required(ErrorMessage = "Inserisci il titolo della convenzione.")]
    [StringLength(200, MinimumLength = 3, ErrorMessage = "Il titolo deve avere tra 3 e 200 caratteri.")]
    [Display(Name = "Titolo")]
    public string? Title { get; set; }

    [Required(ErrorMessage = "Scegli il tipo di agevolazione.")]
    [EnumDataType(typeof(DiscountKind), ErrorMessage = "Scegli un tipo di agevolazione dall'elenco.")]
    [Display(Name = "Tipo di agevolazione")]
    public DiscountKind? Kind { get; set; }

    [Display(Name = "Sconto in percentuale (%)")]
    public decimal? Percent { get; set; }

    [Display(Name = "Sconto in euro (€)")]
    public decimal? Amount { get; set; }

    [StringLength(2000, ErrorMessage = "La descrizione può avere al massimo 2000 caratteri.")]
    [Display(Name = "Descrizione")]
    public string? Description { get; set; }

    [StringLength(2000, ErrorMessage = "Le condizioni possono avere al massimo 2000 caratteri.")]
    [Display(Name = "Condizioni")]
    public string? Conditions { get; set; }

    [Display(Name = "Valida dal")]
    public DateOnly? ValidFrom { get; set; }

    [Display(Name = "Valida fino al")]
    public DateOnly? ValidUntil { get; set; }

    [Display(Name = "Carte di altre reti accettate")]
    public List<Guid> AcceptedNetworkIds { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        switch (Kind)
        {
            case DiscountKind.Percent when Percent is null:
                yield return new(Tr.Get("Indica la percentuale di sconto."), [nameof(Percent)]);
                break;
            case DiscountKind.Percent when Percent is <= 0 or > 100:
                yield return new(Tr.Get("La percentuale di sconto deve essere maggiore di 0 e al massimo 100."), [nameof(Percent)]);
                break;
            case DiscountKind.Percent when decimal.Round(Percent!.Value, 2) != Percent:
                yield return new(Tr.Get("La percentuale può avere al massimo due decimali."), [nameof(Percent)]);
                break;
            case DiscountKind.Fixed when Amount is null:
                yield return new(Tr.Get("Indica l'importo dello sconto in euro."), [nameof(Amount)]);
                break;
            case DiscountKind.Fixed when Amount is <= 0 or > 100000:
                yield return new(Tr.Get("L'importo dello sconto deve essere maggiore di 0 (e al massimo 100.000 €)."), [nameof(Amount)]);
                break;
            case DiscountKind.Fixed when decimal.Round(Amount!.Value, 2) != Amount:
                yield return new(Tr.Get("L'importo può avere al massimo due decimali (i centesimi)."), [nameof(Amount)]);
                break;
            case DiscountKind.Text when string.IsNullOrWhiteSpace(Description):
                yield return new(Tr.Get("Descrivi l'agevolazione che offri."), [nameof(Description)]);
                break;
        }
        if (ValidFrom is { } from && ValidUntil is { } until && until < from)
            yield return new(Tr.Get("La data di fine validità non può essere prima di quella di inizio."), [nameof(ValidUntil)]);
        if (ValidFrom is { Year: < 2000 or > 2100 } || ValidUntil is { Year: < 2000 or > 2100 })
            yield return new(Tr.Get("Le date di validità devono essere tra il 2000 e il 2100."), [nameof(ValidFrom)]);
    }
}

public enum OfferOutcome { Done, NotAllowed, WrongState }

/// <summary>An offer as the lists show it.</summary>
public sealed record OfferRow(Guid Id, string Title, string Partner, DiscountKind Kind, decimal? Percent, decimal? Amount, OfferStatus Status,
    DateOnly? ValidFrom, DateOnly? ValidUntil, DateTime UpdatedAt, string? ModerationNote);

public static class OfferLabels
{
    public static string Status(OfferStatus s) => s switch
    {
        OfferStatus.Draft => Tr.Get("Bozza"),
        OfferStatus.Submitted => Tr.Get("In approvazione"),
        OfferStatus.Published => Tr.Get("Pubblicata"),
        OfferStatus.Rejected => Tr.Get("Da rivedere"),
        _ => Tr.Get("Ritirata"),
    };

    public static string Badge(OfferStatus s) => s switch
    {
        OfferStatus.Published => "bg-success",
        OfferStatus.Rejected => "bg-danger",
        OfferStatus.Submitted => "bg-warning text-dark",
        _ => "bg-secondary",
    };

    public static string Kind(DiscountKind k) => k switch
    {
        DiscountKind.Percent => Tr.Get("Sconto in percentuale"),
        DiscountKind.Fixed => Tr.Get("Sconto in euro"),
        _ => Tr.Get("Altra agevolazione"),
    };

    static readonly System.Globalization.CultureInfo It = System.Globalization.CultureInfo.GetCultureInfo("it-IT");

    /// <summary>"Sconto del 10%", "5,00 € di sconto", or the text's first words.</summary>
    public static string Discount(DiscountKind kind, decimal? percent, decimal? amount) => kind switch
    {
        DiscountKind.Percent when percent is { } p => Tr.Get("Sconto del {0}%", p.ToString("0.##", RomeTime.Culture)),
        DiscountKind.Fixed when amount is { } a => Tr.Get("{0} di sconto", Money.Format(a)),
        _ => Tr.Get("Agevolazione"),
    };

    public static string Validity(DateOnly? from, DateOnly? until) => (from, until) switch
    {
        (null, null) => Tr.Get("senza scadenza"),
        ({ } f, null) => Tr.Get("dal {0}", RomeTime.Format(f)),
        (null, { } u) => Tr.Get("fino al {0}", RomeTime.Format(u)),
        ({ } f, { } u) => Tr.Get("dal {0} al {1}", RomeTime.Format(f), RomeTime.Format(u)),
    };
}

/// <summary>
/// Offers of the merchants the signed-in person works for, and their moderation by the coordinator:
/// Draft → Submitted → Published or Rejected (with a reason) → Withdrawn. Editing a published offer sends it back
/// for approval: it leaves the public page until the coordinator approves the new text.
/// </summary>
public sealed class Offers(AppDbContext db, CurrentNetwork network, CurrentAccess access, AuditLog audit, TimeProvider clock, Reciprocity reciprocity,
    Platform.Notifications.NotificationService notifications)
{
    DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<List<OfferRow>> MineAsync()
    {
        var mine = await access.PartnersHereAsync(NetworkRole.Merchant);
        var rows = await Rows(db.Offers.AsNoTracking().Where(o => o.NetworkId == network.Id && mine.Contains(o.PartnerId))).ToListAsync();
        return rows.OrderByDescending(o => o.UpdatedAt).ThenBy(o => o.Title).ToList();
    }

    /// <summary>Offers projected for lists.</summary>
    public IQueryable<OfferRow> Rows(IQueryable<Offer> offers) => offers
        .Join(db.Partners, o => o.PartnerId, p => p.Id, (o, p) => new OfferRow(o.Id, o.Title, p.Name, o.Kind, o.Percent, o.Amount, o.Status, o.ValidFrom, o.ValidUntil, o.UpdatedAt, o.ModerationNote));

    /// <summary>The offer, when it is in this network and belongs to one of the person's merchants (otherwise null: answer 404).</summary>
    public async Task<Offer?> FindEditableAsync(Guid id)
    {
        var mine = await access.PartnersHereAsync(NetworkRole.Merchant);
        if (mine.Count == 0) return null;
        return await db.Offers.Include(o => o.AcceptedNetworks).FirstOrDefaultAsync(o => o.Id == id && o.NetworkId == network.Id && mine.Contains(o.PartnerId));
    }

    /// <summary>The offer for the coordinator of the current network (otherwise null: answer 404).</summary>
    public async Task<Offer?> FindForModerationAsync(Guid id)
    {
        if (!await access.CanManageNetworkAsync()) return null;
        return await db.Offers.Include(o => o.AcceptedNetworks).FirstOrDefaultAsync(o => o.Id == id && o.NetworkId == network.Id);
    }

    public async Task<Dictionary<string, string>> ValidateAsync(OfferForm form)
    {
        var errors = new Dictionary<string, string>();
        var mine = await access.PartnersHereAsync(NetworkRole.Merchant);
        if (form.PartnerId is { } p && !(mine.Contains(p) && await db.Partners.AnyAsync(x => x.Id == p && x.NetworkId == network.Id)))
            errors[nameof(OfferForm.PartnerId)] = Tr.Get("Scegli uno degli esercenti per cui lavori.");
        var allowed = (await reciprocity.MutualAsync(network.Id)).Select(n => n.Id).ToHashSet();
        if (form.AcceptedNetworkIds.Distinct().Any(id => !allowed.Contains(id)))
            errors[nameof(OfferForm.AcceptedNetworkIds)] = Tr.Get("Puoi scegliere solo le reti che hanno un accordo di reciprocità con questa rete.");
        return errors;
    }

    public async Task<Offer> CreateAsync(OfferForm form)
    {
        var o = new Offer { Id = Guid.NewGuid(), NetworkId = network.Id, Status = OfferStatus.Draft, CreatedAt = Now };
        Apply(o, form);
        db.Offers.Add(o);
        await db.SaveChangesAsync();
        return o;
    }

    /// <summary>Saves the changes. A published (or submitted) offer goes back to the coordinator: it is hidden until approved again.</summary>
    public async Task UpdateAsync(Offer o, OfferForm form)
    {
        Apply(o, form);
        if (o.Status == OfferStatus.Published)
        {
            o.Status = OfferStatus.Submitted;
            audit.Add("offer.resubmit", nameof(Offer), o.Id, o.Title, o.NetworkId);
            await db.SaveChangesAsync();
            await AskReviewAsync(o);
            return;
        }
        await db.SaveChangesAsync();
    }

    /// <summary>Tells the network's coordinators that an offer waits for their approval.</summary>
    async Task AskReviewAsync(Offer o)
    {
        var shop = await db.Partners.AsNoTracking().Where(p => p.Id == o.PartnerId).Select(p => p.Name).FirstOrDefaultAsync();
        var coordinators = (await notifications.CoordinatorsAsync(o.NetworkId)).Where(u => u != access.UserId).ToList();
        await notifications.NotifyAsync(coordinators, to => new Platform.Notifications.Notice(Platform.Notifications.NotificationKinds.ReviewWaiting.Key, o.NetworkId, to,
            Tr.Get("Convenzione da approvare: «{0}»", o.Title),
            Tr.Get("{0} ha inviato la convenzione «{1}» per i titolari della Carta Famiglia. Approvatela per pubblicarla, o rimandatela all'esercente con le vostre osservazioni.", shop, o.Title),
            $"/gestione/carta-famiglia/convenzioni/{o.Id}?rete={network.Network?.Slug}") { LinkLabel = Tr.Get("Rivedi la convenzione") });
    }

    /// <summary>Tells the merchant's staff what the coordinator decided about their offer.</summary>
    async Task TellMerchantAsync(Offer o, Func<(string Subject, string Text)> compose)
    {
        var staff = (await notifications.PartnerStaffAsync(o.PartnerId)).Where(u => u != access.UserId).ToList();
        await notifications.NotifyAsync(staff, to =>
        {
            var (subject, text) = compose(); // in each person's language
            return new Platform.Notifications.Notice(Platform.Notifications.NotificationKinds.OpportunityDecision.Key, o.NetworkId, to, subject, text,
                $"/esercente/convenzioni/{o.Id}?rete={network.Network?.Slug}") { LinkLabel = Tr.Get("Apri la convenzione") };
        });
    }

    public async Task<OfferOutcome> SubmitAsync(Offer o)
    {
        if (o.Status is not (OfferStatus.Draft or OfferStatus.Rejected or OfferStatus.Withdrawn)) return OfferOutcome.WrongState;
        o.Status = OfferStatus.Submitted;
        o.UpdatedAt = Now;
        if (!await db.TrySaveAsync()) return OfferOutcome.WrongState;
        await AskReviewAsync(o);
        return OfferOutcome.Done;
    }

    public async Task<OfferOutcome> WithdrawAsync(Offer o)
    {
        if (o.Status is not (OfferStatus.Submitted or OfferStatus.Published)) return OfferOutcome.WrongState;
        o.Status = OfferStatus.Withdrawn;
        o.UpdatedAt = Now;
        audit.Add("offer.withdraw", nameof(Offer), o.Id, o.Title, o.NetworkId);
        if (!await db.TrySaveAsync()) return OfferOutcome.WrongState;
        return OfferOutcome.Done;
    }

    public async Task<OfferOutcome> ApproveAsync(Offer o)
    {
        if (!await access.CanManageNetworkAsync()) return OfferOutcome.NotAllowed;
        if (o.Status != OfferStatus.Submitted) return OfferOutcome.WrongState;
        o.Status = OfferStatus.Published;
        o.PublishedAt = Now;
        o.ModerationNote = null;
        o.UpdatedAt = Now;
        audit.Add("offer.publish", nameof(Offer), o.Id, o.Title, o.NetworkId);
        if (!await db.TrySaveAsync()) return OfferOutcome.WrongState;
        await TellMerchantAsync(o, () => (Tr.Get("Convenzione pubblicata: «{0}»", o.Title),
            Tr.Get("Il coordinatore ha approvato la convenzione «{0}»: ora i titolari della Carta Famiglia la vedono sulla mappa delle convenzioni.", o.Title)));
        return OfferOutcome.Done;
    }

    public async Task<OfferOutcome> RejectAsync(Offer o, string reason)
    {
        if (!await access.CanManageNetworkAsync()) return OfferOutcome.NotAllowed;
        if (o.Status != OfferStatus.Submitted) return OfferOutcome.WrongState;
        o.Status = OfferStatus.Rejected;
        o.ModerationNote = reason.Trim();
        o.UpdatedAt = Now;
        audit.Add("offer.reject", nameof(Offer), o.Id, $"{o.Title}: {reason.Trim()}", o.NetworkId);
        if (!await db.TrySaveAsync()) return OfferOutcome.WrongState;
        await TellMerchantAsync(o, () => (Tr.Get("Convenzione da correggere: «{0}»", o.Title),
            Tr.Get("Il coordinatore ha rimandato la convenzione «{0}» con queste osservazioni:", o.Title) + $"\n\n{reason.Trim()}\n\n" + Tr.Get("Correggetela e inviatela di nuovo.")));
        return OfferOutcome.Done;
    }

    void Apply(Offer o, OfferForm f)
    {
        o.PartnerId = f.PartnerId!.Value;
        o.Title = f.Title!.Trim();
        o.Kind = f.Kind!.Value;
        o.Percent = o.Kind == DiscountKind.Percent ? f.Percent : null;
        o.Amount = o.Kind == DiscountKind.Fixed ? f.Amount : null;
        o.Description = Text.Clean(f.Description);
        o.Conditions = Text.Clean(f.Conditions);
        o.ValidFrom = f.ValidFrom;
        o.ValidUntil = f.ValidUntil;
        o.UpdatedAt = Now;
        var wanted = f.AcceptedNetworkIds.Distinct().ToHashSet();
        o.AcceptedNetworks.RemoveAll(n => !wanted.Contains(n.NetworkId));
        foreach (var id in wanted.Where(id => o.AcceptedNetworks.All(n => n.NetworkId != id)))
            o.AcceptedNetworks.Add(new OfferNetwork { OfferId = o.Id, NetworkId = id });
    }

    public static OfferForm FormFrom(Offer o) => new()
    {
        PartnerId = o.PartnerId, Title = o.Title, Kind = o.Kind, Percent = o.Percent, Amount = o.Amount, Description = o.Description,
        Conditions = o.Conditions, ValidFrom = o.ValidFrom, ValidUntil = o.ValidUntil, AcceptedNetworkIds = o.AcceptedNetworks.Select(n => n.NetworkId).ToList(),
    };
}

/// <summary>One other network as the reciprocity page shows it.</summary>
public sealed record ReciprocityRow(Guid Id, string Name, bool WeAgree, bool TheyAgree)
{
    public bool Mutual => WeAgree && TheyAgree;
}

/// <summary>
/// Reciprocity between networks: row (A, B) means A honours B's cards. Offers of A may accept B's cards only when
/// both (A, B) and (B, A) exist.
/// </summary>
public sealed class Reciprocity(AppDbContext db, CurrentAccess access, AuditLog audit, TimeProvider clock)
{
    /// <summary>Networks in mutual reciprocity with <paramref name="networkId"/>, by name.</summary>
    public async Task<List<NetworkInfo>> MutualAsync(Guid networkId) =>
        await db.CardReciprocities.AsNoTracking()
            .Where(r => r.NetworkId == networkId && db.CardReciprocities.Any(b => b.NetworkId == r.OtherNetworkId && b.OtherNetworkId == networkId))
            .Join(db.Networks, r => r.OtherNetworkId, n => n.Id, (r, n) => n)
            .OrderBy(n => n.Name).Select(n => new NetworkInfo(n.Id, n.Slug, n.Name)).ToListAsync();

    public async Task<List<ReciprocityRow>> OverviewAsync(Guid networkId)
    {
        var ours = await db.CardReciprocities.AsNoTracking().Where(r => r.NetworkId == networkId).Select(r => r.OtherNetworkId).ToListAsync();
        var theirs = await db.CardReciprocities.AsNoTracking().Where(r => r.OtherNetworkId == networkId).Select(r => r.NetworkId).ToListAsync();
        var others = await db.Networks.AsNoTracking().Where(n => n.Id != networkId).OrderBy(n => n.Name).Select(n => new { n.Id, n.Name }).ToListAsync();
        return others.Select(n => new ReciprocityRow(n.Id, n.Name, ours.Contains(n.Id), theirs.Contains(n.Id))).ToList();
    }

    /// <summary>Network <paramref name="networkId"/> agrees to honour <paramref name="otherId"/>'s cards. False when the other network does not exist.</summary>
    public async Task<bool> AgreeAsync(Guid networkId, Guid otherId)
    {
        if (otherId == networkId || !await db.Networks.AnyAsync(n => n.Id == otherId)) return false;
        if (await db.CardReciprocities.AnyAsync(r => r.NetworkId == networkId && r.OtherNetworkId == otherId)) return true;
        db.CardReciprocities.Add(new CardReciprocity { NetworkId = networkId, OtherNetworkId = otherId, AgreedAt = clock.GetUtcNow().UtcDateTime, AgreedByUserId = access.UserId });
        audit.Add("reciprocity.agree", nameof(CardReciprocity), otherId, null, networkId);
        try { await db.SaveChangesAsync(); }
        catch (DbUpdateException) { db.ChangeTracker.Clear(); } // agreed twice at once: the row is there
        return true;
    }

    /// <summary>Withdraws the agreement. Offers keep the other network in their list, but it no longer counts (the lists show only mutual ones).</summary>
    public async Task<bool> WithdrawAsync(Guid networkId, Guid otherId)
    {
        var row = await db.CardReciprocities.FirstOrDefaultAsync(r => r.NetworkId == networkId && r.OtherNetworkId == otherId);
        if (row is null) return false;
        db.CardReciprocities.Remove(row);
        audit.Add("reciprocity.withdraw", nameof(CardReciprocity), otherId, null, networkId);
        await db.SaveChangesAsync();
        return true;
    }
}

/// <summary>A shop on the public page with its valid offers.</summary>
public sealed record CardShop(Guid Id, string Name, string Partner, Guid PartnerId, ShopCategory Category, string Address, string Comune,
    double? Latitude, double? Longitude, string? OpeningHours, string? Phone, IReadOnlyList<CardOffer> Offers);

public sealed record CardOffer(Guid Id, string Title, DiscountKind Kind, decimal? Percent, decimal? Amount, string? Description, string? Conditions,
    DateOnly? ValidFrom, DateOnly? ValidUntil, IReadOnlyList<string> OtherNetworks);

public sealed record CardShopQuery(string? Text, ShopCategory? Category, Guid? ComuneId, int Page = 1, int PageSize = 20);

/// <summary>The public side: the network's shops with offers valid today, and one shop's page.</summary>
public sealed class CardShops(AppDbContext db, Reciprocity reciprocity, TimeProvider clock)
{
    IQueryable<Offer> ValidOffers(Guid networkId, DateOnly today) => db.Offers.AsNoTracking().Where(o => o.NetworkId == networkId).ValidOn(today);

    public async Task<Paged<CardShop>> SearchAsync(Guid networkId, CardShopQuery query, CancellationToken cancel = default)
    {
        var today = RomeTime.Today(clock);
        var valid = ValidOffers(networkId, today);
        var q = db.Shops.AsNoTracking().Where(s => s.NetworkId == networkId && valid.Any(o => o.PartnerId == s.PartnerId));
        var key = Text.SearchKey(query.Text);
        if (key.Length > 0) q = q.Where(s => s.NameKey.Contains(key));
        if (query.Category is { } c) q = q.Where(s => s.Category == c);
        if (query.ComuneId is { } comune) q = q.Where(s => s.ComuneId == comune);
        var total = await q.CountAsync(cancel);
        var pages = Math.Max(1, (total + query.PageSize - 1) / query.PageSize);
        var page = Math.Clamp(query.Page, 1, pages);
        var shops = await q.OrderBy(s => s.NameKey).ThenBy(s => s.Id).PageOf(page, query.PageSize).ToListAsync(cancel);
        return new Paged<CardShop>(await DescribeAsync(networkId, shops, valid, cancel), total, page, query.PageSize);
    }

    /// <summary>The shop of this network (null otherwise: 404), with its offers valid today.</summary>
    public async Task<CardShop?> FindAsync(Guid networkId, Guid shopId, CancellationToken cancel = default)
    {
        var shop = await db.Shops.AsNoTracking().FirstOrDefaultAsync(s => s.Id == shopId && s.NetworkId == networkId, cancel);
        if (shop is null) return null;
        return (await DescribeAsync(networkId, [shop], ValidOffers(networkId, RomeTime.Today(clock)), cancel))[0];
    }

    async Task<List<CardShop>> DescribeAsync(Guid networkId, List<Shop> shops, IQueryable<Offer> valid, CancellationToken cancel)
    {
        var partnerIds = shops.Select(s => s.PartnerId).Distinct().ToList();
        var comuneIds = shops.Select(s => s.ComuneId).Distinct().ToList();
        var partners = await db.Partners.AsNoTracking().Where(p => partnerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancel);
        var comuni = await db.Comuni.AsNoTracking().Where(c => comuneIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, cancel);
        var offers = await valid.Where(o => partnerIds.Contains(o.PartnerId)).Include(o => o.AcceptedNetworks).OrderBy(o => o.Title).ToListAsync(cancel);
        // Only networks still in mutual reciprocity count, whatever the offer once listed.
        var mutual = (await reciprocity.MutualAsync(networkId)).ToDictionary(n => n.Id, n => n.Name);
        return shops.Select(s => new CardShop(s.Id, s.Name, partners.GetValueOrDefault(s.PartnerId, ""), s.PartnerId, s.Category, s.Address,
            comuni.GetValueOrDefault(s.ComuneId, ""), s.Latitude, s.Longitude, s.OpeningHours, s.Phone,
            offers.Where(o => o.PartnerId == s.PartnerId).Select(o => new CardOffer(o.Id, o.Title, o.Kind, o.Percent, o.Amount, o.Description, o.Conditions,
                o.ValidFrom, o.ValidUntil, o.AcceptedNetworks.Where(n => mutual.ContainsKey(n.NetworkId)).Select(n => mutual[n.NetworkId]).Order().ToList())).ToList())).ToList();
    }

    /// <summary>The network's card rules, or the defaults when it has none.</summary>
    public async Task<CardRules> RulesAsync(Guid networkId) =>
        await db.CardRules.AsNoTracking().FirstOrDefaultAsync(r => r.NetworkId == networkId) ?? new CardRules { NetworkId = networkId };
}
