using System.Text;
using Alleanza.Tests.FamilyCard;
using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Modules.FamilyCard;
using Alleanza.Web.Modules.Network;
using Alleanza.Web.Modules.Sharing.Ledger;
using Alleanza.Web.Modules.Sharing.PurchasingGroups;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Alleanza.Tests.Sharing;

/// <summary>
/// Family purchasing groups on this run's engine: the cycle's states guarded against concurrency (a booking racing with
/// closing never slips in after), booking rules, the order in whole packages, extra costs split to the cent, delivery by
/// weight, the ledger with two treasurers at once and a yearly report that adds up, the CSV import's change report, the job.
/// </summary>
public class PurchasingGroupTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        using var scope = factory.Services.CreateScope();
        return await work(scope.ServiceProvider);
    }

    /// <summary>Runs <paramref name="n"/> copies of <paramref name="work"/> released at the same instant.</summary>
    static async Task<T[]> TogetherAsync<T>(int n, Func<Task<T>> work)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, n).Select(_ => Task.Run(async () => { await gate.Task; return await work(); })).ToArray();
        gate.SetResult();
        return await Task.WhenAll(tasks);
    }

    sealed record Setup(PurchasingGroup Group, Supplier Supplier, List<GroupMember> Members, Dictionary<string, Product> Products);

    /// <summary>A fresh group in Lucca with <paramref name="members"/> households, a supplier and four products.</summary>
    async Task<Setup> SetupAsync(int members = 3, bool requireCredit = false, string? supplierEmail = null, Guid? partnerId = null)
    {
        var network = await factory.WithDbAsync(db => db.Networks.Where(n => n.Slug == "lucca").Select(n => n.Id).FirstAsync());
        var comune = await factory.WithDbAsync(db => db.Comuni.Where(c => c.NetworkId == network).Select(c => c.Id).FirstAsync());
        var group = await WithAsync(s => s.GetRequiredService<Groups>().CreateAsync(network, "GAF di prova " + Guid.NewGuid().ToString("N")[..6], "Oratorio", "giovedì 18-20", requireCredit: requireCredit));
        var list = new List<GroupMember>();
        for (var i = 0; i < members; i++)
        {
            var (user, household) = await factory.WithDbAsync(async db =>
            {
                var u = new AppUser { Id = Guid.NewGuid(), UserName = $"gaf{Guid.NewGuid():N}@test.it", Email = $"gaf{Guid.NewGuid():N}@test.it", DisplayName = $"Socio {i}", CreatedAt = DateTime.UtcNow };
                db.Users.Add(u);
                var h = new Alleanza.Web.Modules.Families.Household { Id = Guid.NewGuid(), NetworkId = network, OwnerUserId = u.Id, ComuneId = comune, PrivacyVersion = "1", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
                db.Households.Add(h);
                await db.SaveChangesAsync();
                return (u.Id, h.Id);
            });
            list.Add(await WithAsync(s => s.GetRequiredService<Groups>().AddMemberAsync(group, household, user, $"Famiglia {i:000}")));
        }
        var supplier = await WithAsync(s => s.GetRequiredService<Groups>().AddSupplierAsync(group, "Cascina Prova", partnerId, email: supplierEmail));
        var products = await factory.WithDbAsync(async db =>
        {
            Product P(string code, string name, ProductUnit unit, long price, long package = 1000, long multiple = 1000, long? min = null, long? max = null, bool weight = false, int? grams = null) => new()
            {
                Id = Guid.NewGuid(), SupplierId = supplier.Id, GroupId = group.Id, Code = code, Name = name, Unit = unit, PriceCents = price, VatPercent = 10,
                PackageMilli = package, MultipleMilli = multiple, MinMilli = min, MaxMilli = max, SoldByWeight = weight, PieceWeightGrams = grams, Available = true, UpdatedAt = DateTime.UtcNow,
            };
            var all = new[]
            {
                P("PASTA", "Pasta di farro", ProductUnit.Pack, 250, package: 12000),                  // 2,50 € a confezione, cartoni da 12
                P("MELE", "Mele", ProductUnit.Kg, 200, multiple: 500, min: 1000, max: 10000),          // 2,00 €/kg, a mezzi chili, 1–10 kg
                P("FORMA", "Formaggio", ProductUnit.Kg, 1800, weight: true, grams: 500),               // 18,00 €/kg, a pezzi da ~500 g
                P("OLIO", "Olio", ProductUnit.Litre, 1000, package: 6000, max: 6000),                   // 10,00 €/l, cartoni da 6
            };
            db.GafProducts.AddRange(all);
            await db.SaveChangesAsync();
            return all.ToDictionary(p => p.Code);
        });
        return new(group, supplier, list, products);
    }

    async Task<OrderCycle> CycleAsync(Setup s, CycleStatus status = CycleStatus.Open, DateTime? closesAt = null)
    {
        var now = DateTime.UtcNow;
        var cycle = new OrderCycle
        {
            Id = Guid.NewGuid(), GroupId = s.Group.Id, NetworkId = s.Group.NetworkId, SupplierId = s.Supplier.Id, Title = "Ordine di prova", Status = status,
            OpensAt = now.AddHours(-1), ClosesAt = closesAt ?? now.AddDays(2), DeliveryOn = DateOnly.FromDateTime(now.AddDays(4)), DeliveryPlace = "Oratorio",
            CreatedAt = now, CreatedByUserId = s.Members[0].UserId,
        };
        await factory.WithDbAsync(async db => { db.GafCycles.Add(cycle); await db.SaveChangesAsync(); return 0; });
        return cycle;
    }

    Task<OrderCycle> ReloadAsync(Guid id) => factory.WithDbAsync(db => db.GafCycles.AsNoTracking().FirstAsync(c => c.Id == id));

    Task<Bookings.Result> BookAsync(Setup s, OrderCycle c, GroupMember m, params (string Code, long Milli)[] lines) =>
        WithAsync(sp => sp.GetRequiredService<Bookings>().SaveAsync(s.Group, c, m, lines.ToDictionary(l => s.Products[l.Code].Id, l => l.Milli)));

    [Fact]
    public async Task Booking_rules_check_multiples_minimum_maximum_and_availability_and_a_booking_can_be_changed_and_removed()
    {
        var s = await SetupAsync(1);
        var c = await CycleAsync(s);
        var m = s.Members[0];
        var wrong = await BookAsync(s, c, m, ("MELE", 1200), ("OLIO", 7000));
        Assert.Equal(Bookings.Outcome.Invalid, wrong.Outcome);
        Assert.Contains("multipli di 0,5", wrong.Errors[s.Products["MELE"].Id]);
        Assert.Contains("al massimo 6", wrong.Errors[s.Products["OLIO"].Id]);
        Assert.Contains("almeno 1", (await BookAsync(s, c, m, ("MELE", 500))).Errors[s.Products["MELE"].Id]);

        var ok = await BookAsync(s, c, m, ("MELE", 1500), ("FORMA", 2000), ("PASTA", 3000));
        Assert.Equal(Bookings.Outcome.Saved, ok.Outcome);
        Assert.Equal(300 + 1800 + 750, ok.EstimateCents); // 1,5 kg × 2 €; 2 pezzi × 0,5 kg × 18 €; 3 × 2,50 €
        Assert.Equal(Bookings.Outcome.Saved, (await BookAsync(s, c, m, ("MELE", 2000))).Outcome);
        var lines = await factory.WithDbAsync(db => db.GafBookingLines.Where(l => db.GafBookings.Any(b => b.Id == l.BookingId && b.CycleId == c.Id)).ToListAsync());
        Assert.Equal(2000, Assert.Single(lines).QuantityMilli);

        await factory.WithDbAsync(db => db.GafProducts.Where(p => p.Id == s.Products["OLIO"].Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.Available, false)));
        s.Products["OLIO"].Available = false;
        Assert.Contains("non è disponibile", (await WithAsync(sp => sp.GetRequiredService<Bookings>().SaveAsync(s.Group, c, m, new Dictionary<Guid, long> { [s.Products["OLIO"].Id] = 1000 }))).Errors.Values.Single());

        Assert.Equal(Bookings.Outcome.Removed, (await BookAsync(s, c, m)).Outcome);
        Assert.False(await factory.WithDbAsync(db => db.GafBookings.AnyAsync(b => b.CycleId == c.Id)));
    }

    /// <summary>
    /// The booking page as a member sees it (its rows are written once per product list and language): each product with
    /// its rules and price, a wrong quantity answered beside its field with the other quantities kept, a saved booking shown
    /// in the fields, the package's shortfall while the cycle waits for it, and the page in English.
    /// </summary>
    [Fact]
    public async Task The_booking_page_shows_each_products_rules_answers_a_wrong_quantity_beside_its_field_and_keeps_the_others()
    {
        var s = await SetupAsync(1);
        var family = await new SharingTestKit(factory).FamilyAsync("lucca");
        var household = await factory.WithDbAsync(db => db.Households.Where(h => h.OwnerUserId == family.UserId).Select(h => h.Id).FirstAsync());
        var member = await WithAsync(sp => sp.GetRequiredService<Groups>().AddMemberAsync(s.Group, household, family.UserId, "Famiglia Rossi"));
        var c = await CycleAsync(s);
        Assert.True((await WithAsync(sp => sp.GetRequiredService<Treasury>().DepositAsync(s.Group, member.Id, 2550, null, s.Members[0].UserId))).Ok);
        string Field(string code) => "Quantities[" + s.Products[code].Id + "]";
        string FieldId(string code) => "q-" + s.Products[code].Id.ToString("N");

        var page = await family.Client.OpenAsync($"/gruppi-acquisto/ordini/{c.Id}");
        Assert.Equal(System.Net.HttpStatusCode.OK, page.Status);
        Assert.Contains("Il vostro credito 25,50 €", page.Text.Replace('\u00a0', ' '));
        var apples = page.Document.GetElementById(FieldId("MELE") + "-hint")!.TextContent;
        Assert.Equal("kg, multipli di 0,5, minimo 1, massimo 10", apples);
        Assert.Contains("a peso (un pezzo circa 500 g)", page.Document.GetElementById(FieldId("FORMA") + "-hint")!.TextContent);
        Assert.Equal("2,50 €/conf.", page.Document.GetElementById(FieldId("PASTA"))!.Closest("tr")!.QuerySelector("td")!.TextContent.Replace('\u00a0', ' '));

        var wrong = await family.Client.SubmitAsync(page, new Dictionary<string, string?> { [Field("MELE")] = "1,2", [Field("PASTA")] = "3" });
        Assert.Equal(System.Net.HttpStatusCode.OK, wrong.Status);
        var apple = wrong.Document.GetElementById(FieldId("MELE"))!;
        Assert.Equal("true", apple.GetAttribute("aria-invalid"));
        Assert.Equal("1,2", apple.GetAttribute("value"));
        Assert.Contains("multipli di 0,5", wrong.Document.GetElementById(FieldId("MELE") + "-error")!.TextContent);
        Assert.Contains(FieldId("MELE") + "-error", apple.GetAttribute("aria-describedby"));
        Assert.Equal("3", wrong.Document.GetElementById(FieldId("PASTA"))!.GetAttribute("value"));
        Assert.Null(wrong.Document.GetElementById(FieldId("PASTA"))!.GetAttribute("aria-invalid"));
        Assert.False(await factory.WithDbAsync(db => db.GafBookings.AnyAsync(b => b.CycleId == c.Id)));

        var saved = await family.Client.SubmitAsync(wrong, new Dictionary<string, string?> { [Field("MELE")] = "1,5", [Field("PASTA")] = "3" }, follow: true);
        Assert.Contains("Prenotazione salvata", saved.Text);
        Assert.Equal("1,5", saved.Document.GetElementById(FieldId("MELE"))!.GetAttribute("value"));
        Assert.Equal("", saved.Document.GetElementById(FieldId("OLIO"))!.GetAttribute("value"));

        // Held until its cartons of 12 fill: 3 booked, 9 missing, said in the product's hint.
        await factory.WithDbAsync(db => db.GafCycles.Where(x => x.Id == c.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.HoldForPackages, true)));
        var held = await family.Client.OpenAsync($"/gruppi-acquisto/ordini/{c.Id}");
        Assert.StartsWith("Mancano 9 per completare la confezione.", held.Document.GetElementById(FieldId("PASTA") + "-hint")!.TextContent);

        var english = await family.Client.OpenAsync($"/gruppi-acquisto/ordini/{c.Id}?culture=en");
        Assert.Contains("multiples of 0.5", english.Document.GetElementById(FieldId("MELE") + "-hint")!.TextContent);

        // A friend household the family books for: offered beside its own, its page empty until it books.
        var other = await new SharingTestKit(factory).FamilyAsync("lucca");
        var otherHousehold = await factory.WithDbAsync(db => db.Households.Where(h => h.OwnerUserId == other.UserId).Select(h => h.Id).FirstAsync());
        var friend = await WithAsync(sp => sp.GetRequiredService<Groups>().AddMemberAsync(s.Group, otherHousehold, other.UserId, "Famiglia Amica", member.Id));
        var own = await family.Client.OpenAsync($"/gruppi-acquisto/ordini/{c.Id}?culture=it");
        Assert.Contains(own.Document.QuerySelectorAll(".nav-pills a"), a => a.TextContent.Contains("Famiglia Amica"));
        var forFriend = await family.Client.OpenAsync($"/gruppi-acquisto/ordini/{c.Id}?per={friend.Id}");
        Assert.Contains("State prenotando per Famiglia Amica", forFriend.Text);
        Assert.Contains("Credito di Famiglia Amica 0,00 €", forFriend.Text.Replace('\u00a0', ' '));
        Assert.Equal("", forFriend.Document.GetElementById(FieldId("MELE"))!.GetAttribute("value"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await family.Client.GetAsync($"/gruppi-acquisto/ordini/{c.Id}?per={Guid.NewGuid()}")).Status);
    }

    [Fact]
    public async Task A_group_that_requires_credit_refuses_a_booking_beyond_the_members_balance()
    {
        var s = await SetupAsync(1, requireCredit: true);
        var c = await CycleAsync(s);
        var m = s.Members[0];
        Assert.Contains("credito", (await BookAsync(s, c, m, ("PASTA", 2000))).Errors.Values.Single());
        var treasurer = s.Members[0].UserId;
        Assert.True((await WithAsync(sp => sp.GetRequiredService<Treasury>().DepositAsync(s.Group, m.Id, 500, null, treasurer))).Ok);
        Assert.Equal(Bookings.Outcome.Saved, (await BookAsync(s, c, m, ("PASTA", 2000))).Outcome);
        Assert.Equal(Bookings.Outcome.Invalid, (await BookAsync(s, c, m, ("PASTA", 3000))).Outcome);
    }

    [Fact]
    public async Task Bookings_racing_with_closing_never_slip_in_after_it_and_every_acknowledged_booking_is_in_the_order()
    {
        var s = await SetupAsync(24);
        var c = await CycleAsync(s);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bookings = s.Members.Select((m, i) => Task.Run(async () =>
        {
            await gate.Task;
            if (i % 3 == 0) await Task.Delay(i);
            return (Member: m.Id, Result: await BookAsync(s, c, m, ("PASTA", 1000 * (1 + i % 4))));
        })).ToList();
        var closes = Enumerable.Range(0, 4).Select(_ => Task.Run(async () => { await gate.Task; await Task.Delay(8); return await WithAsync(sp => sp.GetRequiredService<Cycles>().CloseAsync(c)); })).ToList();
        gate.SetResult();
        var results = await Task.WhenAll(bookings);
        var closed = await Task.WhenAll(closes);

        Assert.Single(closed, r => r.Outcome == Cycles.Outcome.Done);
        Assert.All(results, r => Assert.Contains(r.Result.Outcome, new[] { Bookings.Outcome.Saved, Bookings.Outcome.Closed }));
        var saved = results.Where(r => r.Result.Outcome == Bookings.Outcome.Saved).Select(r => r.Member).OrderBy(x => x).ToList();
        var inDb = await factory.WithDbAsync(db => db.GafBookings.Where(b => b.CycleId == c.Id).Select(b => b.MemberId).ToListAsync());
        Assert.Equal(saved, inDb.OrderBy(x => x).ToList());
        // After closing nothing gets in, and the order to the supplier counts exactly the acknowledged bookings.
        Assert.Equal(Bookings.Outcome.Closed, (await BookAsync(s, c, s.Members[0], ("PASTA", 5000))).Outcome);
        var totals = await WithAsync(sp => sp.GetRequiredService<Cycles>().PerProductAsync(c.Id));
        var expected = results.Where(r => r.Result.Outcome == Bookings.Outcome.Saved).Sum(r => 1000L * (1 + s.Members.FindIndex(m => m.Id == r.Member) % 4));
        Assert.Equal(expected, saved.Count == 0 ? 0 : Assert.Single(totals).Order.BookedMilli);
    }

    [Fact]
    public async Task Identical_requests_change_a_cycle_once_and_a_booking_twice_at_once_is_one_booking()
    {
        var s = await SetupAsync(1);
        var c = await CycleAsync(s, CycleStatus.Draft);
        var opened = await TogetherAsync(6, () => WithAsync(sp => sp.GetRequiredService<Cycles>().OpenAsync(c)));
        Assert.Single(opened, r => r.Outcome == Cycles.Outcome.Done);
        var twins = await TogetherAsync(6, () => BookAsync(s, c, s.Members[0], ("PASTA", 2000)));
        Assert.All(twins, r => Assert.Equal(Bookings.Outcome.Saved, r.Outcome));
        Assert.Equal(1, await factory.WithDbAsync(db => db.GafBookings.CountAsync(b => b.CycleId == c.Id)));
        Assert.Equal(1, await factory.WithDbAsync(db => db.GafBookingLines.CountAsync(l => db.GafBookings.Any(b => b.Id == l.BookingId && b.CycleId == c.Id))));
        var closes = await TogetherAsync(6, () => WithAsync(sp => sp.GetRequiredService<Cycles>().CloseAsync(c)));
        Assert.Single(closes, r => r.Outcome == Cycles.Outcome.Done);
        // Steps out of order are refused.
        Assert.Equal(Cycles.Outcome.AlreadyDone, (await WithAsync(sp => sp.GetRequiredService<Cycles>().MarkDeliveredAsync(c))).Outcome);
        Assert.Equal(CycleStatus.Closed, (await ReloadAsync(c.Id)).Status);
    }

    [Fact]
    public void Packages_round_up_with_the_shortfall_and_splits_add_up_to_the_cent()
    {
        Assert.Equal(new GafRules.PackageOrder(25000, 3, 36000, 11000), GafRules.Packages(25000, 12000));
        Assert.Equal(new GafRules.PackageOrder(24000, 2, 24000, 0), GafRules.Packages(24000, 12000));
        Assert.Equal(new GafRules.PackageOrder(0, 0, 0, 0), GafRules.Packages(0, 12000));
        Assert.Equal([334, 333, 333], GafRules.Split(1000, [1, 1, 1]));
        Assert.Equal([250, 750], GafRules.Split(1000, [100, 300]));
        Assert.Equal([500, 500], GafRules.Split(1000, [0, 0]));
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var weights = Enumerable.Range(0, random.Next(1, 30)).Select(_ => (long)random.Next(0, 10_000)).ToList();
            var amount = random.Next(0, 1_000_000);
            var shares = GafRules.Split(amount, weights);
            Assert.Equal(amount, shares.Sum());
            Assert.All(shares, x => Assert.True(x >= 0));
        }
        Assert.Equal(1250, GafRules.ParseWeight("1,25"));
        Assert.Equal(850, GafRules.ParseWeight("850"));
        Assert.Equal(2000, GafRules.ParseWeight("2"));
        Assert.Null(GafRules.ParseWeight("abc"));
        Assert.Null(GafRules.ParseQuantity("-1"));
        Assert.Equal(1500, GafRules.ParseQuantity("1,5"));
        Assert.Equal("1 pezzo", GafRules.Amount(1000, "pezzi"));
        Assert.Equal("2 pezzi", GafRules.Amount(2000, "pezzi"));
        Assert.Equal("1 confezione", GafRules.Amount(1000, "confezioni"));
        Assert.Equal("0,5 litri", GafRules.Amount(500, "litri"));
        Assert.Equal("1 kg", GafRules.Amount(1000, "kg"));
    }

    /// <summary>Three members book; the order is whole packages; delivery by weight and a missing product change the final prices; extra costs split three ways.</summary>
    [Fact]
    public async Task The_order_is_in_whole_packages_delivery_by_weight_recomputes_prices_and_extra_costs_split_by_value_weight_and_quantity()
    {
        var s = await SetupAsync(3);
        var c = await CycleAsync(s);
        Assert.Equal(Bookings.Outcome.Saved, (await BookAsync(s, c, s.Members[0], ("PASTA", 10000), ("FORMA", 2000))).Outcome);
        Assert.Equal(Bookings.Outcome.Saved, (await BookAsync(s, c, s.Members[1], ("PASTA", 5000), ("MELE", 2000))).Outcome);
        Assert.Equal(Bookings.Outcome.Saved, (await BookAsync(s, c, s.Members[2], ("OLIO", 2000))).Outcome);
        await WithAsync(sp => sp.GetRequiredService<Cycles>().CloseAsync(c));
        var perProduct = await WithAsync(sp => sp.GetRequiredService<Cycles>().PerProductAsync(c.Id));
        var pasta = perProduct.Single(p => p.Code == "PASTA");
        Assert.Equal((15000L, 2L, 24000L, 9000L), (pasta.Order.BookedMilli, pasta.Order.Packages, pasta.Order.OrderedMilli, pasta.Order.ShortfallMilli));
        Assert.Equal(4000, perProduct.Single(p => p.Code == "OLIO").Order.ShortfallMilli);
        var csv = System.Text.Encoding.UTF8.GetString(await WithAsync(sp => sp.GetRequiredService<SupplierOrder>().CsvAsync(c)));
        Assert.Contains("PASTA;Pasta di farro;;confezioni;15;2;24;9;", csv);
        var pdf = await WithAsync(sp => sp.GetRequiredService<SupplierOrder>().PdfAsync(c, "GAF", "Cascina Prova", sp.GetRequiredService<Microsoft.AspNetCore.Hosting.IWebHostEnvironment>().WebRootPath));
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));

        c = await ReloadAsync(c.Id);
        await WithAsync(sp => sp.GetRequiredService<Cycles>().SendAsync(c));
        c = await ReloadAsync(c.Id);
        // Member 0: the cheese weighed 1,234 kg; the apples never came (marked once for all).
        var sheet = await WithAsync(sp => sp.GetRequiredService<Deliveries>().SheetAsync(c.Id));
        Assert.Equal(["Famiglia 000", "Famiglia 001", "Famiglia 002"], sheet.Select(r => r.Member).ToArray());
        var first = sheet[0];
        var cheese = first.Lines.Single(l => l.Product == "Formaggio");
        var recorded = await WithAsync(sp => sp.GetRequiredService<Deliveries>().RecordAsync(c, first.BookingId,
            [new(cheese.LineId, GafRules.ParseWeight("1,234"), false), new(first.Lines.Single(l => l.Product == "Pasta di farro").LineId, 10000, false)], s.Members[0].UserId));
        Assert.Equal(Deliveries.Outcome.Done, recorded.Outcome);
        Assert.Equal(2500 + 2221, recorded.TotalCents); // 10 × 2,50 € + 1,234 kg × 18 € = 22,212 → 22,21 €
        Assert.Equal(1, await WithAsync(sp => sp.GetRequiredService<Deliveries>().MarkMissingAsync(c, s.Products["MELE"].Id)));
        Assert.Equal(Deliveries.Outcome.Invalid, (await WithAsync(sp => sp.GetRequiredService<Deliveries>().RecordAsync(c, sheet[2].BookingId, [new(sheet[2].Lines[0].LineId, null, false)], s.Members[0].UserId))).Outcome);

        await WithAsync(sp => sp.GetRequiredService<Cycles>().AddExtraCostAsync(c, "Trasporto", 1000, SplitRule.Value));
        await WithAsync(sp => sp.GetRequiredService<Cycles>().AddExtraCostAsync(c, "Ghiaccio", 300, SplitRule.Weight));
        await WithAsync(sp => sp.GetRequiredService<Cycles>().AddExtraCostAsync(c, "Cassette", 100, SplitRule.Quantity));
        var charges = await WithAsync(sp => sp.GetRequiredService<Cycles>().ChargesAsync(c.Id));
        Assert.Equal([4721L, 1250L, 2000L], charges.Select(x => x.GoodsCents).ToArray()); // member 1: 5 × 2,50, apples missing; member 2: 2 l × 10 €
        Assert.Equal(1400, charges.Sum(x => x.ExtraCents));
        // By value 4721:1250:2000 of 10 €; by weight 1234 g : 0 : 2000 g of 3 €; by quantity 10+2 : 5 : 2 of 1 €.
        var value = GafRules.Split(1000, [4721, 1250, 2000]);
        var weight = GafRules.Split(300, [1234, 0, 2000]);
        var quantity = GafRules.Split(100, [12000, 5000, 2000]);
        Assert.Equal(Enumerable.Range(0, 3).Select(i => value[i] + weight[i] + quantity[i]).ToArray(), charges.Select(x => x.ExtraCents).ToArray());
    }

    [Fact]
    public async Task The_ledger_holds_with_two_treasurers_at_once_settlement_charges_once_and_the_yearly_report_adds_up()
    {
        var s = await SetupAsync(6);
        var c = await CycleAsync(s);
        foreach (var m in s.Members) Assert.Equal(Bookings.Outcome.Saved, (await BookAsync(s, c, m, ("PASTA", 4000))).Outcome);
        var treasurers = new[] { s.Members[0].UserId, s.Members[1].UserId };
        // Two treasurers record 60 deposits and 12 refunds at once.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var work = Enumerable.Range(0, 72).Select(i => Task.Run(async () =>
        {
            await gate.Task;
            var member = s.Members[i % s.Members.Count].Id;
            return await WithAsync(sp => i < 60
                ? sp.GetRequiredService<Treasury>().DepositAsync(s.Group, member, 1000, "Versamento", treasurers[i % 2])
                : sp.GetRequiredService<Treasury>().RefundAsync(s.Group, member, 250, "Resto", treasurers[i % 2]));
        })).ToList();
        gate.SetResult();
        Assert.All(await Task.WhenAll(work), r => Assert.True(r.Ok));
        var balances = await WithAsync(sp => sp.GetRequiredService<Treasury>().BalancesAsync(s.Group.Id));
        Assert.All(balances, b => Assert.Equal(10 * 1000 - 2 * 250, b.Balance));
        Assert.Equal(0, await WithAsync(sp => sp.GetRequiredService<Treasury>().GroupSumAsync(s.Group)));

        await WithAsync(sp => sp.GetRequiredService<Cycles>().CloseAsync(c));
        await WithAsync(sp => sp.GetRequiredService<Cycles>().SendAsync(c));
        await WithAsync(sp => sp.GetRequiredService<Cycles>().MarkDeliveredAsync(c));
        c = await ReloadAsync(c.Id);
        var settled = await TogetherAsync(4, () => WithAsync(sp => sp.GetRequiredService<Cycles>().SettleAsync(c, treasurers[0])));
        Assert.Single(settled, r => r.Outcome == Cycles.Outcome.Done);
        balances = await WithAsync(sp => sp.GetRequiredService<Treasury>().BalancesAsync(s.Group.Id));
        Assert.All(balances, b => Assert.Equal(9500 - 1000, b.Balance)); // 4 × 2,50 € each
        Assert.Equal(6, await factory.WithDbAsync(db => db.GafBookings.CountAsync(b => b.CycleId == c.Id && b.ChargedCents == 1000 && b.PaymentTransferId != null)));
        var owed = () => factory.WithDbAsync(db => db.LedgerAccounts.Where(a => a.Id == s.Supplier.AccountId).Select(a => a.Balance).FirstAsync());
        Assert.Equal(6000, await owed());

        c = await ReloadAsync(c.Id);
        Assert.True((await WithAsync(sp => sp.GetRequiredService<Treasury>().RecordInvoiceAsync(s.Group, c, 6120, treasurers[1]))).Ok);
        Assert.False((await WithAsync(sp => sp.GetRequiredService<Treasury>().RecordInvoiceAsync(s.Group, c, 6120, treasurers[1]))).Ok);
        Assert.Equal(6120, await owed());
        Assert.True((await WithAsync(sp => sp.GetRequiredService<Treasury>().PaySupplierAsync(s.Group, s.Supplier.Id, 6120, null, treasurers[1]))).Ok);
        Assert.Equal(0, await owed());
        Assert.False((await WithAsync(sp => sp.GetRequiredService<Treasury>().DepositAsync(s.Group, s.Members[0].Id, 0, null, treasurers[0]))).Ok);

        Assert.Equal(0, await WithAsync(sp => sp.GetRequiredService<Treasury>().GroupSumAsync(s.Group)));
        Assert.Empty(await WithAsync(sp => sp.GetRequiredService<LedgerBook>().CheckAsync(s.Group.NetworkId)));
        var year = await WithAsync(sp => sp.GetRequiredService<Treasury>().YearAsync(s.Group, Alleanza.Web.Platform.RomeTime.Today(TimeProvider.System).Year));
        Assert.Equal((60000L, 3000L, 6000L, 6120L, 6120L), (year.Deposits, year.Refunds, year.Payments, year.SupplierPayments, year.Invoiced + year.Payments));
        Assert.Equal(60000 - 3000 - 6120, year.CashEnd);
        Assert.True(year.CashAddsUp && year.CreditAddsUp && year.SuppliersAddUp);
        Assert.Equal(-120, year.FundEnd);
    }

    [Fact]
    public async Task The_csv_import_adds_changes_and_withdraws_products_and_reports_what_changed_and_bad_rows()
    {
        var s = await SetupAsync(0);
        var csv = "codice;nome;variante;unita;prezzo;iva;confezione;multiplo;minimo;massimo;a_peso;peso_pezzo_g;disponibile\n" +
                  "PASTA;Pasta di farro;;confezione;2,80;10;12;1;;;no;;sì\n" +   // price changed
                  "MELE;Mele;;kg;2,00;4;1;0,5;1;10;no;;sì\n" +                  // vat changed
                  "MIELE;Miele di acacia;500 g;pezzo;7,50;10;1;1;;;no;;sì\n" +   // new
                  "FORMA;Formaggio;;kg;18;10;1;1;;;no;;sì\n";                   // weight sold → not by weight; OLIO missing → unavailable
        var report = await WithAsync(sp => sp.GetRequiredService<ProductImport>().ImportAsync(s.Supplier, csv));
        Assert.True(report.Ok, string.Join("; ", report.Errors));
        Assert.Equal(1, report.Added);
        Assert.Contains(report.Changed, x => x.StartsWith("PASTA") && x.Contains("2,50 € → 2,80 €"));
        Assert.Contains(report.Changed, x => x.StartsWith("MELE") && x.Contains("IVA 4%"));
        Assert.Contains(report.Changed, x => x.StartsWith("FORMA") && x.Contains("vendita a peso"));
        Assert.Equal(["OLIO Olio"], report.Unavailable);
        var products = await factory.WithDbAsync(db => db.GafProducts.Where(p => p.SupplierId == s.Supplier.Id).ToDictionaryAsync(p => p.Code));
        Assert.Equal(280, products["PASTA"].PriceCents);
        Assert.False(products["OLIO"].Available);
        Assert.Equal(750, products["MIELE"].PriceCents);

        var bad = await WithAsync(sp => sp.GetRequiredService<ProductImport>().ImportAsync(s.Supplier, "codice;nome;prezzo;unita\nA;;1;pezzo\nB;Bi;x;pezzo\nC;Ci;1;tonnellata\nC;Ci;1;pezzo\nC;Ci;1;pezzo\n"));
        Assert.Equal(5, bad.Errors.Count);
        Assert.Contains(bad.Errors, e => e.StartsWith("Riga 2") && e.Contains("nome"));
        Assert.Contains(bad.Errors, e => e.StartsWith("Riga 6") && e.Contains("ripetuto"));
        Assert.Equal(5, await factory.WithDbAsync(db => db.GafProducts.CountAsync(p => p.SupplierId == s.Supplier.Id))); // nothing applied
        Assert.Single(await WithAsync(sp => sp.GetRequiredService<ProductImport>().ImportAsync(s.Supplier, "solo;una")).ContinueWith(t => t.Result.Errors));
    }

    [Fact]
    public async Task The_job_opens_drafts_whose_time_came_reminds_the_day_before_and_closes_cycles_at_their_end()
    {
        var s = await SetupAsync(2);
        var draft = await CycleAsync(s, CycleStatus.Draft);
        var closing = await CycleAsync(s, CycleStatus.Open, DateTime.UtcNow.AddHours(10));
        var over = await CycleAsync(s, CycleStatus.Open, DateTime.UtcNow.AddMinutes(-1));
        await BookAsync(s, closing, s.Members[0], ("PASTA", 1000));
        await WithAsync(async sp =>
        {
            var job = sp.GetServices<Alleanza.Web.Platform.Notifications.IScheduledNotifications>().OfType<PurchasingJobs>().Single();
            return await job.SendDueAsync(sp.GetRequiredService<Alleanza.Web.Platform.Notifications.NotificationService>(), DateTime.UtcNow, 7, default);
        });
        Assert.Equal(CycleStatus.Open, (await ReloadAsync(draft.Id)).Status);
        Assert.Equal(CycleStatus.Closed, (await ReloadAsync(over.Id)).Status);
        Assert.NotNull((await ReloadAsync(closing.Id)).ClosingReminderAt);
        var told = await factory.WithDbAsync(db => db.Notifications.Where(n => n.UserId == s.Members[1].UserId).Select(n => n.Subject).ToListAsync());
        Assert.Contains(told, t => t.StartsWith("Chiude domani"));
        Assert.Contains(told, t => t.StartsWith("Ordine aperto"));
        Assert.DoesNotContain(await factory.WithDbAsync(db => db.Notifications.Where(n => n.UserId == s.Members[0].UserId).Select(n => n.Subject).ToListAsync()), t => t.StartsWith("Chiude domani"));
    }

    [Fact]
    public async Task Closing_mails_the_supplier_the_order_as_pdf_and_csv_once_and_the_cycle_is_sent()
    {
        var email = $"fornitore{Guid.NewGuid():N}@test.it";
        var s = await SetupAsync(2, supplierEmail: email);
        var c = await CycleAsync(s);
        Assert.Equal(Bookings.Outcome.Saved, (await BookAsync(s, c, s.Members[0], ("PASTA", 5000), ("MELE", 1500))).Outcome);
        Assert.Equal(Bookings.Outcome.Saved, (await BookAsync(s, c, s.Members[1], ("PASTA", 3000))).Outcome);
        var closes = await TogetherAsync(4, () => WithAsync(sp => sp.GetRequiredService<OrderDispatch>().CloseAsync(c)));
        Assert.Single(closes, r => r.Outcome == OrderDispatch.Outcome.Mailed);
        Assert.All(closes.Where(r => r.Outcome != OrderDispatch.Outcome.Mailed), r => Assert.Equal(OrderDispatch.Outcome.AlreadyDone, r.Outcome));
        var after = await ReloadAsync(c.Id);
        Assert.Equal(CycleStatus.Sent, after.Status);
        Assert.NotNull(after.SupplierMailedAt);

        var mail = await Mailbox.WaitForAsync(email, s.Group.Name);
        Assert.Contains("Oratorio", mail.Text);
        Assert.Equal(1, await Mailbox.CountToAsync(email, s.Group.Name));
        var file = $"ordine-cascina-prova-{c.DeliveryOn:yyyy-MM-dd}";
        var csv = await Mailbox.AttachmentAsync(email, s.Group.Name, file + ".csv");
        var pasta = csv.Split('\n').Single(l => l.StartsWith("PASTA;"));
        Assert.Contains(";8;1;12;4;", pasta); // 8 booked, one carton of 12, 4 short
        Assert.Contains("MELE;", csv);
        var pdf = await Mailbox.AttachmentAsync(email, s.Group.Name, file + ".pdf");
        Assert.StartsWith("%PDF", pdf);
        // A second «send» finds the cycle sent and mails nothing.
        Assert.Equal(OrderDispatch.Outcome.AlreadyDone, (await WithAsync(sp => sp.GetRequiredService<OrderDispatch>().SendAsync(after))).Outcome);
        Assert.Equal(1, await Mailbox.CountToAsync(email, s.Group.Name));
    }

    [Fact]
    public async Task A_cycle_held_until_its_packages_fill_stays_open_and_the_booking_that_fills_the_last_closes_and_sends_it()
    {
        var email = $"fornitore{Guid.NewGuid():N}@test.it";
        var s = await SetupAsync(2, supplierEmail: email);
        var c = await CycleAsync(s);
        Assert.Equal(Bookings.Outcome.Saved, (await BookAsync(s, c, s.Members[0], ("PASTA", 5000))).Outcome);
        Assert.Equal(OrderDispatch.Outcome.Invalid, (await WithAsync(sp => sp.GetRequiredService<OrderDispatch>().CloseAsync(c, true, DateTime.UtcNow.AddDays(30)))).Outcome);
        var until = DateTime.UtcNow.AddDays(3);
        Assert.Equal(OrderDispatch.Outcome.Held, (await WithAsync(sp => sp.GetRequiredService<OrderDispatch>().CloseAsync(c, true, until))).Outcome);
        var held = await ReloadAsync(c.Id);
        Assert.Equal(CycleStatus.Open, held.Status);
        Assert.True(held.HoldForPackages);
        Assert.Equal(until, held.ClosesAt, TimeSpan.FromSeconds(1));
        // Not full yet: nothing happens.
        Assert.Equal(Bookings.Outcome.Saved, (await BookAsync(s, c, s.Members[1], ("PASTA", 4000))).Outcome);
        Assert.Null(await WithAsync(sp => sp.GetRequiredService<OrderDispatch>().CloseIfFullAsync(c.Id)));
        Assert.Equal(CycleStatus.Open, (await ReloadAsync(c.Id)).Status);
        // 5 + 7 = 12: the carton is full, the cycle closes and the order goes.
        Assert.Equal(Bookings.Outcome.Saved, (await BookAsync(s, held, s.Members[1], ("PASTA", 7000))).Outcome);
        Assert.Equal(OrderDispatch.Outcome.Mailed, (await WithAsync(sp => sp.GetRequiredService<OrderDispatch>().CloseIfFullAsync(c.Id)))!.Outcome);
        Assert.Equal(CycleStatus.Sent, (await ReloadAsync(c.Id)).Status);
        Assert.Equal(Bookings.Outcome.Closed, (await BookAsync(s, held, s.Members[0], ("PASTA", 6000))).Outcome);
        await Mailbox.WaitForAsync(email, s.Group.Name);
        // Held with every package already full: closes at once.
        var full = await CycleAsync(s);
        Assert.Equal(Bookings.Outcome.Saved, (await BookAsync(s, full, s.Members[0], ("PASTA", 12000))).Outcome);
        Assert.Equal(OrderDispatch.Outcome.Mailed, (await WithAsync(sp => sp.GetRequiredService<OrderDispatch>().CloseAsync(full, true, until))).Outcome);
    }

    [Fact]
    public async Task A_supplier_that_is_a_card_merchant_gives_card_holders_its_discount_on_the_booking_the_receipt_and_the_charge()
    {
        var network = await factory.WithDbAsync(db => db.Networks.Where(n => n.Slug == "lucca").Select(n => n.Id).FirstAsync());
        var comune = await factory.WithDbAsync(db => db.Comuni.Where(c => c.NetworkId == network).Select(c => c.Id).FirstAsync());
        var partner = Guid.NewGuid();
        await factory.WithDbAsync(async db =>
        {
            var name = "Bottega GAF " + partner.ToString("N")[..6];
            db.Partners.Add(new Partner { Id = partner, NetworkId = network, Name = name, NameKey = name.ToLowerInvariant(), Kind = PartnerKind.Business, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow });
            db.Offers.Add(new Offer { Id = Guid.NewGuid(), NetworkId = network, PartnerId = partner, Title = "Sconto famiglie", Kind = DiscountKind.Percent, Percent = 10, Status = OfferStatus.Published, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow });
            db.Offers.Add(new Offer { Id = Guid.NewGuid(), NetworkId = network, PartnerId = partner, Title = "Bozza più generosa", Kind = DiscountKind.Percent, Percent = 50, Status = OfferStatus.Draft, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        var s = await SetupAsync(3, partnerId: partner);
        // Member 0 holds a valid card; member 1's card expired; member 2 has none.
        await factory.WithDbAsync(async db =>
        {
            TestFamilies.AddCard(db, network, s.Members[0].HouseholdId, comune, "Anna", "Rossi", CardStatus.Active, DateTime.UtcNow.AddYears(-1), DateTime.UtcNow.AddYears(1));
            TestFamilies.AddCard(db, network, s.Members[1].HouseholdId, comune, "Bruno", "Bianchi", CardStatus.Active, DateTime.UtcNow.AddYears(-2), DateTime.UtcNow.AddDays(-1));
            return await db.SaveChangesAsync();
        });
        var c = await CycleAsync(s);
        var holder = await BookAsync(s, c, s.Members[0], ("PASTA", 4000), ("MELE", 1500)); // 10,00 + 3,00 = 13,00 €
        Assert.Equal(Bookings.Outcome.Saved, holder.Outcome);
        Assert.Equal(130, holder.DiscountCents);
        Assert.Equal(1170, holder.EstimateCents);
        var expired = await BookAsync(s, c, s.Members[1], ("PASTA", 4000));
        Assert.Equal((0L, 1000L), (expired.DiscountCents, expired.EstimateCents));
        Assert.Equal(0, (await BookAsync(s, c, s.Members[2], ("PASTA", 4000))).DiscountCents);

        await factory.WithDbAsync(db => db.GafCycles.Where(x => x.Id == c.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, CycleStatus.Sent)));
        c = await ReloadAsync(c.Id);
        var charges = await WithAsync(sp => sp.GetRequiredService<Cycles>().ChargesAsync(c.Id));
        var mine = charges.Single(x => x.MemberId == s.Members[0].Id);
        Assert.Equal((1300L, 130L, 1170L, 1000), (mine.GoodsCents, mine.DiscountCents, mine.Cents, mine.DiscountBasisPoints));
        Assert.All(charges.Where(x => x.MemberId != s.Members[0].Id), x => Assert.Equal(0, x.DiscountCents));

        // The receipt tells the discount; the settlement charges the discounted total.
        var booking = await factory.WithDbAsync(db => db.GafBookings.Include(b => b.Lines).FirstAsync(b => b.CycleId == c.Id && b.MemberId == s.Members[0].Id));
        var recorded = await WithAsync(sp => sp.GetRequiredService<Deliveries>().RecordAsync(c, booking.Id, booking.Lines.Select(l => new Deliveries.LineInput(l.Id, l.QuantityMilli, false)).ToList(), s.Members[1].UserId));
        Assert.Equal(Deliveries.Outcome.Done, recorded.Outcome);
        var email = await factory.WithDbAsync(db => db.Users.Where(u => u.Id == s.Members[0].UserId).Select(u => u.Email!).FirstAsync());
        Assert.Matches(@"sconto Carta Famiglia 10\s%\s−€?\s?1[,.]30", (await Mailbox.WaitForAsync(email, "Ricevuta")).Text);
        await WithAsync(sp => sp.GetRequiredService<Treasury>().DepositAsync(s.Group, s.Members[0].Id, 5000, null, s.Members[1].UserId));
        await WithAsync(sp => sp.GetRequiredService<Cycles>().MarkDeliveredAsync(c));
        var delivered = await ReloadAsync(c.Id);
        await WithAsync(sp => sp.GetRequiredService<Cycles>().SettleAsync(delivered, null));
        Assert.Equal(5000 - 1170, (await WithAsync(sp => sp.GetRequiredService<Treasury>().BalancesAsync(s.Group.Id))).Single(b => b.MemberId == s.Members[0].Id).Balance);
    }

    [Fact]
    public async Task The_opening_of_an_order_and_the_receipt_reach_each_member_in_the_language_of_their_account()
    {
        var s = await SetupAsync(2);
        var (english, italian) = (s.Members[0], s.Members[1]);
        await factory.WithDbAsync(db => db.Users.Where(u => u.Id == english.UserId).ExecuteUpdateAsync(u => u.SetProperty(x => x.Language, "en")));
        var emails = await factory.WithDbAsync(db => db.Users.Where(u => u.Id == english.UserId || u.Id == italian.UserId).ToDictionaryAsync(u => u.Id, u => u.Email!));
        var c = await CycleAsync(s, CycleStatus.Draft);

        // One notice to both members, composed once per language.
        Assert.Equal(Cycles.Outcome.Done, (await WithAsync(sp => sp.GetRequiredService<Cycles>().OpenAsync(c))).Outcome);
        var opened = await Mailbox.WaitForAsync(emails[english.UserId], "Order open: Ordine di prova");
        Assert.Matches(@"Book until \d+/\d+/\d{4} at \d{2}:\d{2}; delivery on \d+/\d+/\d{4} at Oratorio\.", opened.Text);
        Assert.Contains("Si prenota fino al", (await Mailbox.WaitForAsync(emails[italian.UserId], "Ordine aperto: Ordine di prova")).Text);

        // The receipts, recorded by a referent reading Italian: each in its member's language, money written its way.
        c = await ReloadAsync(c.Id);
        Assert.Equal(Bookings.Outcome.Saved, (await BookAsync(s, c, english, ("PASTA", 4000), ("MELE", 1500))).Outcome);
        Assert.Equal(Bookings.Outcome.Saved, (await BookAsync(s, c, italian, ("PASTA", 4000))).Outcome);
        await factory.WithDbAsync(db => db.GafCycles.Where(x => x.Id == c.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, CycleStatus.Sent)));
        c = await ReloadAsync(c.Id);
        foreach (var member in new[] { english, italian })
        {
            var booking = await factory.WithDbAsync(db => db.GafBookings.Include(b => b.Lines).FirstAsync(b => b.CycleId == c.Id && b.MemberId == member.Id));
            var lines = booking.Lines.Select(l => new Deliveries.LineInput(l.Id, l.QuantityMilli, l.ProductId == s.Products["MELE"].Id)).ToList(); // the apples did not come
            Assert.Equal(Deliveries.Outcome.Done, (await WithAsync(sp => sp.GetRequiredService<Deliveries>().RecordAsync(c, booking.Id, lines, italian.UserId))).Outcome);
        }
        var receipt = await Mailbox.FullAsync(emails[english.UserId], "Receipt: Ordine di prova");
        Assert.Contains("· Mele: not arrived", receipt.Text);
        Assert.Contains("· Pasta di farro: 4", receipt.Text);
        Assert.Contains("Goods €10.00: total €10.00, charged to the order balance.", receipt.Text);
        Assert.Contains("Your receipt", System.Net.WebUtility.HtmlDecode(receipt.Html));
        Assert.DoesNotContain("Merce", receipt.Text);
        var ricevuta = await Mailbox.FullAsync(emails[italian.UserId], "Ricevuta: Ordine di prova");
        Assert.Contains("Merce 10,00 €: totale 10,00 €, addebitato al saldo dell'ordine.", ricevuta.Text);
        Assert.Contains("La vostra ricevuta", System.Net.WebUtility.HtmlDecode(ricevuta.Html));
    }

    [Fact]
    public async Task A_deposit_or_refund_submitted_twice_at_once_records_one_movement()
    {
        var s = await SetupAsync(1);
        var member = s.Members[0].Id;
        var request = Guid.NewGuid();
        var deposits = await TogetherAsync(6, () => WithAsync(sp => sp.GetRequiredService<Treasury>().DepositAsync(s.Group, member, 2500, null, s.Members[0].UserId, request)));
        Assert.All(deposits, r => Assert.True(r.Ok));
        Assert.Single(deposits, r => !r.Duplicate);
        var refund = Guid.NewGuid();
        var refunds = await TogetherAsync(4, () => WithAsync(sp => sp.GetRequiredService<Treasury>().RefundAsync(s.Group, member, 500, null, s.Members[0].UserId, refund)));
        Assert.Single(refunds, r => !r.Duplicate);
        Assert.Equal(2000, (await WithAsync(sp => sp.GetRequiredService<Treasury>().BalancesAsync(s.Group.Id))).Single().Balance);
        var account = s.Members[0].AccountId;
        Assert.Equal(2, await factory.WithDbAsync(db => db.LedgerMovements.CountAsync(m => m.AccountId == account)));
        Assert.Equal(0, await WithAsync(sp => sp.GetRequiredService<Treasury>().GroupSumAsync(s.Group)));
        // A new form (a new id) records again.
        Assert.False((await WithAsync(sp => sp.GetRequiredService<Treasury>().DepositAsync(s.Group, member, 100, null, s.Members[0].UserId, Guid.NewGuid()))).Duplicate);
    }

    [Fact]
    public async Task Referents_add_and_remove_members_and_friend_households_and_a_member_with_credit_or_open_bookings_stays()
    {
        var s = await SetupAsync(2);
        var network = s.Group.NetworkId;
        var comune = await factory.WithDbAsync(db => db.Comuni.Where(c => c.NetworkId == network).Select(c => c.Id).FirstAsync());
        var email = $"amica{Guid.NewGuid():N}@test.it";
        await factory.WithDbAsync(async db => { TestFamilies.AddHousehold(db, network, comune, email, DateTime.UtcNow); return await db.SaveChangesAsync(); });
        var people = (IServiceProvider sp) => sp.GetRequiredService<GroupPeople>();
        Assert.Equal("Email", (await WithAsync(sp => people(sp).AddMemberAsync(s.Group, "nessuno@test.it", "X", null))).Field);
        Assert.Equal("SponsorId", (await WithAsync(sp => people(sp).AddMemberAsync(s.Group, email, "Famiglia Amica", Guid.NewGuid()))).Field);
        Assert.True((await WithAsync(sp => people(sp).AddMemberAsync(s.Group, email, "Famiglia Amica", s.Members[0].Id))).Ok);
        Assert.False((await WithAsync(sp => people(sp).AddMemberAsync(s.Group, email, "Famiglia Amica", null))).Ok);
        var friend = await factory.WithDbAsync(db => db.GafMembers.AsNoTracking().FirstAsync(m => m.GroupId == s.Group.Id && m.SponsorMemberId == s.Members[0].Id));

        // The sponsor books for the friend: the booking is the friend's.
        var c = await CycleAsync(s);
        Assert.Equal(Bookings.Outcome.Saved, (await BookAsync(s, c, friend, ("PASTA", 2000))).Outcome);
        Assert.True(await factory.WithDbAsync(db => db.GafBookings.AnyAsync(b => b.CycleId == c.Id && b.MemberId == friend.Id)));
        // A sponsor with a friend under it, a member with an open booking, a member with credit: none can leave.
        Assert.Contains("famiglie amiche", (await WithAsync(sp => people(sp).RemoveMemberAsync(s.Group, s.Members[0].Id))).Error);
        Assert.Contains("non ancora saldato", (await WithAsync(sp => people(sp).RemoveMemberAsync(s.Group, friend.Id))).Error);
        await WithAsync(sp => sp.GetRequiredService<Treasury>().DepositAsync(s.Group, s.Members[1].Id, 1000, null, s.Members[0].UserId));
        Assert.Contains("saldo", (await WithAsync(sp => people(sp).RemoveMemberAsync(s.Group, s.Members[1].Id))).Error);
        // Once the booking is gone the friend leaves (twice at once: once), and can be brought back.
        Assert.Equal(Bookings.Outcome.Removed, (await BookAsync(s, c, friend)).Outcome);
        var removals = await TogetherAsync(3, () => WithAsync(sp => people(sp).RemoveMemberAsync(s.Group, friend.Id)));
        Assert.Single(removals, r => r.Ok);
        Assert.DoesNotContain(await WithAsync(sp => people(sp).MembersAsync(s.Group.Id)), m => m.Id == friend.Id);
        Assert.True((await WithAsync(sp => people(sp).AddMemberAsync(s.Group, email, "Famiglia Amica", null))).Ok);
        Assert.Contains(await WithAsync(sp => people(sp).MembersAsync(s.Group.Id)), m => m.Id == friend.Id && m.SponsorId == null);

        // Referents: added by e-mail, the last one stays.
        var u0 = await factory.WithDbAsync(db => db.Users.Where(u => u.Id == s.Members[0].UserId).Select(u => u.Email!).FirstAsync());
        var u1 = await factory.WithDbAsync(db => db.Users.Where(u => u.Id == s.Members[1].UserId).Select(u => u.Email!).FirstAsync());
        await factory.WithDbAsync(db => db.Users.Where(u => u.Email == u0 || u.Email == u1).ExecuteUpdateAsync(x => x.SetProperty(u => u.NormalizedEmail, u => u.Email!.ToUpper())));
        Assert.True((await WithAsync(sp => people(sp).AddReferentAsync(s.Group, u0, treasurer: true))).Ok);
        Assert.False((await WithAsync(sp => people(sp).AddReferentAsync(s.Group, u0, treasurer: false))).Ok);
        Assert.Contains("almeno un referente", (await WithAsync(sp => people(sp).RemoveReferentAsync(s.Group, s.Members[0].UserId))).Error);
        Assert.True((await WithAsync(sp => people(sp).AddReferentAsync(s.Group, u1, treasurer: false))).Ok);
        Assert.True((await WithAsync(sp => people(sp).RemoveReferentAsync(s.Group, s.Members[0].UserId))).Ok);
        Assert.Equal(new[] { s.Members[1].UserId }, (await WithAsync(sp => people(sp).ReferentsAsync(s.Group.Id))).Select(r => r.UserId));
    }

    [Fact]
    public async Task The_coordinators_figures_and_the_bound_plan_metrics_count_delivered_orders_their_value_families_and_local_suppliers()
    {
        var network = await factory.WithDbAsync(db => db.Networks.Where(n => n.Slug == "lucca").Select(n => n.Id).FirstAsync());
        var partner = Guid.NewGuid();
        await factory.WithDbAsync(async db =>
        {
            var name = "Cascina locale " + partner.ToString("N")[..6];
            db.Partners.Add(new Partner { Id = partner, NetworkId = network, Name = name, NameKey = name.ToLowerInvariant(), Kind = PartnerKind.Business, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        var s = await SetupAsync(3, partnerId: partner);
        var day = new DateOnly(2031, 3, 1); // a month no other test delivers in
        var from = day; var to = day.AddMonths(1).AddDays(-1);
        var figures = (IServiceProvider sp) => sp.GetRequiredService<PurchasingFigures>();
        var before = await WithAsync(sp => figures(sp).CountsAsync(network, null, from, to));
        var c = await CycleAsync(s);
        Assert.Equal(Bookings.Outcome.Saved, (await BookAsync(s, c, s.Members[0], ("PASTA", 4000))).Outcome);
        Assert.Equal(Bookings.Outcome.Saved, (await BookAsync(s, c, s.Members[1], ("PASTA", 2000))).Outcome);
        await factory.WithDbAsync(db => db.GafCycles.Where(x => x.Id == c.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, CycleStatus.Delivered).SetProperty(x => x.DeliveryOn, day.AddDays(9))));
        await WithAsync(sp => sp.GetRequiredService<Cycles>().SettleAsync(c, null));
        var after = await WithAsync(sp => figures(sp).CountsAsync(network, null, from, to));
        Assert.Equal((1L, 1500L, 2L, 1L), (after.Orders - before.Orders, after.ValueCents - before.ValueCents, after.Households - before.Households, after.LocalSuppliers - before.LocalSuppliers));
        var month = Assert.Single(await WithAsync(sp => figures(sp).MonthsAsync(network, null, from, to)), m => m.MonthNumber == 3);
        Assert.True(month.Orders >= 1 && month.ValueCents >= 1500);
        var values = (IServiceProvider sp) => sp.GetRequiredService<Alleanza.Web.Modules.Network.Plan.IndicatorValues>();
        var period = new Alleanza.Web.Modules.Network.Plan.PlanPeriod(from, to);
        Assert.True(await WithAsync(sp => values(sp).ComputeAsync(network, null, Alleanza.Web.Modules.Network.Plan.IndicatorMetric.GafOrders, null, period)) >= 1);
        Assert.True(await WithAsync(sp => values(sp).ComputeAsync(network, null, Alleanza.Web.Modules.Network.Plan.IndicatorMetric.GafValueEuro, null, period)) >= 15);
        Assert.True(await WithAsync(sp => values(sp).ComputeAsync(network, null, Alleanza.Web.Modules.Network.Plan.IndicatorMetric.GafFamilies, null, period)) >= 2);
        Assert.True(await WithAsync(sp => values(sp).ComputeAsync(network, null, Alleanza.Web.Modules.Network.Plan.IndicatorMetric.GafLocalSuppliers, null, period)) >= 1);
        // Outside the period: nothing of it.
        var empty = await WithAsync(sp => figures(sp).CountsAsync(network, null, new DateOnly(2031, 5, 1), new DateOnly(2031, 5, 31)));
        Assert.Equal(0, empty.Orders);
    }
}
