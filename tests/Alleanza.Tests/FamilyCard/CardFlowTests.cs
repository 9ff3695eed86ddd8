using Alleanza.Web.Modules.Families;
using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Modules.FamilyCard;
using Alleanza.Web.Platform.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Alleanza.Tests.FamilyCard;

/// <summary>
/// The family's side and the counter, through HTTP: household, application, the officer's decision, the card
/// activated on a (simulated) phone, verification outcomes, idempotent recording, replay, revocation, reciprocity.
/// </summary>
public class CardFlowTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    const string Password = "famiglia-2026";

    Task<Guid> ComuneAsync(string name) => factory.WithDbAsync(db => db.Comuni.Where(c => c.Name == name).Select(c => c.Id).FirstAsync());

    async Task<(TestClient Client, string Email)> NewFamilyAsync(string network = "portogruaro")
    {
        var email = $"fam-{Guid.NewGuid():N}@esempio.it";
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.True((await users.CreateAsync(new AppUser { Id = Guid.NewGuid(), UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Famiglia", CreatedAt = DateTime.UtcNow }, Password)).Succeeded);
        }
        var client = factory.NewClient();
        await client.SignInOrFailAsync(email, Password);
        await client.ChooseNetworkAsync(network);
        return (client, email);
    }

    static async Task RegisterHouseholdAsync(TestClient family, Guid comune, string surname, params (string Role, string Name, string Born)[] members)
    {
        var page = await family.GetAsync("/carta-famiglia/nucleo");
        var saved = await family.SubmitAsync(page, new Dictionary<string, string?> { ["Basics.ComuneId"] = comune.ToString(), ["Basics.Consent"] = "true" }, "form[action*='handler=Basics']");
        Assert.True(saved.Status == HttpStatusCode.Redirect, string.Join(" | ", saved.Errors));
        foreach (var (role, name, born) in members)
        {
            page = await family.GetAsync("/carta-famiglia/nucleo");
            var added = await family.SubmitAsync(page, new Dictionary<string, string?>
                { ["Member.Role"] = role, ["Member.FirstName"] = name, ["Member.LastName"] = surname, ["Member.BirthDate"] = born }, "form[action*='handler=Member']");
            Assert.True(added.Status == HttpStatusCode.Redirect, string.Join(" | ", added.Errors));
        }
    }

    async Task<TestClient> OfficerAsync()
    {
        var officer = factory.NewClient();
        await officer.SignInOrFailAsync("comune@portogruaro.demo");
        await officer.ChooseNetworkAsync("portogruaro");
        return officer;
    }

    [Fact]
    public async Task A_family_applies_the_officer_of_its_Comune_approves_and_each_adult_gets_a_card()
    {
        var (family, email) = await NewFamilyAsync();
        var surname = "Zanette" + Guid.NewGuid().ToString("N")[..6];
        await RegisterHouseholdAsync(family, await ComuneAsync("Portogruaro"), surname, ("Adult", "Anna", "1985-03-02"), ("Adult", "Piero", "1983-07-19"), ("Child", "Lia", "2018-05-10"));

        var hub = await family.GetAsync("/carta-famiglia/domanda");
        Assert.Contains("Il nucleo ha i requisiti", hub.Text);
        Assert.Contains("Figli sotto i 18 anni: 1.", hub.Text);
        var applied = await family.SubmitAsync(hub, new Dictionary<string, string?> { ["Form.ResidenceAddress"] = "Via Roma 12" }, "form[action*='handler=Apply']", follow: true);
        Assert.Contains("In attesa di decisione", applied.Text);
        var again = await family.Http.PostAsync("/carta-famiglia/domanda?handler=Apply", new FormUrlEncodedContent([new("__RequestVerificationToken", applied.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!)]));
        Assert.Contains("già una domanda in attesa", WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()));

        var officer = await OfficerAsync();
        var queue = await officer.GetAsync($"/gestione/carta-famiglia/domande?q={surname}");
        var link = queue.Document.QuerySelector($"a[href^='/gestione/carta-famiglia/domande/']")!.GetAttribute("href")!;
        var detail = await officer.GetAsync(link);
        Assert.Contains("Lia " + surname, detail.Text);
        var noReason = await officer.SubmitAsync(detail, new Dictionary<string, string?> { ["Reason"] = " " }, "form[action*='handler=Reject']");
        Assert.Contains("Scrivete il motivo del rifiuto", noReason.Text);
        var approved = await officer.SubmitAsync(detail, new Dictionary<string, string?>(), "form[action*='handler=Approve']");
        Assert.Equal(HttpStatusCode.Redirect, approved.Status);

        var mail = await Mailbox.WaitForAsync(email, "La vostra Carta Famiglia è pronta");
        Assert.Contains("2 carte emesse", mail.Text);
        var cards = await factory.WithDbAsync(db => db.Cards.Where(c => c.HolderLastName == surname).ToListAsync());
        Assert.Equal(2, cards.Count);
        Assert.All(cards, c => Assert.Equal(new DateTime(2036, 5, 9, 22, 0, 0, DateTimeKind.Utc), c.ValidUntil)); // midnight in Rome on Lia's 18th birthday
        Assert.Equal(2, cards.Select(c => c.Number).Distinct().Count());

        hub = await family.GetAsync("/carta-famiglia/domanda");
        Assert.Contains("Anna " + surname, hub.Text);
        Assert.Contains("Approvata", hub.Text);
        var view = await family.GetAsync($"/carta-famiglia/carte/{cards[0].Id}");
        Assert.Equal(HttpStatusCode.OK, view.Status);
        Assert.Contains(cards[0].Number, view.Text);
        var pdf = await family.Http.GetAsync($"/carta-famiglia/carte/{cards[0].Id}/stampa");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(bytes, 0, 5));
        Assert.True(bytes.Length > 2000);

        // Another family sees neither the card nor its printout.
        var (stranger, _) = await NewFamilyAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/carta-famiglia/carte/{cards[0].Id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync($"/carta-famiglia/carte/{cards[0].Id}/stampa")).StatusCode);
    }

    [Fact]
    public async Task A_household_without_children_sees_why_and_cannot_apply_and_officers_see_only_their_Comune()
    {
        var (family, _) = await NewFamilyAsync();
        await RegisterHouseholdAsync(family, await ComuneAsync("Caorle"), "Solo", ("Adult", "Ugo", "1970-01-01"));
        var hub = await family.GetAsync("/carta-famiglia/domanda");
        Assert.Contains("non ha ancora i requisiti", hub.Text);
        Assert.Contains("non ci sono figli sotto i 18 anni", hub.Text);
        Assert.Empty(hub.Document.QuerySelectorAll("form[action*='handler=Apply']"));

        // A family in Caorle applying: the Portogruaro officer does not see it; the coordinator does.
        var (other, _) = await NewFamilyAsync();
        var surname = "Caorlotto" + Guid.NewGuid().ToString("N")[..6];
        await RegisterHouseholdAsync(other, await ComuneAsync("Caorle"), surname, ("Adult", "Rita", "1990-01-01"), ("Child", "Ivo", "2020-01-01"));
        var page = await other.GetAsync("/carta-famiglia/domanda");
        await other.SubmitAsync(page, new Dictionary<string, string?> { ["Form.ResidenceAddress"] = "Via Roma 12" }, "form[action*='handler=Apply']");
        var id = await factory.WithDbAsync(db => db.CardApplications.Where(a => db.HouseholdMembers.Any(m => m.HouseholdId == a.HouseholdId && m.LastName == surname)).Select(a => a.Id).FirstAsync());
        var officer = await OfficerAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/gestione/carta-famiglia/domande/{id}")).Status);
        Assert.DoesNotContain(surname, (await officer.GetAsync($"/gestione/carta-famiglia/domande?q={surname}")).Text);
        var coordinator = factory.NewClient();
        await coordinator.AsCoordinatorOfAsync("portogruaro");
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/gestione/carta-famiglia/domande/{id}")).Status);
        var caorle = await ComuneAsync("Caorle");
        Assert.Contains(surname, (await coordinator.GetAsync($"/gestione/carta-famiglia/domande?comune={caorle}&q={surname}")).Text);
        Assert.DoesNotContain(surname, (await coordinator.GetAsync($"/gestione/carta-famiglia/domande?comune={await ComuneAsync("Gruaro")}&q={surname}")).Text);

        // The coordinator moves the officer to Caorle: now the officer decides it; then back to Portogruaro.
        var membership = await factory.WithDbAsync(db => db.Memberships.Where(m => m.User!.Email == "comune@portogruaro.demo").Select(m => m.Id).FirstAsync());
        async Task MoveOfficerAsync(Guid comune)
        {
            var people = await coordinator.GetAsync("/gestione/persone");
            var saved = await coordinator.SubmitAsync(people, new Dictionary<string, string?> { ["comuneId"] = comune.ToString() }, $"form[action*='handler=Comune'][action*='{membership}']");
            Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        }
        await MoveOfficerAsync(caorle);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/gestione/carta-famiglia/domande/{id}")).Status);
        Assert.Contains("selected", (await coordinator.GetAsync("/gestione/persone")).Document.QuerySelector($"#comune-{membership} option[value='{caorle}']")!.OuterHtml);
        await MoveOfficerAsync(await ComuneAsync("Portogruaro"));
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/gestione/carta-famiglia/domande/{id}")).Status);
    }

    [Fact]
    public async Task Household_form_explains_bad_input_in_Italian()
    {
        var (family, _) = await NewFamilyAsync();
        var page = await family.GetAsync("/carta-famiglia/nucleo");
        var refused = await family.SubmitAsync(page, new Dictionary<string, string?> { ["Basics.ComuneId"] = Guid.NewGuid().ToString(), ["Basics.IseeBand"] = "UpTo20000" }, "form[action*='handler=Basics']");
        Assert.Contains("Scegliete il Comune di residenza", refused.Text);
        Assert.Contains("Indicate la data dell'attestazione ISEE", refused.Text);
        Assert.Contains("serve il consenso", refused.Text);
        await RegisterHouseholdAsync(family, await ComuneAsync("Gruaro"), "Prova");
        page = await family.GetAsync("/carta-famiglia/nucleo");
        var future = await family.SubmitAsync(page, new Dictionary<string, string?>
            { ["Member.Role"] = "Adult", ["Member.FirstName"] = "", ["Member.LastName"] = "Prova", ["Member.BirthDate"] = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd") }, "form[action*='handler=Member']");
        Assert.Contains("Scrivete il nome", future.Text);
        Assert.Contains("non può essere nel futuro", future.Text);
        var child = await family.SubmitAsync(page, new Dictionary<string, string?>
            { ["Member.Role"] = "Adult", ["Member.FirstName"] = "Bimbo", ["Member.LastName"] = "Prova", ["Member.BirthDate"] = "2020-01-01" }, "form[action*='handler=Member']");
        Assert.Contains("Un adulto deve avere almeno 18 anni", child.Text);
    }

    // ---------- At the counter ----------

    sealed record Counter(Guid ShopId, string Key, Guid PartnerId);

    /// <summary>A copy of Portogruaro's stationer (partner, first shop, its merchant's role) that no other test uses.</summary>
    async Task<Guid> MerchantOfItsOwnAsync() => await factory.WithDbAsync(async db =>
    {
        var partner = await db.Partners.AsNoTracking().FirstAsync(p => p.Name == "Cartoleria Il Quaderno");
        var shop = await db.Shops.AsNoTracking().Where(s => s.PartnerId == partner.Id).OrderBy(s => s.NameKey).FirstAsync();
        var merchant = await db.Memberships.AsNoTracking().FirstAsync(m => m.PartnerId == partner.Id && m.Role == NetworkRole.Merchant);
        partner.Id = Guid.NewGuid();
        partner.Name = partner.NameKey = $"Cartoleria di prova {Guid.NewGuid():N}"[..30];
        shop.Id = Guid.NewGuid();
        shop.PartnerId = partner.Id;
        merchant.Id = Guid.NewGuid();
        merchant.PartnerId = partner.Id;
        db.AddRange(partner, shop, merchant);
        await db.SaveChangesAsync();
        return partner.Id;
    });

    /// <summary>A till key for Portogruaro's stationer (or the given partner) and its first shop.</summary>
    async Task<Counter> CounterAsync(Guid? partnerId = null)
    {
        var key = "cf_test_" + Guid.NewGuid().ToString("N");
        return await factory.WithDbAsync(async db =>
        {
            var partner = await db.Partners.Where(p => partnerId == null ? p.Name == "Cartoleria Il Quaderno" : p.Id == partnerId).Select(p => new { p.Id, p.NetworkId }).FirstAsync();
            var shop = await db.Shops.Where(s => s.PartnerId == partner.Id).OrderBy(s => s.NameKey).Select(s => s.Id).FirstAsync();
            db.PartnerApiKeys.Add(new PartnerApiKey { Id = Guid.NewGuid(), NetworkId = partner.NetworkId, PartnerId = partner.Id, Name = "cassa test", Prefix = key[..10], KeyHash = CardApi.Hash(key), CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
            return new Counter(shop, key, partner.Id);
        });
    }

    /// <summary>An approved card in the given network (straight in the database), and its owner signed in.</summary>
    async Task<(Card Card, TestClient Owner)> CardAsync(string network = "portogruaro")
    {
        var (owner, email) = await NewFamilyAsync(network);
        var card = await factory.WithDbAsync(async db =>
        {
            var net = await db.Networks.Include(n => n.Comuni).FirstAsync(n => n.Slug == network);
            var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).FirstAsync();
            var household = new Household { Id = Guid.NewGuid(), NetworkId = net.Id, OwnerUserId = userId, ComuneId = net.Comuni.OrderBy(c => c.Name != "Portogruaro").ThenBy(c => c.Name).First().Id, PrivacyVersion = "2026-1", PrivacyConsentAt = DateTime.UtcNow, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
            var adult = new HouseholdMember { Id = Guid.NewGuid(), HouseholdId = household.Id, Role = MemberRole.Adult, FirstName = "Maria", LastName = "Rossi", BirthDate = new(1980, 1, 1) };
            household.Members.Add(adult);
            household.Members.Add(new HouseholdMember { Id = Guid.NewGuid(), HouseholdId = household.Id, Role = MemberRole.Child, FirstName = "Leo", LastName = "Rossi", BirthDate = new(2019, 1, 1) });
            var card = new Card
            {
                Id = Guid.NewGuid(), NetworkId = net.Id, HouseholdId = household.Id, MemberId = adult.Id, ComuneId = household.ComuneId, Number = CardNumbers.New(),
                HolderFirstName = "Maria", HolderLastName = "Rossi", Status = CardStatus.Active, IssuedAt = DateTime.UtcNow, ValidUntil = new DateTime(2037, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            };
            db.Households.Add(household);
            db.Cards.Add(card);
            await db.SaveChangesAsync();
            return card;
        });
        return (card, owner);
    }

    /// <summary>What the phone does: a key pair, activation through the card page's endpoint (with its antiforgery token).</summary>
    static async Task<(ECDsa Device, Guid DeviceId, string Credential)> ActivateAsync(TestClient owner, Guid cardId)
    {
        var page = await owner.GetAsync($"/carta-famiglia/carte/{cardId}");
        var token = page.Document.QuerySelector("#live-card input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var device = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/carta-famiglia/carte/{cardId}/dispositivi")
        {
            Content = JsonContent.Create(new { publicKey = Base64Url.EncodeToString(CardTokens.RawPublicKey(device)), label = "telefono di prova" }),
        };
        request.Headers.Add("X-CSRF-TOKEN", token);
        var response = await owner.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (device, body.GetProperty("deviceId").GetGuid(), body.GetProperty("credential").GetString()!);
    }

    async Task<JsonElement> VerifyAsync(Counter counter, string code, bool record = false, string? key = null, decimal? purchase = null, Guid? offer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/card-verifications")
        {
            Content = JsonContent.Create(new { code, shopId = counter.ShopId, record, idempotencyKey = key, purchaseAmount = purchase, offerId = offer }),
        };
        request.Headers.Add(CardApi.KeyHeader, counter.Key);
        var response = await factory.CreateClient().SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    async Task<long> MonthCountAsync(Guid shop) =>
        await factory.WithDbAsync(db => db.RedemptionMonths.Where(m => m.ShopId == shop).SumAsync(m => (long?)m.Count)) ?? 0;

    static string Verdict(JsonElement answer) => answer.GetProperty("verdict").GetString()!;

    [Fact]
    public async Task A_live_code_verifies_records_once_and_is_refused_when_replayed_old_forged_or_from_another_phone()
    {
        var counter = await CounterAsync();
        var (card, owner) = await CardAsync();
        var (device, _, credential) = await ActivateAsync(owner, card.Id);
        var code = CardTokens.Present(credential, DateTimeOffset.UtcNow, device);

        var look = await VerifyAsync(counter, code);
        Assert.Equal("valid", Verdict(look));
        Assert.Equal("Maria R.", look.GetProperty("holder").GetString());
        Assert.True(look.GetProperty("offers").GetArrayLength() > 0);

        var monthBefore = await MonthCountAsync(counter.ShopId);
        var offer = look.GetProperty("offers")[0].GetProperty("id").GetGuid();
        var first = await VerifyAsync(counter, code, record: true, key: "tap-1", purchase: 40m, offer: offer);
        Assert.True(first.GetProperty("accepted").GetBoolean());
        Assert.False(first.GetProperty("redemption").GetProperty("alreadyRecorded").GetBoolean());
        Assert.True(first.GetProperty("redemption").GetProperty("discountAmount").GetDecimal() > 0);
        // A double tap (same request id) answers with the first recording.
        var doubleTap = await VerifyAsync(counter, code, record: true, key: "tap-1", purchase: 40m, offer: offer);
        Assert.True(doubleTap.GetProperty("redemption").GetProperty("alreadyRecorded").GetBoolean());
        Assert.Equal(first.GetProperty("redemption").GetProperty("id").GetInt64(), doubleTap.GetProperty("redemption").GetProperty("id").GetInt64());
        // The same code for another purchase is a replay, and so is every respelling of it (a signature rewritten as (r, n − s) verifies).
        Assert.Equal("replayed", Verdict(await VerifyAsync(counter, code, record: true, key: "tap-2", purchase: 10m)));
        foreach (var respelled in CardTokenTests.Respellings(code))
            Assert.NotEqual("valid", Verdict(await VerifyAsync(counter, respelled, record: true, key: "tap-" + Guid.NewGuid(), purchase: 10m)));
        Assert.Equal(1, await factory.WithDbAsync(db => db.Redemptions.CountAsync(r => r.CardId == card.Id)));
        // Valid base64 of JSON that is not an object is forged, not a server error.
        var notAnObject = System.Buffers.Text.Base64Url.EncodeToString("[1]"u8);
        Assert.Equal("forged", Verdict(await VerifyAsync(counter, $"CF1.{notAnObject}.{notAnObject}.1.{notAnObject}")));
        Assert.Equal("forged", Verdict(await VerifyAsync(counter, $"CFP1.{notAnObject}.{notAnObject}")));
        Assert.Equal(1, await factory.WithDbAsync(db => db.Redemptions.CountAsync(r => r.CardId == card.Id)));
        Assert.Equal(monthBefore + 1, await MonthCountAsync(counter.ShopId));

        // A fresh code from the phone records again.
        Assert.True((await VerifyAsync(counter, CardTokens.Present(credential, DateTimeOffset.UtcNow.AddSeconds(1), device), record: true, key: "tap-3")).GetProperty("accepted").GetBoolean());

        Assert.Equal("tooOld", Verdict(await VerifyAsync(counter, CardTokens.Present(credential, DateTimeOffset.UtcNow.AddSeconds(-90), device))));
        using var thief = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.Equal("forged", Verdict(await VerifyAsync(counter, CardTokens.Present(credential, DateTimeOffset.UtcNow, thief))));
        Assert.Equal("forged", Verdict(await VerifyAsync(counter, code[..^3] + (code[^3] == 'A' ? "BBB" : "AAA"))));
        Assert.Equal("forged", Verdict(await VerifyAsync(counter, code[..200])));
    }

    [Fact]
    public async Task Purchases_recorded_at_the_same_moment_count_once_per_key_and_once_per_code()
    {
        var counter = await CounterAsync();
        var (card, owner) = await CardAsync();
        var (device, _, credential) = await ActivateAsync(owner, card.Id);
        var monthBefore = await MonthCountAsync(counter.ShopId);
        var now = DateTimeOffset.UtcNow;
        // Twelve codes (as shown second after second), each sent at once three times: twice with one key (a double tap)
        // and once with another (a replay). The writer takes them in shared commits, duplicates inside one of them too.
        var codes = Enumerable.Range(0, 12).Select(i => CardTokens.Present(credential, now.AddSeconds(-i), device)).ToList();
        var sent = codes.SelectMany((code, i) => new[] { (Code: i, Key: $"tap-{i}"), (Code: i, Key: $"tap-{i}"), (Code: i, Key: $"other-{i}") }).ToList();
        var answers = await Task.WhenAll(sent.Select(x => VerifyAsync(counter, codes[x.Code], record: true, key: x.Key, purchase: 10m)));

        var rows = await factory.WithDbAsync(db => db.Redemptions.Where(r => r.CardId == card.Id).Select(r => new { r.Id, r.IdempotencyKey }).ToListAsync());
        Assert.Equal(12, rows.Count);
        // The till's last use goes with the purchases' commits.
        Assert.NotNull(await factory.WithDbAsync(db => db.PartnerApiKeys.Where(k => k.KeyHash == CardApi.Hash(counter.Key)).Select(k => k.LastUsedAt).FirstAsync()));
        Assert.Equal(monthBefore + 12, await MonthCountAsync(counter.ShopId));
        foreach (var code in Enumerable.Range(0, 12))
        {
            var mine = sent.Select((x, n) => (x.Key, Answer: answers[n])).Where((_, n) => sent[n].Code == code).ToList();
            Assert.All(mine, a => Assert.Contains(Verdict(a.Answer), new[] { "valid", "replayed" }));
            var recorded = mine.Where(a => a.Answer.GetProperty("accepted").GetBoolean()).ToList();
            // Exactly one of the three recorded the purchase; a double tap of the winner's key answers with the same row.
            var winner = Assert.Single(recorded, a => !a.Answer.GetProperty("redemption").GetProperty("alreadyRecorded").GetBoolean());
            var id = winner.Answer.GetProperty("redemption").GetProperty("id").GetInt64();
            Assert.Contains(rows, r => r.Id == id && r.IdempotencyKey.EndsWith(":" + winner.Key));
            Assert.All(recorded, a => Assert.Equal(id, a.Answer.GetProperty("redemption").GetProperty("id").GetInt64()));
            Assert.All(recorded, a => Assert.Equal(winner.Key, a.Key));
        }
    }

    [Fact]
    public async Task Suspension_revocation_replacement_and_a_disabled_phone_take_effect_at_the_next_verification()
    {
        var counter = await CounterAsync();
        var (card, owner) = await CardAsync();
        var (device, deviceId, credential) = await ActivateAsync(owner, card.Id);
        string Fresh() => CardTokens.Present(credential, DateTimeOffset.UtcNow, device);
        Assert.Equal("valid", Verdict(await VerifyAsync(counter, Fresh())));

        var officer = await OfficerAsync();
        async Task ActAsync(string action, string? reason)
        {
            var page = await officer.GetAsync($"/gestione/carta-famiglia/carte/{card.Id}");
            Assert.Equal(HttpStatusCode.OK, page.Status);
            var result = await officer.SubmitAsync(page, new Dictionary<string, string?> { ["Reason"] = reason, ["azione"] = action }, "main form[method=post]");
            Assert.True(result.Status == HttpStatusCode.Redirect, string.Join(" | ", result.Errors));
        }
        var noReason = await officer.SubmitAsync(await officer.GetAsync($"/gestione/carta-famiglia/carte/{card.Id}"), new Dictionary<string, string?> { ["azione"] = "suspend" }, "main form[method=post]");
        Assert.Contains("Scrivete il motivo", noReason.Text);
        await ActAsync("suspend", "Verifica dei requisiti in corso");
        Assert.Equal("suspended", Verdict(await VerifyAsync(counter, Fresh())));
        Assert.Equal("suspended", Verdict(await VerifyAsync(counter, card.Number)));
        await ActAsync("reactivate", null);
        Assert.Equal("valid", Verdict(await VerifyAsync(counter, Fresh())));

        // The family disables the phone: its codes stop working at once.
        var page = await owner.GetAsync($"/carta-famiglia/carte/{card.Id}");
        await owner.SubmitAsync(page, new Dictionary<string, string?>(), $"form[action*='deviceId={deviceId}']");
        Assert.Equal("revoked", Verdict(await VerifyAsync(counter, Fresh())));

        // Lost card: replaced; the old number stops, the new one works.
        await ActAsync("replace", null);
        var replacement = await factory.WithDbAsync(db => db.Cards.Where(c => c.Id == card.Id).Select(c => db.Cards.First(n => n.Id == c.ReplacedByCardId)).FirstAsync());
        Assert.Equal("replaced", Verdict(await VerifyAsync(counter, card.Number)));
        var typed = await VerifyAsync(counter, replacement.Number.ToLowerInvariant().Replace("-", " "));
        Assert.Equal("validCheckDocument", Verdict(typed));

        var revoke = await officer.GetAsync($"/gestione/carta-famiglia/carte/{replacement.Id}");
        await officer.SubmitAsync(revoke, new Dictionary<string, string?> { ["Reason"] = "Dichiarazione non veritiera", ["azione"] = "revoke" }, "main form[method=post]");
        Assert.Equal("revoked", Verdict(await VerifyAsync(counter, replacement.Number)));
        Assert.Contains(await factory.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityId == replacement.Id.ToString()).Select(a => a.Action).ToListAsync()), a => a == "card.revoke");
    }

    [Fact]
    public async Task Printed_codes_ask_for_a_document_and_another_network_s_card_needs_reciprocity_and_an_offer_that_accepts_it()
    {
        var counter = await CounterAsync();
        var (card, _) = await CardAsync();
        using (var scope = factory.Services.CreateScope())
        {
            var printed = await scope.ServiceProvider.GetRequiredService<CardDevices>().PrintedCodeAsync(card);
            Assert.StartsWith("CFP1.", printed);
            Assert.Equal("validCheckDocument", Verdict(await VerifyAsync(counter, printed)));
        }

        var (foreign, _) = await CardAsync("lucca");
        var refused = await VerifyAsync(counter, foreign.Number);
        Assert.Equal("notAcceptedHere", Verdict(refused));
        Assert.Contains("non accetta le carte", refused.GetProperty("message").GetString());

        // Portogruaro and Lucca agree, and one of the stationer's offers accepts Lucca's cards: accepted, with that offer only.
        var offer = await factory.WithDbAsync(async db =>
        {
            var p = await db.Networks.Where(n => n.Slug == "portogruaro").Select(n => n.Id).FirstAsync();
            var l = await db.Networks.Where(n => n.Slug == "lucca").Select(n => n.Id).FirstAsync();
            db.CardReciprocities.Add(new CardReciprocity { NetworkId = p, OtherNetworkId = l, AgreedAt = DateTime.UtcNow });
            var o = await db.Offers.Where(o => o.PartnerId == counter.PartnerId && o.Status == OfferStatus.Published).OrderBy(o => o.Title).FirstAsync();
            db.OfferNetworks.Add(new OfferNetwork { OfferId = o.Id, NetworkId = l });
            await db.SaveChangesAsync();
            return o.Id;
        });
        Assert.Equal("notAcceptedHere", Verdict(await VerifyAsync(counter, foreign.Number))); // Lucca has not agreed yet
        await factory.WithDbAsync(async db =>
        {
            var p = await db.Networks.Where(n => n.Slug == "portogruaro").Select(n => n.Id).FirstAsync();
            var l = await db.Networks.Where(n => n.Slug == "lucca").Select(n => n.Id).FirstAsync();
            db.CardReciprocities.Add(new CardReciprocity { NetworkId = l, OtherNetworkId = p, AgreedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        var accepted = await VerifyAsync(counter, foreign.Number);
        Assert.Equal("validCheckDocument", Verdict(accepted));
        Assert.Equal([offer], accepted.GetProperty("offers").EnumerateArray().Select(o => o.GetProperty("id").GetGuid()).ToList());
    }

    async Task<TestClient> MerchantAsync()
    {
        var merchant = factory.NewClient();
        await merchant.SignInOrFailAsync("esercente@portogruaro.demo");
        await merchant.ChooseNetworkAsync("portogruaro");
        return merchant;
    }

    /// <summary>The verdict block of the counter page: which verdict, its tone (valid, refused, check) and its big word; null when there is none.</summary>
    static (string Verdict, string Tone, string Word)? VerdictOf(TestClient.Page page) =>
        page.Document.QuerySelector("#esito") is { } block
            ? (block.GetAttribute("data-verdict")!, block.GetAttribute("data-tone")!, block.QuerySelector(".verdict-word")!.TextContent.Trim())
            : null;

    [Fact]
    public async Task The_counter_page_shows_a_full_green_red_or_amber_verdict_with_a_big_word_and_the_replay_its_own_message()
    {
        var merchant = await MerchantAsync();
        var (card, owner) = await CardAsync();
        var (device, _, credential) = await ActivateAsync(owner, card.Id);
        var page = await merchant.GetAsync("/esercente/verifica");
        Assert.Null(VerdictOf(page));

        // Green: a live code from the phone.
        var valid = await merchant.SubmitAsync(page, new Dictionary<string, string?> { ["Input.Code"] = CardTokens.Present(credential, DateTimeOffset.UtcNow, device) }, "#verify-form");
        Assert.Equal(("Valid", "valid", "✓ VALIDA"), VerdictOf(valid));
        Assert.Contains("Maria R.", valid.Document.QuerySelector("#esito")!.TextContent);
        Assert.NotNull(valid.Document.QuerySelector("#esito.verdict.verdict-valid[role=alert]"));

        // Amber: the typed number (or a printed card) — valid, but check a document.
        var typed = await merchant.SubmitAsync(valid, new Dictionary<string, string?> { ["Input.Code"] = card.Number }, "#verify-form");
        Assert.Equal(("ValidCheckDocument", "check", "! CONTROLLA UN DOCUMENTO"), VerdictOf(typed));
        Assert.Contains("verificate un documento d'identità", typed.Document.QuerySelector("#esito .verdict-reason")!.TextContent);

        // A purchase recorded, then the same code again: «codice già usato», amber, not a refused card; the amount stays for the next code.
        var code = CardTokens.Present(credential, DateTimeOffset.UtcNow.AddSeconds(1), device);
        var recorded = await merchant.SubmitAsync(typed, new Dictionary<string, string?> { ["Input.Code"] = code, ["Input.Record"] = "true", ["Input.PurchaseAmount"] = "12,50" }, "#verify-form");
        Assert.Equal("Valid", VerdictOf(recorded)?.Verdict);
        Assert.Contains("Acquisto registrato", recorded.Document.QuerySelector("#esito")!.TextContent);
        var replayed = await merchant.SubmitAsync(recorded, new Dictionary<string, string?> { ["Input.Code"] = code, ["Input.Record"] = "true", ["Input.PurchaseAmount"] = "12,50" }, "#verify-form");
        Assert.Equal(("Replayed", "check", "↻ CODICE GIÀ USATO"), VerdictOf(replayed));
        Assert.Contains("Codice già usato: chiedete di mostrare di nuovo la carta", replayed.Document.QuerySelector("#esito .verdict-reason")!.TextContent);
        Assert.DoesNotContain("NON VALIDA", replayed.Text);
        Assert.Equal("12.50", replayed.Document.QuerySelector("#Input_PurchaseAmount")!.GetAttribute("value")!.Replace(',', '.'));
        Assert.Equal(1, await factory.WithDbAsync(db => db.Redemptions.CountAsync(r => r.CardId == card.Id)));

        // Red: a revoked card.
        await factory.WithDbAsync(db => db.Cards.Where(c => c.Id == card.Id).ExecuteUpdateAsync(c => c.SetProperty(x => x.Status, CardStatus.Revoked)));
        var refused = await merchant.SubmitAsync(await merchant.GetAsync("/esercente/verifica"), new Dictionary<string, string?> { ["Input.Code"] = card.Number }, "#verify-form");
        Assert.Equal(("Revoked", "refused", "✗ NON VALIDA"), VerdictOf(refused));
        Assert.Equal("Carta revocata.", refused.Document.QuerySelector("#esito .verdict-reason")!.TextContent.Trim());
    }

    [Theory]
    [InlineData("", null, null, null, "Input.Code", "Inquadrate il QR o scrivete il numero della carta.")]
    [InlineData("   ", null, null, null, "Input.Code", "Inquadrate il QR o scrivete il numero della carta.")]
    [InlineData("{card}", "true", "-5", null, "Input.PurchaseAmount", "L'importo della spesa deve essere maggiore di zero.")]
    [InlineData("{card}", "true", "0", null, "Input.PurchaseAmount", "L'importo della spesa deve essere maggiore di zero.")]
    [InlineData("{card}", "true", "250000", null, "Input.PurchaseAmount", "L'importo della spesa non può superare 10.000 €: controllate le cifre.")]
    [InlineData("{card}", "true", "79228162514264337593543950335", null, "Input.PurchaseAmount", "L'importo della spesa non può superare 10.000 €: controllate le cifre.")]
    [InlineData("{card}", "true", "99999999999999999999999999999999", null, "Input.PurchaseAmount", "non è un numero")]
    [InlineData("{card}", "true", "dodici euro", null, "Input.PurchaseAmount", "«dodici euro» non è un numero: scrivi per esempio 12,50.")]
    [InlineData("{card}", "true", "12,345", null, "Input.PurchaseAmount", "L'importo ha al massimo due decimali (i centesimi), per esempio 24,50.")]
    [InlineData("{card}", "true", "10", "-1", "Input.DiscountAmount", "Lo sconto non può essere negativo.")]
    [InlineData("{card}", "true", "10", "11", "Input.DiscountAmount", "Lo sconto non può superare la spesa.")]
    [InlineData("{card}", null, "10", null, "Input.Record", "spuntate «Registra anche l'acquisto»")]
    public async Task An_input_mistake_at_the_counter_is_a_field_error_not_a_refused_card(string code, string? record, string? purchase, string? discount, string field, string message)
    {
        var merchant = await MerchantAsync();
        var (card, _) = await CardAsync();
        var page = await merchant.GetAsync("/esercente/verifica");
        var answer = await merchant.SubmitAsync(page, new Dictionary<string, string?>
        {
            ["Input.Code"] = code.Replace("{card}", card.Number), ["Input.Record"] = record, ["Input.PurchaseAmount"] = purchase, ["Input.DiscountAmount"] = discount,
        }, "#verify-form");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Null(VerdictOf(answer));
        Assert.DoesNotContain("NON VALIDA", answer.Text);
        var id = field.Replace('.', '_');
        var input = answer.Document.GetElementById(id)!;
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        var feedback = answer.Document.QuerySelector($"#{id}-error")?.TextContent ?? string.Join(" | ", answer.Errors);
        Assert.Contains(message, feedback);
        // The code typed stays in the field, to correct the mistake and send again; nothing was recorded.
        if (code == "{card}") Assert.Equal(card.Number, answer.Document.QuerySelector("#Input_Code")!.GetAttribute("value"));
        Assert.Equal(0, await factory.WithDbAsync(db => db.Redemptions.CountAsync(r => r.CardId == card.Id)));
    }

    [Fact]
    public async Task The_counter_page_works_in_the_shop_the_merchant_chooses()
    {
        var shops = await factory.WithDbAsync(db => db.Shops.Where(s => db.Partners.Any(p => p.Id == s.PartnerId && p.Name == "Cartoleria Il Quaderno"))
            .OrderBy(s => s.Name).Select(s => s.Id).ToListAsync());
        Assert.True(shops.Count >= 2, "the demo stationer has two shops");
        var merchant = factory.NewClient();
        await merchant.SignInOrFailAsync("esercente@portogruaro.demo");
        await merchant.ChooseNetworkAsync("portogruaro");
        var page = await merchant.GetAsync($"/esercente/verifica?negozio={shops[1]}");
        Assert.Equal(shops[1].ToString(), page.Document.QuerySelector("#negozio option[selected]")?.GetAttribute("value"), StringComparer.OrdinalIgnoreCase);
        Assert.Contains($"negozio={shops[1]}", page.Document.QuerySelector("#verify-form")!.GetAttribute("action")!, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Guessing_card_numbers_is_cut_off_and_logged_and_tills_need_an_active_key()
    {
        var counter = await CounterAsync(await MerchantOfItsOwnAsync()); // the limit is per merchant: other tests' guesses must not count here
        for (var i = 0; i < VerifyCard.MaxFailures; i++)
            Assert.Equal("unknownCard", Verdict(await VerifyAsync(counter, $"ZZZZ-ZZZZ-{i:0000}")));
        Assert.Equal("tooManyAttempts", Verdict(await VerifyAsync(counter, "ZZZZ-ZZZZ-9999")));
        var keyId = await factory.WithDbAsync(db => db.PartnerApiKeys.Where(k => k.KeyHash == CardApi.Hash(counter.Key)).Select(k => k.Id).FirstAsync());
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == VerifyCard.UnknownNumberAction && a.UserName == "cassa: cassa test")) >= VerifyCard.MaxFailures);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "card.verify-failed" && a.UserName == "cassa: cassa test" && a.Details!.Contains("troppi tentativi"))));
        // A new key of the same merchant gives no fresh allowance.
        var second = await CounterAsync(counter.PartnerId);
        Assert.Equal("tooManyAttempts", Verdict(await VerifyAsync(second, "ZZZZ-ZZZZ-9998")));
        // Without merchant staff left, the partner's till keys stop working.
        await factory.WithDbAsync(db => db.Memberships.Where(m => m.PartnerId == counter.PartnerId).ExecuteDeleteAsync());
        using (var orphan = new HttpRequestMessage(HttpMethod.Post, "/api/v1/card-verifications") { Content = JsonContent.Create(new { code = "ZZZZ-ZZZZ-0001", shopId = counter.ShopId }) })
        {
            orphan.Headers.Add(CardApi.KeyHeader, (await CounterAsync(counter.PartnerId)).Key);
            Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().SendAsync(orphan)).StatusCode);
        }

        var client = factory.CreateClient();
        var anonymous = await client.PostAsJsonAsync("/api/v1/card-verifications", new { code = "x", shopId = counter.ShopId });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        // Another merchant's shop with this key: 404.
        var otherShop = await factory.WithDbAsync(db => db.Shops.Where(s => s.PartnerId != counter.PartnerId).Select(s => s.Id).FirstAsync());
        using var foreign = new HttpRequestMessage(HttpMethod.Post, "/api/v1/card-verifications") { Content = JsonContent.Create(new { code = "x", shopId = otherShop }) };
        foreign.Headers.Add(CardApi.KeyHeader, counter.Key);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(foreign)).StatusCode);
        // Bad input: problem details with field errors, not a 500.
        using var bad = new HttpRequestMessage(HttpMethod.Post, "/api/v1/card-verifications") { Content = JsonContent.Create(new { code = "", shopId = counter.ShopId, record = true, purchaseAmount = -5 }) };
        bad.Headers.Add(CardApi.KeyHeader, counter.Key);
        var problem = await client.SendAsync(bad);
        Assert.Equal(HttpStatusCode.BadRequest, problem.StatusCode);
        var errors = (await problem.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("code", out _) && errors.TryGetProperty("purchaseAmount", out _) && errors.TryGetProperty("idempotencyKey", out _), errors.ToString());
        _ = keyId;
    }
}
