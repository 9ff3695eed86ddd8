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
        new("gaf@brianza.demo", "Marta Galli", "famiglia", "brianza"),
        new("famiglia@brianza.demo", "Chiara e Matteo Riva", "famiglia", "brianza"),
        new("comune@cidis.demo", "Elena Ferrero", "operatore comunale", "cidis"),
        new("coordinatore@cidis.demo", "Stefano Gallo", "coordinatore", "cidis"),
        new("coordinatore@lucca.demo", "Chiara Bertolucci", "coordinatore", "lucca"),
        new("famiglia@lucca.demo", "Francesca e Luca Pardini", "famiglia", "lucca"),
        new("coordinatore@pavia.demo", "Andrea Rossi", "coordinatore", "pavia"),
        new("operatore@pavia.demo", "Sara Bianchi", "operatore sociale", "pavia"),
        new("volontario@pavia.demo", "Giovanni Sacchi", "volontario", "pavia"),
        new("supervisore@pavia.demo", "Laura Gatti", "supervisore dei percorsi", "pavia"),
    ];

    sealed record SeedNetwork(string Slug, string Name, string Region, string Province, string Description, string[] Comuni, (string Name, PartnerKind Kind)[] Partners, (string Name, PartnerKind Kind)[] MorePartners);

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
             ("Cartoleria Il Quaderno", PartnerKind.Business)],
            [("Comune di Fossalta di Portogruaro", PartnerKind.Comune), ("Comune di Gruaro", PartnerKind.Comune), ("Comune di Teglio Veneto", PartnerKind.Comune),
             ("Comune di Cinto Caomaggiore", PartnerKind.Comune), ("Comune di Pramaggiore", PartnerKind.Comune), ("Comune di Annone Veneto", PartnerKind.Comune),
             ("Comune di San Stino di Livenza", PartnerKind.Comune), ("Comune di San Michele al Tagliamento", PartnerKind.Comune),
             ("Istituto Comprensivo di Caorle", PartnerKind.School), ("Istituto Comprensivo di San Stino di Livenza", PartnerKind.School),
             ("Liceo «XXV Aprile» di Portogruaro", PartnerKind.School), ("Scuola dell'infanzia «Maria Bambina» di Concordia", PartnerKind.School),
             ("Consultorio familiare di Portogruaro", PartnerKind.HealthAgency),
             ("AGe — Associazione italiana genitori Portogruaro", PartnerKind.FamilyAssociation), ("Gruppo famiglie «Il Girotondo» di Pramaggiore", PartnerKind.FamilyAssociation),
             ("Associazione «Famiglie Insieme» di Caorle", PartnerKind.FamilyAssociation),
             ("Polisportiva Caorle", PartnerKind.SportsAssociation), ("ASD Judo Kodokan Portogruaro", PartnerKind.SportsAssociation), ("Pallavolo Annone Veneto", PartnerKind.SportsAssociation),
             ("Atletica Portogruaro", PartnerKind.SportsAssociation), ("ASD Basket San Stino", PartnerKind.SportsAssociation),
             ("Fondazione musicale Santa Cecilia", PartnerKind.CulturalAssociation), ("Teatro dei Piccoli di Concordia", PartnerKind.CulturalAssociation),
             ("Associazione «Lettori Volontari» del Portogruarese", PartnerKind.CulturalAssociation), ("Pro Loco di Caorle", PartnerKind.CulturalAssociation),
             ("Caritas diocesana — Centro di ascolto di Portogruaro", PartnerKind.ThirdSector), ("Croce Rossa Italiana — Comitato di Portogruaro", PartnerKind.ThirdSector),
             ("Cooperativa sociale «Il Portico»", PartnerKind.ThirdSector), ("Centro per l'affido e la solidarietà familiare", PartnerKind.ThirdSector),
             ("Panificio Bagnara", PartnerKind.Business), ("Farmacia Al Duomo", PartnerKind.Business), ("Ottica Vizzon", PartnerKind.Business),
             ("Giocattoli La Trottola", PartnerKind.Business), ("Abbigliamento bimbi Il Bruco", PartnerKind.Business),
             ("Gruppo scout AGESCI Portogruaro 1", PartnerKind.Other), ("Oratorio Sant'Andrea di Portogruaro", PartnerKind.Other)]),
        new("brianza", "Rete dei Comuni amici della famiglia — Brianza", "Lombardia", "MB",
            "Sette Comuni della Brianza con il tavolo intercomunale, il tavolo delle famiglie e la Family Card per l'economia di vicinato.",
            ["Seveso", "Besana in Brianza", "Brugherio", "Carate Brianza", "Giussano", "Limbiate", "Muggiò"],
            [("Comune di Seveso", PartnerKind.Comune), ("Comune di Brugherio", PartnerKind.Comune), ("Comune di Giussano", PartnerKind.Comune),
             ("Associazione Famiglie in Rete Brianza", PartnerKind.FamilyAssociation), ("Gruppo di Acquisto Familiare Seveso", PartnerKind.FamilyAssociation),
             ("Farmacia Comunale Carate", PartnerKind.Business), ("Panificio Fratelli Brambilla", PartnerKind.Business), ("Libreria Il Gatto e la Volpe", PartnerKind.Business),
             ("ASST Brianza", PartnerKind.HealthAgency)],
            [("Comune di Besana in Brianza", PartnerKind.Comune), ("Comune di Carate Brianza", PartnerKind.Comune), ("Comune di Limbiate", PartnerKind.Comune),
             ("Comune di Muggiò", PartnerKind.Comune), ("ASD Ginnastica Giussano", PartnerKind.SportsAssociation), ("Oratorio San Carlo di Brugherio", PartnerKind.Other)]),
        new("cidis", "Family e benessere della Comunità — CIdiS", "Piemonte", "TO",
            "Il Consorzio intercomunale di servizi e i sei Comuni consorziati: mappatura dei servizi, Piano Family biennale, Carta Famiglia.",
            ["Bruino", "Beinasco", "Orbassano", "Piossasco", "Rivalta di Torino", "Volvera"],
            [("C.i.di.s. — Consorzio intercomunale di Servizi", PartnerKind.ThirdSector), ("Comune di Orbassano", PartnerKind.Comune), ("Comune di Piossasco", PartnerKind.Comune),
             ("Comune di Beinasco", PartnerKind.Comune), ("ASL TO3", PartnerKind.HealthAgency), ("Istituto Comprensivo di Rivalta", PartnerKind.School),
             ("Centro per le famiglie CIdiS", PartnerKind.FamilyAssociation), ("ASD Volvera Basket", PartnerKind.SportsAssociation)],
            [("Comune di Bruino", PartnerKind.Comune), ("Comune di Rivalta di Torino", PartnerKind.Comune), ("Comune di Volvera", PartnerKind.Comune),
             ("Associazione Genitori Orbassano", PartnerKind.FamilyAssociation), ("Panetteria La Spiga", PartnerKind.Business), ("Cartoleria Il Pennino", PartnerKind.Business)]),
        new("lucca", "Lucca In… famiglia", "Toscana", "LU",
            "Cittadini, associazioni, imprese e Comune di Lucca uniti da un patto di collaborazione contro la povertà educativa; scambio di beni e servizi per l'infanzia (Condividimi).",
            ["Lucca"],
            [("Comune di Lucca — Politiche formative", PartnerKind.Comune), ("Associazione Il Bucaneve", PartnerKind.FamilyAssociation),
             ("Scuola dell'infanzia comunale San Vito", PartnerKind.School), ("Cooperativa sociale La Luce", PartnerKind.ThirdSector),
             ("Condividimi — rete di scambio", PartnerKind.Other)],
            [("Panathlon Club Lucca", PartnerKind.SportsAssociation), ("Istituto Comprensivo Lucca 3", PartnerKind.School), ("Biblioteca civica Agorà", PartnerKind.Comune),
             ("Consultorio familiare di Lucca", PartnerKind.HealthAgency), ("Giocattoli Il Trenino", PartnerKind.Business)]),
        new("pavia", "Fare #BeneComune — Pavia", "Lombardia", "PV",
            "Accompagnare 800 famiglie vulnerabili, 10 laboratori di comunità, formare 60 operatori e 120 volontari.",
            ["Pavia"],
            [("Comune di Pavia", PartnerKind.Comune), ("Consorzio Sociale Pavese", PartnerKind.ThirdSector), ("ACLI Pavia", PartnerKind.ThirdSector),
             ("ALDIA cooperativa sociale", PartnerKind.ThirdSector), ("Babele Onlus", PartnerKind.ThirdSector), ("Centro Servizi Formazione", PartnerKind.Other),
             ("CSV Lombardia Sud", PartnerKind.ThirdSector), ("Progetto Con-tatto", PartnerKind.ThirdSector), ("Fondazione Costantino", PartnerKind.ThirdSector),
             ("Fondazione Mondino", PartnerKind.HealthAgency)],
            [("Consultorio familiare ASST Pavia", PartnerKind.HealthAgency), ("Biblioteca civica Carlo Bonetta", PartnerKind.Comune),
             ("Oratorio del Carmine", PartnerKind.Other), ("Bottega del commercio equo «Il Mappamondo»", PartnerKind.Business)]),
    ];

    public static bool IsWanted(IHostEnvironment env, IConfiguration config) =>
        !env.IsProduction() && config.GetValue("Demo:Load", env.IsDevelopment());

    public static async Task LoadIfWantedAsync(WebApplication app)
    {
        if (!IsWanted(app.Environment, app.Configuration)) return;
        using var scope = app.Services.CreateScope();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var loaded = await LoadAsync(scope.ServiceProvider);
        if (loaded) app.Logger.LogInformation("Dati dimostrativi caricati: {Count} reti in {Milliseconds} ms.", Networks.Length, watch.ElapsedMilliseconds);
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
            foreach (var (name, kind) in seed.Partners.Concat(seed.MorePartners))
                partners.Add(NewPartner(network, name, kind, faker, now));
            db.Partners.AddRange(partners);
            partnersByNetwork[seed.Slug] = partners;

            var areas = NetworkArea.DefaultsFor(network.Id);
            db.NetworkAreas.AddRange(areas);
            db.SearchSynonyms.AddRange(SearchSynonym.DefaultsFor(network.Id, now));
            var opportunities = DemoCatalog.Build(network, partners, areas, faker, now);
            db.Opportunities.AddRange(opportunities);
            allOpportunities.AddRange(opportunities);
        }
        var areaCodes = db.NetworkAreas.Local.ToDictionary(a => a.Id, a => a.Code);
        var fontFile = Path.Combine(services.GetRequiredService<IWebHostEnvironment>().WebRootPath ?? "wwwroot", "lib", "pdf-fonts", "titillium-web-v10-latin-ext_latin-700.ttf");
        db.OpportunityImages.AddRange(DemoPictures.For(allOpportunities.Select(o => (o.Id, areaCodes[o.AreaId], o.Title)).ToList(), fontFile, now));
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
                "operatore sociale" => (NetworkRole.SocialOperator, partnersByNetwork[account.Network].First(p => p.Name == DemoSupport.OperatorsPartner)),
                "volontario" => (NetworkRole.Volunteer, partnersByNetwork[account.Network].First(p => p.Name == DemoSupport.OperatorsPartner)),
                "supervisore dei percorsi" => (NetworkRole.SupportSupervisor, partnersByNetwork[account.Network].First(p => p.Name == DemoSupport.OperatorsPartner)),
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
        await DemoSupport.AddAsync(db, byNetwork["pavia"], partnersByNetwork["pavia"], services.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>(), faker, now,
            services.GetRequiredService<IConfiguration>().GetValue("Demo:SupportScale", 1));
        await DemoAudit.AddAsync(db, now);
        await DemoCommunity.AddAsync(db, byNetwork["pavia"], partnersByNetwork["pavia"], faker, now);
        await DemoTimeBank.AddAsync(db, byNetwork, partnersByNetwork, faker, now);
        await DemoSurveys.AddAsync(db, byNetwork, partnersByNetwork, now);
        await DemoPurchasing.AddAsync(db, services, byNetwork["brianza"], partnersByNetwork["brianza"], new Faker("it") { Random = new Randomizer(1919) }, now);
        // Last, with its own random sequence: the demo above stays the same whatever Condividi draws.
        await DemoSharing.AddAsync(db, byNetwork, partnersByNetwork, new Faker("it") { Random = new Randomizer(1717) }, now);
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
            Address = $"{faker.PickRandom(Streets)} {faker.Random.Int(1, 120)}",
            PostalCode = PostalCodes.GetValueOrDefault(served[0].Name, "00100"), City = served[0].Name,
            Email = $"info@{domain}.it", Phone = $"0{faker.Random.Int(2, 9)}{faker.Random.Int(1, 9)} {faker.Random.Int(100000, 999999)}",
            Website = $"https://www.{domain}.it", CreatedAt = now, UpdatedAt = now,
            ComuniServed = served.Select(c => new PartnerComune { PartnerId = id, ComuneId = c.Id }).ToList(),
        };
    }

    static readonly string[] Streets =
    [
        "Via Roma", "Via Garibaldi", "Via Mazzini", "Via Cavour", "Piazza della Repubblica", "Via XX Settembre", "Via Dante Alighieri",
        "Viale Trieste", "Via San Francesco", "Via Matteotti", "Via Giuseppe Verdi", "Via Guglielmo Marconi", "Corso Italia", "Via della Stazione",
        "Via Alessandro Manzoni", "Via dei Mille", "Piazza del Municipio", "Via Vittorio Veneto", "Via Carducci", "Via Montegrappa",
    ];

    /// <summary>The Comuni's postal codes (CAP).</summary>
    static readonly Dictionary<string, string> PostalCodes = new()
    {
        ["Portogruaro"] = "30026", ["Concordia Sagittaria"] = "30023", ["Caorle"] = "30021", ["Fossalta di Portogruaro"] = "30025", ["Gruaro"] = "30020",
        ["Teglio Veneto"] = "30025", ["Cinto Caomaggiore"] = "30020", ["Pramaggiore"] = "30020", ["Annone Veneto"] = "30020",
        ["San Stino di Livenza"] = "30029", ["San Michele al Tagliamento"] = "30028",
        ["Seveso"] = "20822", ["Besana in Brianza"] = "20842", ["Brugherio"] = "20861", ["Carate Brianza"] = "20841", ["Giussano"] = "20833",
        ["Limbiate"] = "20812", ["Muggiò"] = "20835",
        ["Bruino"] = "10090", ["Beinasco"] = "10092", ["Orbassano"] = "10043", ["Piossasco"] = "10045", ["Rivalta di Torino"] = "10040", ["Volvera"] = "10040",
        ["Lucca"] = "55100", ["Pavia"] = "27100",
    };

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
}
