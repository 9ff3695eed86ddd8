using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Alleanza.Web.Modules.FamilyCard;

/// <summary>What the counter asks: a code (QR content or typed card number) at one shop, and optionally a purchase to record.</summary>
public sealed record VerifyRequest(string? Code, Guid ShopId, bool Record = false, decimal? PurchaseAmount = null,
    decimal? DiscountAmount = null, Guid? OfferId = null, string? IdempotencyKey = null);

/// <summary>Who asks: the merchant's partners in the shop's network, and the person or till.</summary>
public sealed record Verifier(Guid NetworkId, IReadOnlyList<Guid> PartnerIds, Guid? UserId, Guid? ApiKeyId, string ThrottleKey, string? Name);

public enum Verdict
{
    Valid,
    /// <summary>Authentic but not from a phone: printed card or typed number — check an identity document.</summary>
    ValidCheckDocument,
    Expired, Suspended, Revoked, Replaced, NotAcceptedHere, Forged, TooOld, UnknownCard, Replayed, TooManyAttempts,
}

/// <summary>
/// How the counter shows a verdict: a tone (green «valid», red «refused», amber «check»), an icon and a big word, so that
/// colour is never the only cue. A replayed code and too many attempts are amber: the card is not refused, the merchant acts.
/// </summary>
public sealed record CounterVerdict(string Tone, string Icon, string Word)
{
    public static CounterVerdict Of(Verdict verdict) => verdict switch
    {
        Verdict.Valid => new("valid", "✓", Tr.Get("Valida").ToUpper(System.Globalization.CultureInfo.CurrentCulture)),
        Verdict.ValidCheckDocument => new("check", "!", Tr.Get("CONTROLLA UN DOCUMENTO")),
        Verdict.Replayed => new("check", "↻", Tr.Get("CODICE GIÀ USATO")),
        Verdict.TooManyAttempts => new("check", "…", Tr.Get("RIPROVATE PIÙ TARDI")),
        _ => new("refused", "✗", Tr.Get("NON VALIDA")),
    };
}

public sealed record OfferLine(Guid Id, string Title, string Discount, string? Conditions);

public sealed record RecordedRedemption(long Id, decimal? PurchaseAmount, decimal? DiscountAmount, bool AlreadyRecorded);

public sealed record VerifyResult(Verdict Verdict, string Message, string? Holder = null, string? NetworkName = null, DateOnly? ValidUntil = null,
    IReadOnlyList<OfferLine>? Offers = null, RecordedRedemption? Redemption = null, IReadOnlyDictionary<string, string>? Errors = null)
{
    public bool Accepted => Verdict is Verdict.Valid or Verdict.ValidCheckDocument;
}

/// <summary>
/// Verification at the counter (page and till API share it): signatures and time from <see cref="CardTokens"/>,
/// then the card's status, the device, acceptance at this shop (own network, or a network in reciprocity that
/// the shop's offers accept), and — when asked — the redemption, recorded once per idempotency key and once per QR code.
/// </summary>
public sealed class VerifyCard(AppDbContext db, CardKeys keys, RedemptionWriter writer, TimeProvider clock, IMemoryCache cache, AuditLog audit, ILogger<VerifyCard> log)
{
    /// <summary>Unknown typed numbers allowed per merchant (all its people and till keys together) in <see cref="FailureWindow"/> before refusing.</summary>
    public const int MaxFailures = 10;
    /// <summary>Unknown typed numbers allowed in a whole network in <see cref="FailureWindow"/>: many merchants guessing together are cut off too.</summary>
    public const int MaxFailuresPerNetwork = 100;
    /// <summary>The audit action of a typed number that matches no card; the limits count these (in the database, so across instances).</summary>
    public const string UnknownNumberAction = "card.number-unknown";
    public static readonly TimeSpan FailureWindow = TimeSpan.FromMinutes(10);
    /// <summary>The largest purchase or discount a counter records, in euro: more is a typing mistake.</summary>
    public const decimal MaxAmount = 10_000;

    public sealed record ShopInfo(Guid Id, Guid PartnerId, Guid NetworkId, string Name, ShopCategory Category, Guid ComuneId);

    /// <summary>The shop, if it belongs to one of the verifier's partners in its network.</summary>
    public async Task<ShopInfo?> ShopAsync(Verifier who, Guid shopId, CancellationToken cancel = default)
    {
        // Shops change rarely and every sale names one: kept for a minute (an edit shows at the counter within a minute).
        if (!cache.TryGetValue(("shop", shopId), out ShopInfo? shop))
        {
            shop = await ShopById(db, shopId);
            cache.Set(("shop", shopId), shop, TimeSpan.FromMinutes(1));
        }
        return shop is not null && shop.NetworkId == who.NetworkId && who.PartnerIds.Contains(shop.PartnerId) ? shop : null;
    }

    /// <summary>A code checked offline at <paramref name="checkedAt"/>: its signatures and age as then, the card's status as now. Records nothing.</summary>
    public Task<VerifyResult?> RecheckAsync(Verifier who, Guid shopId, string code, DateTimeOffset checkedAt, CancellationToken cancel = default) =>
        RunAsync(who, new VerifyRequest(code, shopId), cancel, checkedAt);

    public async Task<VerifyResult?> RunAsync(Verifier who, VerifyRequest request, CancellationToken cancel = default, DateTimeOffset? checkedAt = null)
    {
        // One connection for the request's reads: EF Core would otherwise take one from the pool and give it back for each
        // query, and Npgsql resets a connection each time it goes back.
        await db.Database.OpenConnectionAsync(cancel);
        try { return await CheckAsync(who, request, cancel, checkedAt); }
        finally { await db.Database.CloseConnectionAsync(); }
    }

    async Task<VerifyResult?> CheckAsync(Verifier who, VerifyRequest request, CancellationToken cancel, DateTimeOffset? checkedAt)
    {
        var shop = await ShopAsync(who, request.ShopId, cancel);
        if (shop is null) return null;

        var errors = Validate(request);
        // Input mistakes are not a verdict on the card: the page shows them on the fields, the API as a validation problem.
        if (errors.Count > 0) return new VerifyResult(Verdict.Forged, Tr.Get("Controllate i dati inseriti."), Errors: errors);

        var now = clock.GetUtcNow();
        var code = request.Code!.Trim();
        Guid cardId;
        Guid? deviceId = null;
        string? tokenHash = null;
        var checkDocument = false;

        if (code.StartsWith(CardTokens.PrintedPrefix + ".", StringComparison.Ordinal) || code.StartsWith(CardTokens.LivePrefix + ".", StringComparison.Ordinal))
        {
            var check = CardTokens.Check(code, await keys.LookupAsync(KidOf(code), cancel), checkedAt ?? now);
            if (!check.Authentic)
            {
                await FailedAsync(who, $"codice QR rifiutato: {check.Outcome}");
                var verdict = check.Outcome switch
                {
                    CardTokens.Outcome.CredentialExpired => Verdict.Expired,
                    CardTokens.Outcome.TooOld or CardTokens.Outcome.FromTheFuture => Verdict.TooOld,
                    _ => Verdict.Forged,
                };
                return new VerifyResult(verdict, CardTokens.Explain(check.Outcome));
            }
            cardId = check.CardId;
            deviceId = check.DeviceId;
            checkDocument = check.Outcome == CardTokens.Outcome.ValidPrinted;
            tokenHash = check.ReplayKey; // keyed on the signed content, not the code's text: see CardTokens.ReplayKeyOf
        }
        else
        {
            if (await IsThrottledAsync(who, shop, now.UtcDateTime, cancel)) return new VerifyResult(Verdict.TooManyAttempts,
                Tr.Get("Troppi numeri di carta inesistenti: riprovate tra {0} minuti.", FailureWindow.TotalMinutes.ToString("0")));
            var number = CardNumbers.Normalize(code);
            var found = number is null ? null : await db.Cards.AsNoTracking().Where(c => c.Number == number).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancel);
            if (found is null)
            {
                log.LogWarning("Verifica Carta Famiglia rifiutata per {Who}: numero di carta inesistente", who.ThrottleKey);
                await audit.WriteAsync(UnknownNumberAction, "Partner", shop.PartnerId, $"numero di carta inesistente al negozio «{shop.Name}»", who.NetworkId, who.UserId, who.Name);
                return new VerifyResult(Verdict.UnknownCard, number is null
                    ? Tr.Get("Il numero è di 12 caratteri (lettere e cifre), come «K7F3-9Q2M-XH4T».")
                    : Tr.Get("Nessuna Carta Famiglia ha questo numero."));
            }
            cardId = found.Value;
            checkDocument = true;
        }

        var card = await CardById(db, cardId, deviceId);
        if (card is null) return new VerifyResult(Verdict.UnknownCard, Tr.Get("La carta non esiste più."));
        var holder = Card.ShortName(card.HolderFirstName, card.HolderLastName);
        var until = DateOnly.FromDateTime(card.ValidUntil.ToRome());
        var state = new Card { Status = card.Status, ValidUntil = card.ValidUntil }.StateAt(now.UtcDateTime);
        if (state != CardState.Valid)
        {
            var (verdict, message) = state switch
            {
                CardState.Expired => (Verdict.Expired, Tr.Get("Carta scaduta il {0}.", until.ToString("d/M/yyyy"))),
                CardState.Suspended => (Verdict.Suspended, Tr.Get("Carta sospesa dal Comune.")),
                CardState.Revoked => (Verdict.Revoked, Tr.Get("Carta revocata.")),
                _ => (Verdict.Replaced, Tr.Get("Questa carta è stata sostituita (smarrita): non è più valida.")),
            };
            return new VerifyResult(verdict, message, holder, card.NetworkName, until);
        }
        if (!card.DeviceActive)
            return new VerifyResult(Verdict.Revoked, Tr.Get("Il telefono che mostra la carta è stato disattivato dalla famiglia."), holder, card.NetworkName, until);

        var today = RomeTime.Today(clock);
        var offers = await OffersForAsync(shop, card.NetworkId, today, cancel);
        if (card.NetworkId != shop.NetworkId && offers.Count == 0)
            return new VerifyResult(Verdict.NotAcceptedHere, Tr.Get("Questo negozio non accetta le carte di «{0}».", card.NetworkName), holder, card.NetworkName, until);

        var accepted = checkDocument ? Verdict.ValidCheckDocument : Verdict.Valid;
        var text = checkDocument ? Tr.Get("Carta valida: verificate un documento d'identità.") : Tr.Get("Carta valida.");
        if (!request.Record)
            return new VerifyResult(accepted, text, holder, card.NetworkName, until, offers.Select(o => o.Line).ToList());

        // Recording: one row per idempotency key (a double tap answers with the first) and per live QR code (a replay is refused).
        var key = $"{(who.ApiKeyId is Guid api ? "api:" + api : "user:" + who.UserId)}:{request.IdempotencyKey}";
        // No look-up first: the unique indexes on the key and on the code decide, and the rare loser reads what won.
        var offer = request.OfferId is Guid offerId ? offers.FirstOrDefault(o => o.Id == offerId) : null;
        if (request.OfferId is not null && offer is null)
            return new VerifyResult(accepted, text, holder, card.NetworkName, until, offers.Select(o => o.Line).ToList(),
                Errors: new Dictionary<string, string> { ["OfferId"] = Tr.Get("La convenzione scelta non è valida per questa carta in questo negozio.") });
        var discount = offer is not null && request.PurchaseAmount is decimal purchase ? offer.DiscountOn(purchase) ?? request.DiscountAmount : request.DiscountAmount;

        var redemption = new Redemption
        {
            NetworkId = shop.NetworkId, ShopId = shop.Id, PartnerId = shop.PartnerId, CardId = card.Id, OfferId = offer?.Id, At = now.UtcDateTime,
            PurchaseAmount = request.PurchaseAmount, DiscountAmount = discount, TokenHash = tokenHash, IdempotencyKey = key,
            RecordedByUserId = who.UserId, ApiKeyId = who.ApiKeyId,
        };
        if (!await writer.RecordAsync(redemption, cancel))
        {
            // The same key or the same code was recorded before (or at the same instant): answer with what was written.
            var winner = await db.Redemptions.AsNoTracking().Where(r => r.IdempotencyKey == key).FirstOrDefaultAsync(cancel);
            if (winner is null) return Replayed(holder, card.NetworkName, until);
            return new VerifyResult(accepted, text + " Acquisto già registrato.", holder, card.NetworkName, until, offers.Select(o => o.Line).ToList(),
                new RecordedRedemption(winner.Id, winner.PurchaseAmount, winner.DiscountAmount, true));
        }
        return new VerifyResult(accepted, text + " Acquisto registrato.", holder, card.NetworkName, until, offers.Select(o => o.Line).ToList(),
            new RecordedRedemption(redemption.Id, redemption.PurchaseAmount, redemption.DiscountAmount, false));
    }

    static VerifyResult Replayed(string holder, string network, DateOnly until) => new(Verdict.Replayed,
        Tr.Get("Codice già usato: chiedete di mostrare di nuovo la carta dal telefono (il codice cambia ogni pochi secondi)."), holder, network, until);

    static Dictionary<string, string> Validate(VerifyRequest r)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(r.Code)) errors["Code"] = Tr.Get("Inquadrate il QR o scrivete il numero della carta.");
        else if (r.Code.Length > CardTokens.MaxLength) errors["Code"] = Tr.Get("Il codice è troppo lungo per essere una Carta Famiglia.");
        if (r.Record)
        {
            if (string.IsNullOrWhiteSpace(r.IdempotencyKey) || r.IdempotencyKey.Length > 60) errors["IdempotencyKey"] = Tr.Get("Manca l'identificativo della richiesta (ricaricate la pagina).");
        }
        // Amounts are checked whether or not the purchase is recorded: an impossible figure is a typing mistake to fix.
        if (r.PurchaseAmount is decimal purchase)
        {
            if (purchase <= 0) errors["PurchaseAmount"] = Tr.Get("L'importo della spesa deve essere maggiore di zero.");
            else if (purchase > MaxAmount) errors["PurchaseAmount"] = Tr.Get("L'importo della spesa non può superare {0} €: controllate le cifre.", MaxAmount.ToString("N0"));
            else if (decimal.Round(purchase, 2) != purchase) errors["PurchaseAmount"] = Tr.Get("L'importo ha al massimo due decimali (i centesimi), per esempio 24,50.");
        }
        if (r.DiscountAmount is decimal discount)
        {
            if (discount < 0) errors["DiscountAmount"] = Tr.Get("Lo sconto non può essere negativo.");
            else if (discount > MaxAmount) errors["DiscountAmount"] = Tr.Get("Lo sconto non può superare {0} €: controllate le cifre.", MaxAmount.ToString("N0"));
            else if (decimal.Round(discount, 2) != discount) errors["DiscountAmount"] = Tr.Get("Lo sconto ha al massimo due decimali (i centesimi), per esempio 2,45.");
            else if (r.PurchaseAmount is decimal p && p > 0 && discount > p) errors["DiscountAmount"] = Tr.Get("Lo sconto non può superare la spesa.");
        }
        return errors;
    }

    /// <summary>The offers of the shop valid today for a card of this network, as the counter shows them.</summary>
    public async Task<IReadOnlyList<OfferLine>> OfferLinesAsync(ShopInfo shop, Guid cardNetwork, CancellationToken cancel = default) =>
        (await OffersForAsync(shop, cardNetwork, RomeTime.Today(clock), cancel)).Select(o => o.Line).ToList();

    sealed record ApplicableOffer(Guid Id, DiscountKind Kind, decimal? Percent, decimal? Amount, OfferLine Line)
    {
        public decimal? DiscountOn(decimal purchase) => new Offer { Status = OfferStatus.Published, Kind = Kind, Percent = Percent, Amount = Amount }.DiscountOn(purchase);
    }

    /// <summary>The shop's valid offers for a card of this network: all of them for its own network; for another network, those that accept it while both networks agree.</summary>
    async Task<List<ApplicableOffer>> OffersForAsync(ShopInfo shop, Guid cardNetwork, DateOnly today, CancellationToken cancel)
    {
        List<OfferRow> rows;
        if (cardNetwork == shop.NetworkId)
        {
            rows = [];
            await foreach (var row in OwnNetworkOffers(db, shop.PartnerId, today).WithCancellation(cancel)) rows.Add(row);
        }
        else
            rows = await db.Offers.AsNoTracking().Where(o => o.PartnerId == shop.PartnerId).ValidOn(today)
                .Where(o => o.AcceptedNetworks.Any(n => n.NetworkId == cardNetwork)
                    && db.CardReciprocities.Any(r => r.NetworkId == shop.NetworkId && r.OtherNetworkId == cardNetwork)
                    && db.CardReciprocities.Any(r => r.NetworkId == cardNetwork && r.OtherNetworkId == shop.NetworkId))
                .OrderBy(o => o.Title).Select(o => new OfferRow(o.Id, o.Title, o.Kind, o.Percent, o.Amount, o.Conditions)).ToListAsync(cancel);
        return rows.Select(o => new ApplicableOffer(o.Id, o.Kind, o.Percent, o.Amount, new OfferLine(o.Id, o.Title, OfferLabels.Discount(o.Kind, o.Percent, o.Amount), o.Conditions))).ToList();
    }

    // Every verification runs these: compiled once, so EF Core skips translating and looking up the query each time.

    sealed record CardRow(Guid Id, Guid NetworkId, CardStatus Status, DateTime ValidUntil, string HolderFirstName, string HolderLastName, string NetworkName, bool DeviceActive);
    sealed record OfferRow(Guid Id, string Title, DiscountKind Kind, decimal? Percent, decimal? Amount, string? Conditions);

    /// <summary>One query: the card, its network's name, and whether the phone that showed it is still active.</summary>
    static readonly Func<AppDbContext, Guid, Guid?, Task<CardRow?>> CardById = EF.CompileAsyncQuery((AppDbContext db, Guid cardId, Guid? deviceId) =>
        db.Cards.AsNoTracking().Where(c => c.Id == cardId)
            .Select(c => new CardRow(c.Id, c.NetworkId, c.Status, c.ValidUntil, c.HolderFirstName, c.HolderLastName,
                db.Networks.Where(n => n.Id == c.NetworkId).Select(n => n.Name).First(),
                deviceId == null || db.CardDevices.Any(d => d.Id == deviceId && d.CardId == c.Id && d.RevokedAt == null)))
            .FirstOrDefault());

    static readonly Func<AppDbContext, Guid, Task<ShopInfo?>> ShopById = EF.CompileAsyncQuery((AppDbContext db, Guid shopId) =>
        db.Shops.AsNoTracking().Where(s => s.Id == shopId).Select(s => new ShopInfo(s.Id, s.PartnerId, s.NetworkId, s.Name, s.Category, s.ComuneId)).FirstOrDefault());

    /// <summary>The partner's offers valid on the day (the condition of <see cref="OfferQueries.ValidOn"/>, which a compiled query cannot call).</summary>
    static readonly Func<AppDbContext, Guid, DateOnly, IAsyncEnumerable<OfferRow>> OwnNetworkOffers = EF.CompileAsyncQuery((AppDbContext db, Guid partnerId, DateOnly day) =>
        db.Offers.AsNoTracking().Where(o => o.PartnerId == partnerId && o.Status == OfferStatus.Published
                && (o.ValidFrom == null || o.ValidFrom <= day) && (o.ValidUntil == null || o.ValidUntil >= day))
            .OrderBy(o => o.Title).Select(o => new OfferRow(o.Id, o.Title, o.Kind, o.Percent, o.Amount, o.Conditions)));

    static string? KidOf(string code)
    {
        // The kid is inside the signed JSON; reading it only decides whether to reload the key set.
        var parts = code.Split('.');
        if (parts.Length < 2 || !System.Buffers.Text.Base64Url.IsValid(parts[1])) return null;
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1]));
            // Valid base64 of JSON that is not an object (an array, a number) is no credential: the check calls it forged.
            return json.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object && json.RootElement.TryGetProperty("k", out var k)
                && k.ValueKind == System.Text.Json.JsonValueKind.String ? k.GetString() : null;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or ArgumentException) { return null; }
    }

    /// <summary>
    /// Whether typed numbers are refused for now: the merchant (every person and till key of the shop's partner together,
    /// so a new key gives no fresh allowance) or the whole network had too many unknown numbers in the last
    /// <see cref="FailureWindow"/>. Counted from the audit log, so the limits hold across app instances.
    /// </summary>
    async Task<bool> IsThrottledAsync(Verifier who, ShopInfo shop, DateTime now, CancellationToken cancel)
    {
        var since = now - FailureWindow;
        var partner = shop.PartnerId.ToString();
        var counts = await db.AuditEntries.AsNoTracking()
            .Where(a => a.NetworkId == who.NetworkId && a.At >= since && a.Action == UnknownNumberAction)
            .GroupBy(a => 1).Select(g => new { Network = g.Count(), Partner = g.Count(a => a.EntityId == partner) }).FirstOrDefaultAsync(cancel);
        if (counts is null) return false;
        var throttled = counts.Partner >= MaxFailures || counts.Network >= MaxFailuresPerNetwork;
        if (throttled) await FailedAsync(who, "numero di carta rifiutato: troppi tentativi");
        return throttled;
    }

    async Task FailedAsync(Verifier who, string what)
    {
        log.LogWarning("Verifica Carta Famiglia rifiutata per {Who}: {What}", who.ThrottleKey, what);
        await audit.WriteAsync("card.verify-failed", "Shop", null, what, who.NetworkId, who.UserId, who.Name);
    }
}
