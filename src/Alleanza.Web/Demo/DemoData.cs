using Alleanza.Web.Modules.Catalog;
using Alleanza.Web.Modules.Network;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Bogus;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Demo;

/// <summary>
/// Demo data mirroring the five networks of shared/seeds: loaded on first run in Development only
/// (or when Demo:Load is true outside Production), never in Production.
/// </summary>
public static class DemoData
{
    public const string Password = "Alleanza-demo-2026";

    public sealed record DemoAccount(string Email, string Name, string Role, string Network);

    /// <summary>The documented demo accounts (README and console), all with <see cref="Password"/>.</summary>
    public static readonly DemoAccount[] Accounts =
    [
        new("admin@alleanza.demo", "Amministratrice di sistema", "amministratore", "tutte"),
        new("coordinatore@portogruaro.demo", "Giulia Bortolin", "coordinatore", "portogruaro"),
        new("referente@portogruaro.demo", "Marco Zanin", "referente partner", "portogruaro"),
        new("esercente@portogruaro.demo", "Anna Furlan", "esercente", "portogruaro"),
        new("comune@portogruaro.demo", "Roberto Pivetta", "operatore comunale", "portogruaro"),
        new("famiglia@portogruaro.demo", "Elisa e Davide Marchiori", "famiglia", "portogruaro"),
        new("coordinatore@brianza.demo", "Paolo Colombo", "coordinatore", "brianza"),
        new("esercente@brianza.demo", "Lucia Brambilla", "esercente", "brianza"),
        new("comune@cidis.demo", "Elena Ferrero", "operatore comunale", "cidis"),
        new("coordinatore@cidis.demo", "Stefano Gallo", "coordinatore", "cidis"),
        new("coordinatore@lucca.demo", "Chiara Bertolucci", "coordinatore", "lucca"),
        new("famiglia@lucca.demo", "Francesca e Luca Pardini", "famiglia", "lucca"),
        new("coordinatore@pavia.demo", "Andrea Rossi", "coordinatore", "pavia"),
        new("operatore@pavia.demo", "Sara Bianchi", "operatore sociale", "pavia"),
        new("volontario@pavia.demo", "Giovanni Sacchi", "volontario", "pavia"),
    ];

    sealed record SeedNetwork(string Slug, string Name, string Region, string Province, string Description, string[] Comuni, (string Name, PartnerKind Kind)[] Partners, int GeneratedPartners);

    static readonly SeedNetwork[] Networks =
    [
        new("portogruaro", "Alleanza per la famiglia del Portogruarese", "Veneto", "VE",
            "Comuni, scuole, azienda sanitaria, associazioni di famiglie e associazioni sportive e culturali del territorio portogruarese, in quattro tavoli di lavoro.",
            ["Portogruaro", "Concordia Sagittaria", "Caorle", "Fossalta di Portogruaro", "Gruaro", "Teglio Veneto", "Cinto Caomaggiore", "Pramaggiore", "Annone Veneto", "San Stino di Livenza", "San Michele al Tagliamento"],
            [("Comune di Portogruaro", PartnerKind.Comune), ("Comune di Concordia Sagittaria", PartnerKind.Comune), ("Comune di Caorle", PartnerKind.Comune),
             ("Istituto Comprensivo di Portogruaro", PartnerKind.School), ("Scuola dell'infanzia paritaria Sacro Cuore", PartnerKind.School),
             ("Azienda ULSS 4 Veneto Orientale", PartnerKind.HealthAgency), ("Associazione Famiglie del Portogruarese", PartnerKind.FamilyAssociation),
             ("ASD Nuoto Portogruaro", PartnerKind.SportsAssociation), ("Polisportiva Concordiese", PartnerKind.SportsAssociation),
             ("Associazione culturale Lemene", PartnerKind.CulturalAssociation), ("Cooperativa sociale Il Granello", PartnerKind.ThirdSector),
             ("Cartoleria Il Quaderno", PartnerKind.Business)], 36),
        new("brianza", "Rete dei Comuni amici della famiglia — Brianza", "Lombardia", "MB",
            "Sette Comuni della Brianza con il tavolo intercomunale, il tavolo delle famiglie e la Family Card per l'economia di vicinato.",
            ["Seveso", "Besana in Brianza", "Brugherio", "Carate Brianza", "Giussano", "Limbiate", "Muggiò"],
            [("Comune di Seveso", PartnerKind.Comune), ("Comune di Brugherio", PartnerKind.Comune), ("Comune di Giussano", PartnerKind.Comune),
             ("Associazione Famiglie in Rete Brianza", PartnerKind.FamilyAssociation), ("Gruppo di Acquisto Familiare Seveso", PartnerKind.FamilyAssociation),
             ("Farmacia Comunale Carate", PartnerKind.Business), ("Panificio Fratelli Brambilla", PartnerKind.Business), ("Libreria Il Gatto e la Volpe", PartnerKind.Business),
             ("ASST Brianza", PartnerKind.HealthAgency)], 6),
        new("cidis", "Family e benessere della Comunità — CIdiS", "Piemonte", "TO",
            "Il Consorzio intercomunale di servizi e i sei Comuni consorziati: mappatura dei servizi, Piano Family biennale, Carta Famiglia.",
            ["Bruino", "Beinasco", "Orbassano", "Piossasco", "Rivalta di Torino", "Volvera"],
            [("C.i.di.s. — Consorzio intercomunale di Servizi", PartnerKind.ThirdSector), ("Comune di Orbassano", PartnerKind.Comune), ("Comune di Piossasco", PartnerKind.Comune),
             ("Comune di Beinasco", PartnerKind.Comune), ("ASL TO3", PartnerKind.HealthAgency), ("Istituto Comprensivo di Rivalta", PartnerKind.School),
             ("Centro per le famiglie CIdiS", PartnerKind.FamilyAssociation), ("ASD Volvera Basket", PartnerKind.SportsAssociation)], 6),
        new("lucca", "Lucca In… famiglia", "Toscana", "LU",
            "Cittadini, associazioni, imprese e Comune di Lucca uniti da un patto di collaborazione contro la povertà educativa; scambio di beni e servizi per l'infanzia (Condividimi).",
            ["Lucca"],
            [("Comune di Lucca — Politiche formative", PartnerKind.Comune), ("Associazione Il Bucaneve", PartnerKind.FamilyAssociation),
             ("Scuola dell'infanzia comunale San Vito", PartnerKind.School), ("Cooperativa sociale La Luce", PartnerKind.ThirdSector),
             ("Condividimi — rete di scambio", PartnerKind.Other)], 5),
        new("pavia", "Fare #BeneComune — Pavia", "Lombardia", "PV",
            "Accompagnare 800 famiglie vulnerabili, 10 laboratori di comunità, formare 60 operatori e 120 volontari.",
            ["Pavia"],
            [("Comune di Pavia", PartnerKind.Comune), ("Consorzio Sociale Pavese", PartnerKind.ThirdSector), ("ACLI Pavia", PartnerKind.ThirdSector),
             ("ALDIA cooperativa sociale", PartnerKind.ThirdSector), ("Babele Onlus", PartnerKind.ThirdSector), ("Centro Servizi Formazione", PartnerKind.Other),
             ("CSV Lombardia Sud", PartnerKind.ThirdSector), ("Progetto Con-tatto", PartnerKind.ThirdSector), ("Fondazione Costantino", PartnerKind.ThirdSector),
             ("Fondazione Mondino", PartnerKind.HealthAgency)], 4),
    ];

    public static bool IsWanted(IHostEnvironment env, IConfiguration config) =>
        !env.IsProduction() && config.GetValue("Demo:Load", env.IsDevelopment());

    public static async Task LoadIfWantedAsync(WebApplication app)
    {
        if (!IsWanted(app.Environment, app.Configuration)) return;
        using var scope = app.Services.CreateScope();
        var loaded = await LoadAsync(scope.ServiceProvider);
        if (loaded) app.Logger.LogInformation("Dati dimostrativi caricati: {Count} reti.", Networks.Length);
        if (!app.Environment.IsDevelopment()) return; // the banner is for a person at the console
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var urls = string.Join(", ", app.Urls);
            Console.WriteLine();
            Console.WriteLine($"Alleanza è in ascolto su {urls}");
            Console.WriteLine($"Account dimostrativi (password per tutti: {Password}):");
            foreach (var a in Accounts) Console.WriteLine($"  {a.Email,-32} {a.Role,-20} rete: {a.Network}");
            if (string.IsNullOrWhiteSpace(app.Configuration["Smtp:Host"]))
                Console.WriteLine($"Le email inviate sono salvate come file .eml in {app.Configuration["Smtp:PickupDirectory"] ?? "data/mail"}/ (nessun server SMTP configurato).");
            Console.WriteLine();
        });
    }

    /// <summary>Loads the demo networks, partners and accounts when the database has no network yet.</summary>
    public static async Task<bool> LoadAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<AppDbContext>();
        if (await db.Networks.AnyAsync()) return false;
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var now = DateTime.UtcNow;
        Randomizer.Seed = new Random(2026);
        var faker = new Faker("it");

        var byNetwork = new Dictionary<string, AllianceNetwork>();
        var partnersByNetwork = new Dictionary<string, List<Partner>>();
        var allOpportunities = new List<Opportunity>();
        foreach (var seed in Networks)
        {
            var network = new AllianceNetwork
            {
                Id = Guid.NewGuid(), Slug = seed.Slug, Name = seed.Name, Region = seed.Region, Description = seed.Description,
                ContactEmail = $"info@{seed.Slug}.demo", CreatedAt = now,
            };
            network.Comuni = seed.Comuni.Select(c => new Comune { Id = Guid.NewGuid(), NetworkId = network.Id, Name = c, Province = seed.Province }).ToList();
            db.Networks.Add(network);
            byNetwork[seed.Slug] = network;

            var partners = new List<Partner>();
            foreach (var (name, kind) in seed.Partners)
                partners.Add(NewPartner(network, name, kind, faker, now));
            var kinds = Enum.GetValues<PartnerKind>();
            for (var i = 0; i < seed.GeneratedPartners; i++)
            {
                var kind = faker.PickRandom(kinds);
                partners.Add(NewPartner(network, GeneratedName(kind, faker, network.Comuni), kind, faker, now));
            }
            db.Partners.AddRange(partners);
            partnersByNetwork[seed.Slug] = partners;

            var areas = NetworkArea.DefaultsFor(network.Id);
            db.NetworkAreas.AddRange(areas);
            db.SearchSynonyms.AddRange(SearchSynonym.DefaultsFor(network.Id, now));
            var opportunities = DemoCatalog.Build(network, partners, areas, faker, now);
            db.Opportunities.AddRange(opportunities);
            allOpportunities.AddRange(opportunities);
        }
        await db.SaveChangesAsync();
        await DemoCatalog.IndexAsync(db, allOpportunities);
        DemoMerchants.Load(db, byNetwork, partnersByNetwork, now);
        DemoPact.Load(db, byNetwork, partnersByNetwork, now);

        foreach (var account in Accounts)
        {
            var user = new AppUser
            {
                Id = Guid.NewGuid(), UserName = account.Email, Email = account.Email, EmailConfirmed = true,
                DisplayName = account.Name, CreatedAt = now, IsAdministrator = account.Role == "amministratore",
            };
            var result = await users.CreateAsync(user, Password);
            if (!result.Succeeded) throw new InvalidOperationException("Demo account: " + string.Join("; ", result.Errors.Select(e => e.Description)));
            if (account.Network == "tutte") continue;
            var network = byNetwork[account.Network];
            var (role, partner) = account.Role switch
            {
                "coordinatore" => (NetworkRole.Coordinator, (Partner?)null),
                "referente partner" => (NetworkRole.PartnerStaff, partnersByNetwork[account.Network].First(p => p.Kind == PartnerKind.FamilyAssociation)),
                "esercente" => (NetworkRole.Merchant, partnersByNetwork[account.Network].First(p => p.Kind == PartnerKind.Business)),
                "operatore comunale" => (NetworkRole.MunicipalOfficer, null), // of the network's first Comune, below
                "operatore sociale" => (NetworkRole.SocialOperator, null),
                "volontario" => (NetworkRole.Volunteer, null),
                _ => (NetworkRole.Family, null),
            };
            db.Memberships.Add(new Membership
            {
                Id = Guid.NewGuid(), UserId = user.Id, NetworkId = network.Id, Role = role, PartnerId = partner?.Id, CreatedAt = now,
                ComuneId = role == NetworkRole.MunicipalOfficer ? network.Comuni[0].Id : null,
            });
        }
        await db.SaveChangesAsync();
        await DemoFamilies.AddAsync(db, byNetwork, faker, now);
        await DemoActivity.AddAsync(db, faker, now);
        await DemoPlans.AddAsync(db, now);
        await DemoTables.AddAsync(db, byNetwork, partnersByNetwork, services.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>(), now);
        return true;
    }

    static Partner NewPartner(AllianceNetwork network, string name, PartnerKind kind, Faker faker, DateTime now)
    {
        var comune = faker.PickRandom(network.Comuni);
        var served = kind == PartnerKind.Comune
            ? network.Comuni.Where(c => name.EndsWith(c.Name, StringComparison.Ordinal)).DefaultIfEmpty(comune).ToList()
            : faker.PickRandom(network.Comuni, Math.Min(network.Comuni.Count, faker.Random.Int(1, 3))).ToList();
        var id = Guid.NewGuid();
        var domain = Text.Slug(name).Replace("-", "");
        if (domain.Length > 24) domain = domain[..24];
        return new Partner
        {
            Id = id, NetworkId = network.Id, Name = name, NameKey = Text.SearchKey(name), Kind = kind,
            Description = DescriptionFor(kind),
            Address = $"{faker.Address.StreetName()} {faker.Random.Int(1, 120)}",
            PostalCode = faker.Random.Replace("3####"), City = served[0].Name,
            Email = $"info@{domain}.it", Phone = $"0{faker.Random.Int(2, 9)}{faker.Random.Int(1, 9)} {faker.Random.Int(100000, 999999)}",
            Website = $"https://www.{domain}.it", CreatedAt = now, UpdatedAt = now,
            ComuniServed = served.Select(c => new PartnerComune { PartnerId = id, ComuneId = c.Id }).ToList(),
        };
    }

    static string DescriptionFor(PartnerKind kind) => kind switch
    {
        PartnerKind.Comune => "Servizi sociali, educativi e culturali per le famiglie residenti.",
        PartnerKind.School => "Scuola del territorio: progetti per alunni e genitori, sportello di ascolto.",
        PartnerKind.HealthAgency => "Consultorio familiare, pediatria di comunità, percorsi nascita.",
        PartnerKind.FamilyAssociation => "Famiglie che si aiutano: incontri, gruppi di acquisto, mutuo aiuto.",
        PartnerKind.SportsAssociation => "Corsi sportivi per bambini e ragazzi, con quote ridotte per le famiglie numerose.",
        PartnerKind.CulturalAssociation => "Laboratori, letture e spettacoli per bambini e famiglie.",
        PartnerKind.ThirdSector => "Servizi educativi e di sostegno alle famiglie in difficoltà.",
        PartnerKind.Business => "Negozio di vicinato convenzionato con la Carta Famiglia.",
        _ => "Realtà del territorio che collabora con la rete.",
    };

    static string GeneratedName(PartnerKind kind, Faker f, List<Comune> comuni)
    {
        var place = f.PickRandom(comuni).Name;
        return kind switch
        {
            PartnerKind.Comune => $"Biblioteca civica di {place}",
            PartnerKind.School => $"Scuola primaria «{f.Name.FirstName()} {f.Name.LastName()}» di {place}",
            PartnerKind.HealthAgency => $"Consultorio familiare di {place}",
            PartnerKind.FamilyAssociation => $"Associazione famiglie «{f.PickRandom("Insieme", "Il Girotondo", "Crescere", "La Tribù", "Mani Unite")}» {place}",
            PartnerKind.SportsAssociation => $"ASD {f.PickRandom("Pallavolo", "Calcio", "Ginnastica", "Atletica", "Judo", "Nuoto")} {place}",
            PartnerKind.CulturalAssociation => $"Associazione culturale «{f.PickRandom("Il Faro", "La Lanterna", "Teatro dei Piccoli", "Note in Festa")}» {place}",
            PartnerKind.ThirdSector => $"Cooperativa sociale «{f.PickRandom("Il Ponte", "Arcobaleno", "Il Seme", "La Rondine")}» {place}",
            PartnerKind.Business => $"{f.PickRandom("Panetteria", "Cartoleria", "Farmacia", "Negozio di giocattoli", "Ottica", "Abbigliamento bimbi")} {f.Name.LastName()}",
            _ => $"Gruppo {f.PickRandom("genitori", "volontari", "di quartiere")} di {place}",
        } + (f.Random.Bool(0.3f) ? $" ({f.Random.Int(2, 99)})" : "");
    }
}
