using System.Net;
using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Modules.FamilyCard;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Tests.FamilyCard;

/// <summary>The merchant side of the Family Card: shops, offers, moderation, reciprocity and the public page.</summary>
public class MerchantTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    static readonly DateOnly Today = RomeDate.Today;
    static string Day(DateOnly d) => d.ToString("yyyy-MM-dd");

    Task<Guid> NetworkAsync(string slug) => factory.WithDbAsync(db => db.Networks.Where(n => n.Slug == slug).Select(n => n.Id).FirstAsync());
    Task<Guid> ComuneAsync(string name) => factory.WithDbAsync(db => db.Comuni.Where(c => c.Name == name).Select(c => c.Id).FirstAsync());

    async Task<TestClient> MerchantAsync(string slug = "portogruaro")
    {
        var client = factory.NewClient();
        await client.SignInOrFailAsync($"esercente@{slug}.demo");
        await client.ChooseNetworkAsync(slug);
        return client;
    }

    async Task<TestClient> CoordinatorAsync(string slug = "portogruaro")
    {
        var client = factory.NewClient();
        await client.AsCoordinatorOfAsync(slug);
        return client;
    }

    async Task<TestClient> VisitorAsync()
    {
        var client = factory.NewClient();
        await client.ChooseNetworkAsync("portogruaro");
        return client;
    }

    static List<string> ShopNames(TestClient.Page page) => page.Document.QuerySelectorAll("#negozi [itemprop=name]").Select(e => e.TextContent.Trim()).ToList();

    async Task<Guid> CreateShopAsync(TestClient merchant, string name, Dictionary<string, string?>? extra = null)
    {
        var form = await merchant.GetAsync("/esercente/negozi/nuovo");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        var values = new Dictionary<string, string?>
        {
            ["Input.Name"] = name, ["Input.Category"] = nameof(ShopCategory.Toys), ["Input.Address"] = "Via Martiri 12",
            ["Input.ComuneId"] = (await ComuneAsync("Portogruaro")).ToString(), ["Input.Latitude"] = "45,7781", ["Input.Longitude"] = "12.8402",
            ["Input.OpeningHours"] = "Lunedì–sabato 9–19", ["Input.Phone"] = "0421 123456",
        };
        foreach (var (k, v) in extra ?? []) values[k] = v;
        var created = await merchant.SubmitAsync(form, values, "main form");
        Assert.True(created.Status == HttpStatusCode.Redirect, string.Join(" | ", created.Errors));
        return Guid.Parse(created.Location!.Split('/').Last());
    }

    async Task<Guid> CreateOfferAsync(TestClient merchant, string title, Dictionary<string, string?>? extra = null)
    {
        var form = await merchant.GetAsync("/esercente/convenzioni/nuova");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        var values = new Dictionary<string, string?>
        {
            ["Input.Title"] = title, ["Input.Kind"] = nameof(DiscountKind.Percent), ["Input.Percent"] = "12,5",
            ["Input.Description"] = "Sconto su tutti i giochi da tavolo.", ["Input.Conditions"] = "Non cumulabile.",
            ["Input.ValidFrom"] = Day(Today.AddDays(-2)), ["Input.ValidUntil"] = Day(Today.AddDays(60)),
        };
        foreach (var (k, v) in extra ?? []) values[k] = v;
        var created = await merchant.SubmitAsync(form, values, "main form");
        Assert.True(created.Status == HttpStatusCode.Redirect, string.Join(" | ", created.Errors));
        return Guid.Parse(created.Location!.Split('/').Last());
    }

    static Task<TestClient.Page> SubmitForApprovalAsync(TestClient merchant, TestClient.Page page) =>
        merchant.SubmitAsync(page, new Dictionary<string, string?>(), "form[action$='handler=Submit']", follow: true);

    [Fact]
    public async Task Merchant_adds_a_shop_and_an_offer_the_coordinator_approves_and_families_see_it()
    {
        var merchant = await MerchantAsync();
        var shop = await CreateShopAsync(merchant, "Ludoteca Il Trenino");
        var brianza = await NetworkAsync("brianza");
        var offer = await CreateOfferAsync(merchant, "12,5% sui giochi da tavolo", new() { ["Input.AcceptedNetworkIds"] = brianza.ToString() });

        var shopPage = await merchant.GetAsync($"/esercente/negozi/{shop}");
        Assert.Equal("Portogruaro", shopPage.Document.QuerySelector("select[name='Input.ComuneId'] option[selected]")?.TextContent);
        Assert.Equal("Via Martiri 12", shopPage.Document.QuerySelector("#Input_Address")?.GetAttribute("value"));

        var home = await merchant.GetAsync("/esercente");
        Assert.Contains("Ludoteca Il Trenino", home.Text);
        Assert.Contains("12,5% sui giochi da tavolo", home.Text);
        Assert.Contains("Bozza", home.Text);
        Assert.NotNull(home.Document.QuerySelector("a[href='/esercente/verifica']"));

        var visitor = await VisitorAsync();
        Assert.DoesNotContain("12,5% sui giochi da tavolo", (await visitor.GetAsync("/carta-famiglia?q=trenino")).Text); // a draft is not public

        var submitted = await SubmitForApprovalAsync(merchant, await merchant.GetAsync($"/esercente/convenzioni/{offer}"));
        Assert.Contains("Inviata al coordinatore", submitted.Text);
        Assert.Contains("In approvazione", submitted.Text);

        var coordinator = await CoordinatorAsync();
        var queue = await coordinator.GetAsync("/gestione/carta-famiglia/convenzioni");
        Assert.Contains("12,5% sui giochi da tavolo", queue.Text);
        var approved = await coordinator.SubmitAsync(queue, new Dictionary<string, string?>(), $"form[action*='{offer}']", follow: true);
        Assert.Contains("approvata e pubblicata", approved.Text);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "offer.publish" && a.EntityId == offer.ToString())));

        var list = await visitor.GetAsync("/carta-famiglia?q=trenino");
        Assert.Equal(["Ludoteca Il Trenino"], ShopNames(list));
        Assert.Contains("Sconto del 12,5%", list.Text);
        Assert.Contains("accetta anche le carte di: Rete dei Comuni amici della famiglia — Brianza", list.Text);
        Assert.Contains(shop.ToString(), list.Document.QuerySelector("[data-points]")!.GetAttribute("data-points"));

        var detail = await visitor.GetAsync($"/carta-famiglia/negozi/{shop}");
        Assert.Equal(HttpStatusCode.OK, detail.Status);
        Assert.Contains("Via Martiri 12, Portogruaro", detail.Text);
        Assert.Contains("Lunedì–sabato 9–19", detail.Text);
        Assert.Contains("12,5% sui giochi da tavolo", detail.Text);
        Assert.Contains("Non cumulabile.", detail.Text);
        Assert.Contains("Rete dei Comuni amici della famiglia — Brianza", detail.Document.QuerySelector("#offerte")!.TextContent);

        // Editing a published offer sends it back for approval: it leaves the public page until approved again.
        var edit = await merchant.GetAsync($"/esercente/convenzioni/{offer}");
        var saved = await merchant.SubmitAsync(edit, new Dictionary<string, string?> { ["Input.Percent"] = "15" }, "main form:not([action])", follow: true);
        Assert.Contains("torna al coordinatore", saved.Text);
        Assert.DoesNotContain("giochi da tavolo", (await visitor.GetAsync($"/carta-famiglia/negozi/{shop}")).Text);
        Assert.Contains("12,5% sui giochi da tavolo", (await coordinator.GetAsync("/gestione/carta-famiglia/convenzioni")).Text);

        // Withdrawn by the merchant: not in the queue any more.
        await merchant.SubmitAsync(await merchant.GetAsync($"/esercente/convenzioni/{offer}"), new Dictionary<string, string?>(), "form[action$='handler=Withdraw']");
        Assert.Equal(OfferStatus.Withdrawn, await factory.WithDbAsync(db => db.Offers.Where(o => o.Id == offer).Select(o => o.Status).FirstAsync()));
        Assert.DoesNotContain("12,5% sui giochi da tavolo", (await coordinator.GetAsync("/gestione/carta-famiglia/convenzioni")).Text);
    }

    [Fact]
    public async Task Coordinator_sends_an_offer_back_with_a_reason_the_merchant_reads()
    {
        var merchant = await MerchantAsync();
        var offer = await CreateOfferAsync(merchant, "Buono regalo per i nuovi nati", new() { ["Input.Kind"] = nameof(DiscountKind.Fixed), ["Input.Amount"] = "10,00" });
        await SubmitForApprovalAsync(merchant, await merchant.GetAsync($"/esercente/convenzioni/{offer}"));

        var coordinator = await CoordinatorAsync();
        var review = await coordinator.GetAsync($"/gestione/carta-famiglia/convenzioni/{offer}");
        Assert.Contains("10,00 € di sconto", review.Text);
        var empty = await coordinator.SubmitAsync(review, new Dictionary<string, string?> { ["Reason"] = "" }, "form[action$='handler=Reject']");
        Assert.Equal(HttpStatusCode.OK, empty.Status);
        Assert.Contains("Scrivi perché la rimandi: l'esercente leggerà la motivazione.", empty.Errors);
        var sent = await coordinator.SubmitAsync(review, new Dictionary<string, string?> { ["Reason"] = "Indica una spesa minima nelle condizioni." }, "form[action$='handler=Reject']");
        Assert.Equal(HttpStatusCode.Redirect, sent.Status);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "offer.reject" && a.EntityId == offer.ToString())));

        var back = await merchant.GetAsync($"/esercente/convenzioni/{offer}");
        Assert.Contains("Indica una spesa minima nelle condizioni.", back.Text);
        Assert.Contains("Da rivedere", back.Text);
        Assert.Contains("Indica una spesa minima nelle condizioni.", (await merchant.GetAsync("/esercente")).Text);
        var again = await SubmitForApprovalAsync(merchant, back); // it can be sent again
        Assert.Contains("In approvazione", again.Text);
    }

    [Fact]
    public async Task Forms_refuse_bad_input_with_Italian_messages()
    {
        var merchant = await MerchantAsync();
        var offerForm = await merchant.GetAsync("/esercente/convenzioni/nuova");
        var bad = await merchant.SubmitAsync(offerForm, new Dictionary<string, string?>
        {
            ["Input.Title"] = "Sconto", ["Input.Kind"] = nameof(DiscountKind.Percent), ["Input.Percent"] = "150",
            ["Input.ValidFrom"] = Day(Today.AddDays(10)), ["Input.ValidUntil"] = Day(Today),
        }, "main form");
        Assert.Equal(HttpStatusCode.OK, bad.Status);
        Assert.Contains("La percentuale di sconto deve essere maggiore di 0 e al massimo 100.", bad.Errors);
        Assert.Contains("La data di fine validità non può essere prima di quella di inizio.", bad.Errors);

        var zero = await merchant.SubmitAsync(offerForm, new Dictionary<string, string?> { ["Input.Title"] = "Sconto fisso", ["Input.Kind"] = nameof(DiscountKind.Fixed), ["Input.Amount"] = "0" }, "main form");
        Assert.Contains("L'importo dello sconto deve essere maggiore di 0 (e al massimo 100.000 €).", zero.Errors);
        var junk = await merchant.SubmitAsync(offerForm, new Dictionary<string, string?> { ["Input.Title"] = "Sconto", ["Input.Kind"] = "Regalo", ["Input.Percent"] = "tanto", ["Input.ValidFrom"] = "ieri" }, "main form");
        Assert.Equal(HttpStatusCode.OK, junk.Status);
        Assert.Contains("«tanto» non è un numero: scrivi per esempio 12,50.", junk.Errors);
        var text = await merchant.SubmitAsync(offerForm, new Dictionary<string, string?> { ["Input.Title"] = "Omaggio", ["Input.Kind"] = nameof(DiscountKind.Text), ["Input.Description"] = "" }, "main form");
        Assert.Contains("Descrivi l'agevolazione che offri.", text.Errors);

        var shopForm = await merchant.GetAsync("/esercente/negozi/nuovo");
        var noComune = await merchant.SubmitAsync(shopForm, new Dictionary<string, string?>
        {
            ["Input.Name"] = "Negozio senza Comune", ["Input.Category"] = nameof(ShopCategory.Books), ["Input.Address"] = "Via Roma 1", ["Input.ComuneId"] = "",
            ["Input.Latitude"] = "45.77", ["Input.Phone"] = "chiamami",
        }, "main form");
        Assert.Equal(HttpStatusCode.OK, noComune.Status);
        Assert.Contains("Scegli il Comune del negozio.", noComune.Errors);
        Assert.Contains("Inserisci un numero di telefono valido (cifre, spazi, + e trattini).", noComune.Errors);
        var lucca = await ComuneAsync("Lucca");
        var foreign = await merchant.SubmitAsync(shopForm, new Dictionary<string, string?>
        {
            ["Input.Name"] = "Negozio altrove", ["Input.Category"] = nameof(ShopCategory.Books), ["Input.Address"] = "Via Roma 1", ["Input.ComuneId"] = lucca.ToString(), ["Input.Latitude"] = "45.77",
        }, "main form");
        Assert.Contains("Scegli un Comune dall'elenco della rete.", foreign.Errors);
        Assert.Contains("Indica sia la latitudine sia la longitudine, oppure nessuna delle due.", foreign.Errors);
        Assert.False(await factory.WithDbAsync(db => db.Shops.AnyAsync(s => s.Name == "Negozio senza Comune" || s.Name == "Negozio altrove")));
    }

    [Fact]
    public async Task A_merchant_cannot_open_another_merchants_shop_or_offer()
    {
        var stationer = await factory.WithDbAsync(db => db.Partners.Where(p => p.Name == "Cartoleria Il Quaderno").Select(p => p.Id).FirstAsync());
        var portogruaro = await NetworkAsync("portogruaro");
        var otherShop = await factory.WithDbAsync(db => db.Shops.Where(s => s.NetworkId == portogruaro && s.PartnerId != stationer).Select(s => s.Id).FirstAsync());
        var otherOffer = await factory.WithDbAsync(db => db.Offers.Where(o => o.NetworkId == portogruaro && o.PartnerId != stationer).Select(o => o.Id).FirstAsync());
        var brianzaShop = await factory.WithDbAsync(db => db.Shops.Where(s => s.NetworkId != portogruaro).Select(s => s.Id).FirstAsync());
        var ownShop = await factory.WithDbAsync(db => db.Shops.Where(s => s.PartnerId == stationer).Select(s => s.Id).FirstAsync());

        var merchant = await MerchantAsync();
        Assert.Equal(HttpStatusCode.OK, (await merchant.GetAsync($"/esercente/negozi/{ownShop}")).Status);
        foreach (var url in new[] { $"/esercente/negozi/{otherShop}", $"/esercente/negozi/{otherShop}/elimina", $"/esercente/convenzioni/{otherOffer}", $"/esercente/negozi/{brianzaShop}" })
            Assert.Equal(HttpStatusCode.NotFound, (await merchant.GetAsync(url)).Status);
        // Posting to someone else's shop does nothing either.
        var own = await merchant.GetAsync($"/esercente/negozi/{ownShop}");
        var token = own.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value");
        var post = await merchant.Http.PostAsync($"/esercente/negozi/{otherShop}/elimina", new FormUrlEncodedContent([new("__RequestVerificationToken", token!)]));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.Shops.AnyAsync(s => s.Id == otherShop)));

        // The other network's merchant cannot see Portogruaro's shops from Brianza.
        var brianzaMerchant = await MerchantAsync("brianza");
        Assert.Equal(HttpStatusCode.NotFound, (await brianzaMerchant.GetAsync($"/esercente/negozi/{ownShop}")).Status);
    }

    [Fact]
    public async Task Merchant_deletes_a_shop_through_a_confirmation_page()
    {
        var merchant = await MerchantAsync();
        var shop = await CreateShopAsync(merchant, "Chiosco da chiudere", new() { ["Input.Latitude"] = "", ["Input.Longitude"] = "" });
        var confirm = await merchant.GetAsync($"/esercente/negozi/{shop}/elimina");
        Assert.Contains("Eliminare il negozio «Chiosco da chiudere»?", confirm.Text);
        var deleted = await merchant.SubmitAsync(confirm, new Dictionary<string, string?>(), "main form", follow: true);
        Assert.Contains("eliminato", deleted.Text);
        Assert.Equal(HttpStatusCode.NotFound, (await merchant.GetAsync($"/esercente/negozi/{shop}")).Status);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "shop.delete" && a.EntityId == shop.ToString())));
    }

    [Fact]
    public async Task Offers_accept_only_networks_in_mutual_reciprocity()
    {
        var merchant = await MerchantAsync();
        var brianza = await NetworkAsync("brianza");
        var lucca = await NetworkAsync("lucca");
        var form = await merchant.GetAsync("/esercente/convenzioni/nuova");
        var choices = form.Document.QuerySelectorAll("input[name='Input.AcceptedNetworkIds']").Select(e => e.GetAttribute("value")).ToList();
        Assert.Equal([brianza.ToString()], choices);
        var refused = await merchant.SubmitAsync(form, new Dictionary<string, string?>
        {
            ["Input.Title"] = "Sconto per tutti", ["Input.Kind"] = nameof(DiscountKind.Percent), ["Input.Percent"] = "5", ["Input.AcceptedNetworkIds"] = TestClient.Many(brianza, lucca),
        }, "main form");
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("Puoi scegliere solo le reti che hanno un accordo di reciprocità con questa rete.", refused.Errors);

        // Brianza withdraws: the agreement is one-sided, so Portogruaro's offers can no longer accept Brianza's cards.
        var brianzaCoordinator = await CoordinatorAsync("brianza");
        var page = await brianzaCoordinator.GetAsync("/gestione/carta-famiglia/reciprocita");
        var portogruaro = await NetworkAsync("portogruaro");
        await brianzaCoordinator.SubmitAsync(page, new Dictionary<string, string?>(), $"form[action*='handler=Withdraw'][action*='{portogruaro}']");
        try
        {
            var coordinator = await CoordinatorAsync();
            var ours = await coordinator.GetAsync("/gestione/carta-famiglia/reciprocita");
            var row = ours.Document.QuerySelectorAll("#reciprocita tbody tr").First(r => r.TextContent.Contains("Brianza"));
            Assert.Contains("aspetta l'altra rete", row.TextContent);
            Assert.Empty((await merchant.GetAsync("/esercente/convenzioni/nuova")).Document.QuerySelectorAll("input[name='Input.AcceptedNetworkIds']"));
            var visitor = await VisitorAsync();
            Assert.DoesNotContain("accetta anche le carte di", (await visitor.GetAsync("/carta-famiglia")).Text);
        }
        finally
        {
            var again = await brianzaCoordinator.GetAsync("/gestione/carta-famiglia/reciprocita");
            await brianzaCoordinator.SubmitAsync(again, new Dictionary<string, string?>(), $"form[action*='handler=Agree'][action*='{portogruaro}']");
        }
        Assert.Single((await merchant.GetAsync("/esercente/convenzioni/nuova")).Document.QuerySelectorAll("input[name='Input.AcceptedNetworkIds']"));
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "reciprocity.withdraw" && a.NetworkId == brianza)));
    }

    [Fact]
    public async Task Public_page_filters_by_category_and_Comune_and_searches_names_without_accents()
    {
        var visitor = await VisitorAsync();
        var all = await visitor.GetAsync("/carta-famiglia");
        Assert.Equal(HttpStatusCode.OK, all.Status);
        Assert.Contains("Chi può averla", all.Text);
        Assert.Contains("sotto i 18 anni", all.Document.QuerySelector("#requisiti")!.TextContent);
        Assert.NotNull(all.Document.QuerySelector("a[href='/carta-famiglia/domanda']"));
        var names = ShopNames(all);
        Assert.Contains(names, n => n.StartsWith("Cartoleria Il Quaderno"));
        // The stationer's offer waiting for approval is not shown.
        Assert.DoesNotContain("Zaino nuovo", all.Text);

        var search = ShopNames(await visitor.GetAsync("/carta-famiglia?q=QUADÈRNO"));
        Assert.NotEmpty(search);
        Assert.All(search, n => Assert.StartsWith("Cartoleria Il Quaderno", n));

        var books = await visitor.GetAsync("/carta-famiglia?categoria=libri-scuola");
        Assert.Contains(ShopNames(books), n => n.StartsWith("Cartoleria Il Quaderno"));
        Assert.All(books.Document.QuerySelectorAll("#negozi .badge"), b => Assert.Equal("Libri, cartoleria, scuola", b.TextContent.Trim()));

        var portogruaro = await ComuneAsync("Portogruaro");
        var here = await visitor.GetAsync($"/carta-famiglia?comune={portogruaro}");
        Assert.NotEmpty(ShopNames(here));
        Assert.All(here.Document.QuerySelectorAll("#negozi [itemprop=address]"), a => Assert.EndsWith(", Portogruaro", a.TextContent.Trim()));

        Assert.Contains("Nessun negozio", (await visitor.GetAsync("/carta-famiglia?q=astronave")).Text);
        var bad = await visitor.GetAsync("/carta-famiglia?categoria=astronavi&comune=nessuno&pagina=zero");
        Assert.Equal(HttpStatusCode.OK, bad.Status);
        Assert.Contains("filtro ignorato", bad.Text);
        Assert.Equal(names.Count, ShopNames(bad).Count);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/carta-famiglia/negozi/{Guid.NewGuid()}")).Status);
    }
}
