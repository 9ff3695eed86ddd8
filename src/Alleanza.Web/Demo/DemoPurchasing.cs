using Alleanza.Web.Modules.Families;
using Alleanza.Web.Modules.Network;
using Alleanza.Web.Modules.Sharing.Ledger;
using Alleanza.Web.Modules.Sharing.PurchasingGroups;
using Alleanza.Web.Platform.Data;
using Bogus;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Demo;

/// <summary>
/// Brianza's two family purchasing groups: suppliers (partners of the network and external farms) with about eighty products,
/// member households (gaf@brianza.demo is referent and treasurer of the first, famiglia@brianza.demo a member), deposits, a few
/// past cycles delivered and settled through the same services the pages use, and an open one to book in.
/// </summary>
public static class DemoPurchasing
{
    static readonly (string Code, string Name, string Variant, ProductUnit Unit, long Price, long Package, long Multiple, bool Weight, int? Grams)[] Farm =
    [
        ("MEL01", "Mele Golden", "", ProductUnit.Kg, 220, 10000, 1000, false, null), ("MEL02", "Mele Fuji", "", ProductUnit.Kg, 260, 10000, 1000, false, null),
        ("PER01", "Pere Abate", "", ProductUnit.Kg, 280, 10000, 1000, false, null), ("PAT01", "Patate", "", ProductUnit.Kg, 150, 5000, 1000, false, null),
        ("CIP01", "Cipolle dorate", "", ProductUnit.Kg, 180, 5000, 500, false, null), ("CAR01", "Carote", "", ProductUnit.Kg, 190, 5000, 500, false, null),
        ("ZUC01", "Zucchine", "", ProductUnit.Kg, 320, 5000, 500, false, null), ("INS01", "Insalata gentile", "cespo", ProductUnit.Piece, 150, 12000, 1000, false, null),
        ("POM01", "Pomodori ramati", "", ProductUnit.Kg, 350, 6000, 500, false, null), ("ZUC02", "Zucca delica", "", ProductUnit.Kg, 200, 10000, 1000, false, null),
        ("FIN01", "Finocchi", "", ProductUnit.Kg, 290, 6000, 500, false, null), ("SPI01", "Spinaci", "", ProductUnit.Kg, 480, 3000, 500, false, null),
        ("UOV01", "Uova di galline al pascolo", "6 uova", ProductUnit.Pack, 330, 10000, 1000, false, null), ("UOV02", "Uova di galline al pascolo", "10 uova", ProductUnit.Pack, 520, 10000, 1000, false, null),
        ("MIE01", "Miele millefiori", "500 g", ProductUnit.Piece, 750, 1000, 1000, false, null), ("MIE02", "Miele di acacia", "500 g", ProductUnit.Piece, 890, 1000, 1000, false, null),
        ("MAR01", "Marmellata di albicocche", "340 g", ProductUnit.Piece, 520, 6000, 1000, false, null), ("MAR02", "Marmellata di fragole", "340 g", ProductUnit.Piece, 540, 6000, 1000, false, null),
        ("SUC01", "Succo di mela", "1 l", ProductUnit.Litre, 380, 6000, 1000, false, null), ("SUC02", "Succo di pera", "1 l", ProductUnit.Litre, 390, 6000, 1000, false, null),
    ];

    static readonly (string Code, string Name, string Variant, ProductUnit Unit, long Price, long Package, long Multiple, bool Weight, int? Grams)[] Dairy =
    [
        ("LAT01", "Latte fresco intero", "1 l", ProductUnit.Litre, 160, 12000, 1000, false, null), ("LAT02", "Latte parzialmente scremato", "1 l", ProductUnit.Litre, 150, 12000, 1000, false, null),
        ("YOG01", "Yogurt bianco", "500 g", ProductUnit.Piece, 250, 6000, 1000, false, null), ("YOG02", "Yogurt alla fragola", "4 × 125 g", ProductUnit.Pack, 290, 6000, 1000, false, null),
        ("BUR01", "Burro", "250 g", ProductUnit.Piece, 330, 10000, 1000, false, null), ("RIC01", "Ricotta", "", ProductUnit.Kg, 900, 1000, 250, false, null),
        ("FOR01", "Formaggella della Brianza", "", ProductUnit.Kg, 1650, 1000, 1000, true, 450), ("FOR02", "Taleggio", "", ProductUnit.Kg, 1890, 1000, 1000, true, 500),
        ("FOR03", "Grana stagionato 24 mesi", "", ProductUnit.Kg, 2200, 1000, 1000, true, 1000), ("FOR04", "Caciotta di mucca", "", ProductUnit.Kg, 1450, 1000, 1000, true, 800),
        ("FOR05", "Stracchino", "", ProductUnit.Kg, 1190, 1000, 1000, true, 250), ("FOR06", "Robiola", "", ProductUnit.Kg, 1590, 1000, 1000, true, 300),
        ("SAL01", "Salame nostrano", "", ProductUnit.Kg, 2300, 1000, 1000, true, 600), ("SAL02", "Cotechino", "", ProductUnit.Kg, 1290, 1000, 1000, true, 500),
        ("CAR02", "Macinato di manzo", "", ProductUnit.Kg, 1390, 1000, 500, false, null), ("CAR03", "Petto di pollo", "", ProductUnit.Kg, 1290, 1000, 500, true, 600),
        ("CAR04", "Salsiccia", "", ProductUnit.Kg, 1190, 1000, 500, false, null), ("CAR05", "Arrosto di vitello", "", ProductUnit.Kg, 2490, 1000, 1000, true, 1000),
        ("PAN01", "Panna fresca", "250 ml", ProductUnit.Piece, 220, 10000, 1000, false, null), ("KEF01", "Kefir", "500 ml", ProductUnit.Piece, 310, 6000, 1000, false, null),
    ];

    static readonly (string Code, string Name, string Variant, ProductUnit Unit, long Price, long Package, long Multiple, bool Weight, int? Grams)[] Pantry =
    [
        ("PAS01", "Pasta di semola", "spaghetti 500 g", ProductUnit.Pack, 190, 24000, 1000, false, null), ("PAS02", "Pasta di semola", "penne 500 g", ProductUnit.Pack, 190, 24000, 1000, false, null),
        ("PAS03", "Pasta di semola", "fusilli 500 g", ProductUnit.Pack, 190, 24000, 1000, false, null), ("PAS04", "Pasta integrale", "spaghetti 500 g", ProductUnit.Pack, 230, 24000, 1000, false, null),
        ("PAS05", "Pasta di farro", "penne 500 g", ProductUnit.Pack, 290, 12000, 1000, false, null), ("RIS01", "Riso Carnaroli", "1 kg", ProductUnit.Pack, 420, 10000, 1000, false, null),
        ("RIS02", "Riso integrale", "1 kg", ProductUnit.Pack, 390, 10000, 1000, false, null), ("FAR01", "Farina tipo 1", "1 kg", ProductUnit.Pack, 240, 10000, 1000, false, null),
        ("FAR02", "Farina integrale", "1 kg", ProductUnit.Pack, 260, 10000, 1000, false, null), ("FAR03", "Farina di mais per polenta", "1 kg", ProductUnit.Pack, 280, 10000, 1000, false, null),
        ("LEG01", "Ceci", "500 g", ProductUnit.Pack, 310, 12000, 1000, false, null), ("LEG02", "Lenticchie", "500 g", ProductUnit.Pack, 330, 12000, 1000, false, null),
        ("LEG03", "Fagioli borlotti", "500 g", ProductUnit.Pack, 320, 12000, 1000, false, null), ("OLI01", "Olio extravergine d'oliva", "1 l", ProductUnit.Litre, 1190, 6000, 1000, false, null),
        ("OLI02", "Olio extravergine d'oliva", "5 l", ProductUnit.Pack, 5490, 1000, 1000, false, null), ("PEL01", "Passata di pomodoro", "700 g", ProductUnit.Piece, 210, 12000, 1000, false, null),
        ("PEL02", "Pomodori pelati", "400 g", ProductUnit.Piece, 150, 24000, 1000, false, null), ("BIS01", "Biscotti frollini", "350 g", ProductUnit.Pack, 320, 12000, 1000, false, null),
        ("BIS02", "Biscotti integrali", "350 g", ProductUnit.Pack, 340, 12000, 1000, false, null), ("FET01", "Fette biscottate", "300 g", ProductUnit.Pack, 260, 12000, 1000, false, null),
        ("CAF01", "Caffè macinato", "250 g", ProductUnit.Pack, 450, 10000, 1000, false, null), ("ZUC03", "Zucchero di canna", "1 kg", ProductUnit.Pack, 290, 10000, 1000, false, null),
        ("SAP01", "Sapone di Marsiglia", "", ProductUnit.Piece, 250, 12000, 1000, false, null), ("DET01", "Detersivo per piatti ecologico", "1 l", ProductUnit.Litre, 390, 12000, 1000, false, null),
        ("DET02", "Detersivo lavatrice ecologico", "3 l", ProductUnit.Pack, 1290, 4000, 1000, false, null), ("CIO01", "Cioccolato fondente equo", "100 g", ProductUnit.Piece, 260, 20000, 1000, false, null),
        ("TE01", "Tè nero equo", "20 filtri", ProductUnit.Pack, 280, 12000, 1000, false, null), ("NOC01", "Noci", "", ProductUnit.Kg, 1290, 5000, 500, false, null),
        ("MAN01", "Mandorle", "", ProductUnit.Kg, 1690, 5000, 250, false, null), ("AVE01", "Fiocchi d'avena", "500 g", ProductUnit.Pack, 240, 12000, 1000, false, null),
        ("SUC03", "Succo d'arancia", "1 l", ProductUnit.Litre, 290, 12000, 1000, false, null), ("ACE01", "Aceto di mele", "500 ml", ProductUnit.Piece, 290, 12000, 1000, false, null),
        ("SAL03", "Sale marino integrale", "1 kg", ProductUnit.Pack, 120, 12000, 1000, false, null), ("GAL01", "Gallette di riso", "", ProductUnit.Pack, 190, 12000, 1000, false, null),
        ("SEM01", "Semi di girasole", "250 g", ProductUnit.Pack, 290, 12000, 1000, false, null), ("PAN02", "Pane integrale a lievito madre", "1 kg", ProductUnit.Piece, 550, 1000, 1000, false, null),
        ("CRA01", "Cracker integrali", "", ProductUnit.Pack, 250, 12000, 1000, false, null), ("BIR01", "Birra artigianale", "33 cl", ProductUnit.Piece, 320, 24000, 1000, false, null),
    ];

    public static async Task AddAsync(AppDbContext db, IServiceProvider services, AllianceNetwork brianza, IReadOnlyList<Partner> partners, Faker faker, DateTime now)
    {
        var groups = services.GetRequiredService<Groups>();
        var ledger = services.GetRequiredService<LedgerBook>();
        var referent = await db.Users.Where(u => u.Email == "gaf@brianza.demo").Select(u => u.Id).FirstAsync();
        var family = await db.Users.Where(u => u.Email == "famiglia@brianza.demo").Select(u => u.Id).FirstAsync();
        var comuni = brianza.Comuni;
        // The two demo accounts' households.
        Household NewHousehold(Guid owner, Comune comune, string last, string first, string child, int childAge) => new()
        {
            Id = Guid.NewGuid(), NetworkId = brianza.Id, OwnerUserId = owner, ComuneId = comune.Id, PrivacyVersion = new Modules.FamilyCard.CardRules().PrivacyVersion,
            PrivacyConsentAt = now.AddDays(-200), CreatedAt = now.AddDays(-200), UpdatedAt = now.AddDays(-200),
            Members =
            [
                new HouseholdMember { Id = Guid.NewGuid(), Role = MemberRole.Adult, FirstName = first, LastName = last, BirthDate = new DateOnly(1984, 3, 12) },
                new HouseholdMember { Id = Guid.NewGuid(), Role = MemberRole.Child, FirstName = child, LastName = last, BirthDate = DateOnly.FromDateTime(now).AddYears(-childAge) },
            ],
        };
        var referentHousehold = NewHousehold(referent, comuni[0], "Galli", "Marta", "Pietro", 9);
        var familyHousehold = NewHousehold(family, comuni[0], "Riva", "Chiara", "Sofia", 6);
        db.Households.AddRange(referentHousehold, familyHousehold);
        await db.SaveChangesAsync();

        var others = await db.Households.AsNoTracking().Where(h => h.NetworkId == brianza.Id && h.OwnerUserId != null && h.OwnerUserId != referent && h.OwnerUserId != family)
            .OrderBy(h => h.CreatedAt).Select(h => new { h.Id, User = h.OwnerUserId!.Value, Last = h.Members.Where(m => m.Role == MemberRole.Adult).Select(m => m.LastName).First() })
            .Take(34).ToListAsync();

        var seveso = await groups.CreateAsync(brianza.Id, "GAF Seveso", "Oratorio San Pietro, via Cavour 12, Seveso", "giovedì 18–20",
            "Il gruppo di acquisto familiare di Seveso: frutta e verdura di stagione, formaggi della Brianza, dispensa biologica ed equo-solidale.");
        var carate = await groups.CreateAsync(brianza.Id, "GAF Carate e Giussano", "Centro civico, piazza Risorgimento 5, Carate Brianza", "sabato 9–12",
            "Famiglie di Carate Brianza e Giussano che comprano insieme dai produttori della zona.", requireCredit: true);
        await groups.AddReferentAsync(seveso.Id, referent, treasurer: true);
        await groups.AddReferentAsync(carate.Id, referent, treasurer: false);

        var sevesoMembers = new List<GroupMember>
        {
            await groups.AddMemberAsync(seveso, referentHousehold.Id, referent, "Famiglia Galli"),
            await groups.AddMemberAsync(seveso, familyHousehold.Id, family, "Famiglia Riva"),
        };
        foreach (var o in others.Take(20)) sevesoMembers.Add(await groups.AddMemberAsync(seveso, o.Id, o.User, $"Famiglia {o.Last}"));
        var carateMembers = new List<GroupMember>();
        foreach (var o in others.Skip(20)) carateMembers.Add(await groups.AddMemberAsync(carate, o.Id, o.User, $"Famiglia {o.Last}"));

        var farmPartner = partners.FirstOrDefault(p => p.Kind == PartnerKind.Business);
        var cascina = await groups.AddSupplierAsync(seveso, "Cascina Sant'Ambrogio", null, "Giorgio Sala", "ordini@cascinasantambrogio.example", "0362 555 101", "Frutta e verdura di stagione, uova, conserve.");
        var caseificio = await groups.AddSupplierAsync(seveso, "Caseificio Valle del Lambro", null, "Rosa Fumagalli", "gas@caseificiolambro.example", "0362 555 202");
        var bottega = await groups.AddSupplierAsync(seveso, farmPartner?.Name ?? "Bottega equa della Brianza", farmPartner?.Id, "Luca Cattaneo", "bottega@esempio.example", "0362 555 303", "Dispensa biologica ed equo-solidale.");
        var carateFarm = await groups.AddSupplierAsync(carate, "Azienda agricola Le Groane", null, "Paola Villa", "legroane@esempio.example", "0362 555 404");
        var products = new Dictionary<Guid, List<Product>>();
        void AddProducts(Supplier s, PurchasingGroup g, IEnumerable<(string Code, string Name, string Variant, ProductUnit Unit, long Price, long Package, long Multiple, bool Weight, int? Grams)> list)
        {
            products[s.Id] = list.Select(p => new Product
            {
                Id = Guid.NewGuid(), SupplierId = s.Id, GroupId = g.Id, Code = p.Code, Name = p.Name, Variant = p.Variant, Unit = p.Unit, PriceCents = p.Price,
                VatPercent = p.Unit == ProductUnit.Kg || p.Code.StartsWith("LAT") ? 4 : 10, PackageMilli = p.Package, MultipleMilli = p.Multiple,
                MaxMilli = p.Weight ? 4000 : null, SoldByWeight = p.Weight, PieceWeightGrams = p.Grams, Available = true, UpdatedAt = now.AddDays(-30),
            }).ToList();
            db.GafProducts.AddRange(products[s.Id]);
        }
        AddProducts(cascina, seveso, Farm);
        AddProducts(caseificio, seveso, Dairy);
        AddProducts(bottega, seveso, Pantry);
        AddProducts(carateFarm, carate, Farm.Take(12));
        await db.SaveChangesAsync();

        // Deposits: each family pays the treasurer a few times.
        var treasury = services.GetRequiredService<Treasury>();
        foreach (var m in sevesoMembers.Concat(carateMembers))
        {
            var group = m.GroupId == seveso.Id ? seveso : carate;
            for (var i = faker.Random.Int(2, 4); i > 0; i--) await treasury.DepositAsync(group, m.Id, faker.PickRandom(3000, 5000, 5000, 10000), "Versamento in contanti", referent);
        }

        // Past cycles, every two weeks, delivered and settled (weights of the cheeses typed at delivery); then an open one.
        var cycles = services.GetRequiredService<Cycles>();
        var deliveries = services.GetRequiredService<Deliveries>();
        var plan = new[] { (cascina, 70), (caseificio, 56), (bottega, 42), (cascina, 28), (caseificio, 14) };
        foreach (var (supplier, daysAgo) in plan)
        {
            var delivery = now.AddDays(-daysAgo);
            var cycle = new OrderCycle
            {
                Id = Guid.NewGuid(), GroupId = seveso.Id, NetworkId = brianza.Id, SupplierId = supplier.Id, Title = $"{supplier.Name} — {Platform.RomeTime.Format(delivery, "d MMMM")}",
                Status = CycleStatus.Sent, OpensAt = delivery.AddDays(-9), ClosesAt = delivery.AddDays(-3), DeliveryOn = DateOnly.FromDateTime(delivery), DeliveryPlace = seveso.DeliveryPlace,
                ClosedAt = delivery.AddDays(-3), SentAt = delivery.AddDays(-3), CreatedAt = delivery.AddDays(-10), CreatedByUserId = referent,
            };
            db.GafCycles.Add(cycle);
            foreach (var m in sevesoMembers.Where(_ => faker.Random.Bool(0.75f)))
            {
                var booking = new Booking { Id = Guid.NewGuid(), CycleId = cycle.Id, MemberId = m.Id, CreatedAt = cycle.OpensAt.AddDays(1), UpdatedAt = cycle.OpensAt.AddDays(1) };
                foreach (var p in faker.PickRandom(products[supplier.Id], faker.Random.Int(2, 6)))
                {
                    var q = p.MultipleMilli * faker.Random.Int(1, p.SoldByWeight ? 2 : 3);
                    booking.Lines.Add(new BookingLine { Id = Guid.NewGuid(), BookingId = booking.Id, ProductId = p.Id, QuantityMilli = q, UnitPriceCents = p.PriceCents,
                        DeliveredMilli = p.SoldByWeight ? q * p.PieceWeightGrams!.Value / 1000 * faker.Random.Int(85, 115) / 100 : null });
                }
                booking.DeliveredAt = delivery.AddHours(19);
                booking.DeliveredByUserId = referent;
                db.GafBookings.Add(booking);
            }
            if (daysAgo == 28) db.GafExtraCosts.Add(new ExtraCost { Id = Guid.NewGuid(), CycleId = cycle.Id, Description = "Trasporto", AmountCents = 1500, Split = SplitRule.Weight });
            await db.SaveChangesAsync();
            Detach(db);
            await cycles.MarkDeliveredAsync(cycle);
            cycle.Status = CycleStatus.Delivered;
            await cycles.SettleAsync(cycle, referent);
            cycle.Status = CycleStatus.Settled;
            if (daysAgo > 30)
            {
                var paid = await db.GafBookings.Where(b => b.CycleId == cycle.Id).SumAsync(b => b.ChargedCents ?? 0);
                await treasury.RecordInvoiceAsync(seveso, cycle, paid, referent);
                await treasury.PaySupplierAsync(seveso, supplier.Id, paid, $"Bonifico fattura {cycle.Title}", referent);
                await cycles.ArchiveAsync(cycle);
            }
        }

        // The open cycle: famiglia@brianza.demo has not booked yet; some others have.
        foreach (var (group, supplier, members) in new[] { (seveso, bottega, sevesoMembers), (carate, carateFarm, carateMembers) })
        {
            var open = new OrderCycle
            {
                Id = Guid.NewGuid(), GroupId = group.Id, NetworkId = brianza.Id, SupplierId = supplier.Id, Title = $"{supplier.Name} — dispensa di {Platform.RomeTime.Format(now.AddDays(8), "MMMM")}",
                Status = CycleStatus.Open, OpensAt = now.AddDays(-2), ClosesAt = now.AddDays(4), DeliveryOn = DateOnly.FromDateTime(now.AddDays(7)), DeliveryPlace = group.DeliveryPlace,
                RepeatDays = 14, CreatedAt = now.AddDays(-3), CreatedByUserId = referent,
            };
            db.GafCycles.Add(open);
            foreach (var m in members.Where(m => m.UserId != family).Take(8))
            {
                var booking = new Booking { Id = Guid.NewGuid(), CycleId = open.Id, MemberId = m.Id, CreatedAt = now.AddDays(-1), UpdatedAt = now.AddDays(-1) };
                foreach (var p in faker.PickRandom(products[supplier.Id], 3))
                    booking.Lines.Add(new BookingLine { Id = Guid.NewGuid(), BookingId = booking.Id, ProductId = p.Id, QuantityMilli = p.MultipleMilli, UnitPriceCents = p.PriceCents });
                db.GafBookings.Add(booking);
            }
        }
        await db.SaveChangesAsync();
        Detach(db);
    }

    /// <summary>Forgets the rows of the cycles written here (the services change them with conditional updates), and nothing else of the demo.</summary>
    static void Detach(AppDbContext db)
    {
        foreach (var e in db.ChangeTracker.Entries().Where(e => e.Entity is OrderCycle or Booking or BookingLine or ExtraCost or Product or Household or HouseholdMember).ToList())
            e.State = EntityState.Detached;
    }
}
