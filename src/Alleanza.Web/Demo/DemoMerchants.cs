using Alleanza.Web.Modules.FamilyCard;
using Alleanza.Web.Modules.Network;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;

namespace Alleanza.Web.Demo;

/// <summary>
/// Demo shops and offers (convenzioni): every Business partner gets one to three shops near its Comune and published
/// offers; Portogruaro's stationer has one more offer waiting for the coordinator; Portogruaro and Brianza honour
/// each other's cards.
/// </summary>
public static class DemoMerchants
{
    static readonly Dictionary<string, (double Lat, double Lon)> Centres = new()
    {
        ["portogruaro"] = (45.775, 12.837), ["brianza"] = (45.648, 9.139), ["cidis"] = (45.005, 7.538),
        ["lucca"] = (43.843, 10.505), ["pavia"] = (45.185, 9.158),
    };

    static readonly string[] Streets = ["Via Roma", "Corso Martiri della Libertà", "Via Garibaldi", "Piazza della Repubblica", "Via Mazzini", "Viale Trieste", "Via Cavour", "Borgo San Nicolò"];
    static readonly string[] Hours =
    [
        "Lunedì–sabato 9–12.30 e 15.30–19.30; chiuso la domenica.",
        "Dal martedì alla domenica 8–13; pomeriggio solo venerdì e sabato 16–19.",
        "Tutti i giorni 8.30–19.30, orario continuato.",
    ];

    sealed record Template(string Title, DiscountKind Kind, decimal? Percent, decimal? Amount, string Description, string? Conditions);

    static ShopCategory CategoryFor(string name) => Text.SearchKey(name) switch
    {
        var n when n.Contains("cartoleria") || n.Contains("libreria") => ShopCategory.Books,
        var n when n.Contains("farmacia") || n.Contains("ottica") => ShopCategory.Health,
        var n when n.Contains("panetteria") || n.Contains("panificio") => ShopCategory.Food,
        var n when n.Contains("giocattoli") => ShopCategory.Toys,
        var n when n.Contains("abbigliamento") => ShopCategory.Clothing,
        _ => ShopCategory.Other,
    };

    static Template[] TemplatesFor(ShopCategory category) => category switch
    {
        ShopCategory.Books => [new("10% su quaderni e materiale scolastico", DiscountKind.Percent, 10m, null, "Sconto su quaderni, astucci, zaini e cancelleria per la scuola.", "Non cumulabile con altre promozioni."),
                               new("Copertina dei libri gratis", DiscountKind.Text, null, null, "Ricopriamo gratis i libri di testo acquistati da noi.", null)],
        ShopCategory.Health => [new("5% sui prodotti per l'infanzia", DiscountKind.Percent, 5m, null, "Latte in polvere, pannolini, creme e prodotti per l'igiene dei bambini.", "Esclusi i farmaci con ricetta.")],
        ShopCategory.Food => [new("2 € di sconto ogni 20 € di spesa", DiscountKind.Fixed, null, 2m, "Sconto alla cassa su una spesa di almeno 20 €.", "Una volta al giorno per carta."),
                              new("Merenda gratis il sabato", DiscountKind.Text, null, null, "Una pizzetta o un panino al latte per ogni bambino, il sabato mattina.", null)],
        ShopCategory.Toys => [new("15% su giochi educativi", DiscountKind.Percent, 15m, null, "Sconto su giochi in scatola, costruzioni e libri-gioco.", null)],
        ShopCategory.Clothing => [new("10% sull'abbigliamento 0–14 anni", DiscountKind.Percent, 10m, null, "Sconto su abbigliamento e calzature per bambini e ragazzi.", "Escluso il periodo dei saldi.")],
        _ => [new("5 € di sconto sul primo acquisto", DiscountKind.Fixed, null, 5m, "Sconto sul primo acquisto di almeno 25 €.", null)],
    };

    public static void Load(AppDbContext db, Dictionary<string, AllianceNetwork> networks, Dictionary<string, List<Partner>> partners, DateTime now)
    {
        var random = new Random(2027);
        var today = DateOnly.FromDateTime(now.ToRome());
        var offersByNetwork = new Dictionary<string, List<Offer>>();
        foreach (var (slug, network) in networks)
        {
            var centre = Centres.GetValueOrDefault(slug, (45.0, 10.0));
            var list = offersByNetwork[slug] = [];
            foreach (var partner in partners[slug].Where(p => p.Kind == PartnerKind.Business))
            {
                var category = CategoryFor(partner.Name);
                var comuni = partner.ComuniServed.Select(c => network.Comuni.First(x => x.Id == c.ComuneId)).ToList();
                if (partner.Name == "Cartoleria Il Quaderno" && comuni.Count < 2) // its two shops, in two Comuni
                {
                    var second = network.Comuni.First(c => comuni.All(x => x.Id != c.Id));
                    partner.ComuniServed.Add(new PartnerComune { PartnerId = partner.Id, ComuneId = second.Id });
                    comuni.Add(second);
                }
                // One shop per Comune at most: a shop's name is the partner's, with its Comune when there are several.
                var shopCount = partner.Name == "Cartoleria Il Quaderno" ? 2 : Math.Min(comuni.Count, random.Next(1, 4));
                for (var i = 0; i < shopCount; i++)
                {
                    var comune = comuni[i % comuni.Count];
                    var name = shopCount == 1 ? partner.Name : $"{partner.Name} — {comune.Name}";
                    db.Shops.Add(new Shop
                    {
                        Id = Guid.NewGuid(), NetworkId = network.Id, PartnerId = partner.Id, Name = name, NameKey = Text.SearchKey(name),
                        Address = $"{Streets[random.Next(Streets.Length)]} {random.Next(1, 90)}", ComuneId = comune.Id,
                        Latitude = Math.Round(centre.Item1 + (random.NextDouble() - 0.5) * 0.06, 5),
                        Longitude = Math.Round(centre.Item2 + (random.NextDouble() - 0.5) * 0.08, 5),
                        OpeningHours = Hours[random.Next(Hours.Length)], Phone = partner.Phone, Category = category, CreatedAt = now, UpdatedAt = now,
                    });
                }
                foreach (var t in TemplatesFor(category))
                    list.Add(NewOffer(network, partner, t, OfferStatus.Published, today, now));
                if (partner.Name == "Cartoleria Il Quaderno")
                    list.Add(NewOffer(network, partner, new("Zaino nuovo: 15% a settembre", DiscountKind.Percent, 15m, null, "Sconto sugli zaini per la scuola nel mese di settembre.", "Un solo zaino per figlio."),
                        OfferStatus.Submitted, today, now));
            }
            db.Offers.AddRange(list);
        }

        // Portogruaro and Brianza honour each other's cards; their offers accept the other network's cards.
        if (networks.TryGetValue("portogruaro", out var portogruaro) && networks.TryGetValue("brianza", out var brianza))
        {
            db.CardReciprocities.Add(new CardReciprocity { NetworkId = portogruaro.Id, OtherNetworkId = brianza.Id, AgreedAt = now });
            db.CardReciprocities.Add(new CardReciprocity { NetworkId = brianza.Id, OtherNetworkId = portogruaro.Id, AgreedAt = now });
            foreach (var o in offersByNetwork["portogruaro"].Where(o => o.Kind == DiscountKind.Percent))
                o.AcceptedNetworks.Add(new OfferNetwork { OfferId = o.Id, NetworkId = brianza.Id });
            foreach (var o in offersByNetwork["brianza"].Where(o => o.Kind == DiscountKind.Percent))
                o.AcceptedNetworks.Add(new OfferNetwork { OfferId = o.Id, NetworkId = portogruaro.Id });
        }
    }

    static Offer NewOffer(AllianceNetwork network, Partner partner, Template t, OfferStatus status, DateOnly today, DateTime now) => new()
    {
        Id = Guid.NewGuid(), NetworkId = network.Id, PartnerId = partner.Id, Title = t.Title, Kind = t.Kind, Percent = t.Percent, Amount = t.Amount,
        Description = t.Description, Conditions = t.Conditions, ValidFrom = today.AddDays(-30), ValidUntil = today.AddYears(1),
        Status = status, CreatedAt = now, UpdatedAt = now, PublishedAt = status == OfferStatus.Published ? now : null,
    };
}
