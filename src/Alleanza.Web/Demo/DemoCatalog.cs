using Alleanza.Web.Modules.Catalog;
using Alleanza.Web.Modules.Network;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Bogus;

namespace Alleanza.Web.Demo;

/// <summary>Demo opportunities: the same ten kinds of offer in every demo network, placed around its Comuni.</summary>
public static class DemoCatalog
{
    sealed record Template(string Title, OpportunityKind Kind, string Area, string Categories, int? FromYears, int? ToYears, CostKind Cost, decimal? Price, decimal? Reduced,
        PartnerKind Publisher, string Description, int Sessions, int? Capacity, bool Course = false);

    static readonly Template[] Templates =
    [
        new("Corso di nuoto per bambini", OpportunityKind.Activity, "ambiente-sport", "nuoto, sport", 4, 10, CostKind.ReducedWithCard, 80m, 60m, PartnerKind.SportsAssociation,
            "Otto lezioni in **piscina** con istruttori qualificati, in piccoli gruppi per età. Si impara a stare in acqua giocando.\n\nPortare cuffia, costume e accappatoio.", 4, 12, Course: true),
        new("Nuoto libero in famiglia", OpportunityKind.Service, "ambiente-sport", "piscina, sport", null, null, CostKind.Paid, 5m, null, PartnerKind.Comune,
            "La piscina comunale riserva una corsia alle famiglie con bambini ogni sabato mattina.", 0, null),
        new("Spazio gioco 0–3 anni", OpportunityKind.Service, "comunita-educante", "prima infanzia, gioco", 0, 3, CostKind.Free, null, null, PartnerKind.FamilyAssociation,
            "Uno spazio accogliente dove i più piccoli giocano insieme e i genitori si incontrano, con un'educatrice.", 0, null),
        new("Sportello di ascolto per genitori", OpportunityKind.Service, "welfare-territoriale", "genitorialità, ascolto", null, null, CostKind.Free, null, null, PartnerKind.HealthAgency,
            "Colloqui gratuiti e riservati con una psicologa per le fatiche e le domande di chi cresce figli.", 0, null),
        new("Letture ad alta voce in biblioteca", OpportunityKind.Event, "comunita-educante", "lettura, libri", 3, 6, CostKind.Free, null, null, PartnerKind.CulturalAssociation,
            "Storie lette ad alta voce dai volontari *Nati per Leggere*, poi un piccolo laboratorio creativo.", 1, 20),
        new("Attività motorie all'infanzia", OpportunityKind.Activity, "ambiente-sport", "movimento, scuola", 3, 5, CostKind.Free, null, null, PartnerKind.School,
            "Percorsi di psicomotricità nelle scuole dell'infanzia del territorio, con istruttori delle società sportive.", 3, 25),
        new("Bonus per i nuovi nati", OpportunityKind.Service, "misure-economiche", "contributi, nascita", 0, 1, CostKind.Free, null, null, PartnerKind.Comune,
            "Un contributo per le famiglie residenti con un bambino nato o adottato nell'anno. Domanda all'ufficio servizi sociali.", 0, null),
        new("Giocare per crescere assieme", OpportunityKind.Event, "comunita-educante", "genitori, gioco", null, null, CostKind.Free, null, null, PartnerKind.FamilyAssociation,
            "Serata con un pedagogista sul gioco tra genitori e figli: come giocare, quanto, con che cosa.", 1, 60),
        new("Centro estivo", OpportunityKind.Activity, "comunita-educante", "estate, campi", 6, 11, CostKind.ReducedWithCard, 120m, 90m, PartnerKind.ThirdSector,
            "Settimane di giochi, uscite e laboratori all'aperto da giugno a settembre, con pranzo incluso.", 4, 30),
        new("Percorso nascita al consultorio", OpportunityKind.Service, "welfare-territoriale", "gravidanza, nascita", null, null, CostKind.Free, null, null, PartnerKind.HealthAgency,
            "Incontri con ostetriche e pediatri per prepararsi al parto e ai primi mesi con il bambino.", 0, null),
    ];

    static readonly Dictionary<string, (double Lat, double Lon)> Centres = new()
    {
        ["portogruaro"] = (45.7766, 12.8378), ["brianza"] = (45.6480, 9.1900), ["cidis"] = (45.0070, 7.5360),
        ["lucca"] = (43.8430, 10.5050), ["pavia"] = (45.1850, 9.1580),
    };

    public static List<Opportunity> Build(AllianceNetwork network, List<Partner> partners, List<NetworkArea> areas, Faker faker, DateTime now)
    {
        var centre = Centres.GetValueOrDefault(network.Slug, (45.0, 10.0));
        var list = new List<Opportunity>();
        foreach (var t in Templates)
        {
            var publisher = partners.FirstOrDefault(p => p.Kind == t.Publisher) ?? partners[0];
            var id = Guid.NewGuid();
            var comune = faker.PickRandom(network.Comuni);
            var o = new Opportunity
            {
                Id = id, NetworkId = network.Id, PartnerId = publisher.Id, Kind = t.Kind, Title = t.Title, Description = t.Description,
                AreaId = areas.First(a => a.Code == t.Area).Id, Categories = t.Categories,
                AgeFromMonths = t.FromYears * 12, AgeToMonths = t.ToYears is { } y ? y * 12 + 11 : null,
                Cost = t.Cost, Price = t.Price, ReducedPrice = t.Reduced, Status = OpportunityStatus.Published, IsCourse = t.Course,
                ContactEmail = publisher.Email, ContactPhone = publisher.Phone, Languages = "italiano",
                ScheduleText = t.Kind == OpportunityKind.Service ? "dal lunedì al venerdì, 9–12 e 15–18" : null,
                CreatedAt = now, UpdatedAt = now, PublishedAt = now.AddDays(-faker.Random.Int(1, 60)),
                Comuni = [new OpportunityComune { OpportunityId = id, ComuneId = comune.Id }],
                Locations = [new OpportunityLocation { Id = Guid.NewGuid(), OpportunityId = id, Name = $"{publisher.Name}", Address = $"{publisher.Address}, {comune.Name}",
                    Latitude = Math.Round(centre.Item1 + faker.Random.Double(-0.05, 0.05), 5), Longitude = Math.Round(centre.Item2 + faker.Random.Double(-0.07, 0.07), 5) }],
            };
            var first = now.Date.AddDays(faker.Random.Int(5, 20)).AddHours(15);
            for (var i = 0; i < t.Sessions; i++)
                o.Sessions.Add(new OpportunitySession { Id = Guid.NewGuid(), OpportunityId = id, StartsAt = first.AddDays(7 * i), EndsAt = first.AddDays(7 * i).AddHours(2), Capacity = t.Capacity });
            o.SearchText = Text.SearchKey($"{o.Title} {o.Description} {o.Categories}");
            list.Add(o);
        }
        return list;
    }

    public static async Task IndexAsync(AppDbContext db, IEnumerable<Opportunity> opportunities)
    {
        foreach (var o in opportunities) await FullTextSearch.IndexAsync(db, o);
    }
}
