using Alleanza.Web.Modules.Families;
using System.Net;
using System.Net.Http.Json;
using System.Buffers.Text;
using System.Security.Cryptography;
using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Modules.Catalog;
using Alleanza.Web.Modules.FamilyCard;
using Alleanza.Web.Modules.Network.Plan;
using Alleanza.Web.Platform.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Alleanza.Tests.Platform;

/// <summary>
/// Every state transition, fired as ten (or twenty) identical requests at the same moment through HTTP, happens once:
/// the end state is the one a single request leaves, and no twin gets a server error. Runs on SQLite and PostgreSQL.
/// </summary>
public class ConcurrencyTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    const string Password = "famiglia-2026";
    static Dictionary<string, string?> None => [];

    async Task<(TestClient Client, Guid UserId)> NewFamilyAsync()
    {
        var email = $"twin-{Guid.NewGuid():N}@esempio.it";
        var id = Guid.NewGuid();
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.True((await users.CreateAsync(new AppUser { Id = id, UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Famiglia", CreatedAt = DateTime.UtcNow }, Password)).Succeeded);
        }
        var client = factory.NewClient();
        await client.SignInOrFailAsync(email, Password);
        await client.ChooseNetworkAsync("portogruaro");
        return (client, id);
    }

    async Task<TestClient> SignedInAsync(string email)
    {
        var client = factory.NewClient();
        await client.SignInOrFailAsync(email);
        await client.ChooseNetworkAsync("portogruaro");
        return client;
    }

    Task<int> AuditCountAsync(string action, Guid entity) =>
        factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == action && a.EntityId == entity.ToString()));

    async Task<(Guid Opportunity, Guid Session)> SessionAsync(int capacity) => await factory.WithDbAsync(async db =>
    {
        var o = await db.Opportunities.Where(x => x.Title == "Giocare per crescere assieme" && db.Networks.Any(n => n.Id == x.NetworkId && n.Slug == "portogruaro")).FirstAsync();
        var session = new OpportunitySession { Id = Guid.NewGuid(), OpportunityId = o.Id, StartsAt = DateTime.UtcNow.AddDays(200 + Random.Shared.Next(100)), Capacity = capacity };
        db.OpportunitySessions.Add(session);
        await db.SaveChangesAsync();
        return (o.Id, session.Id);
    });

    static Dictionary<string, string?> Registration(Guid session, int places) =>
        new() { ["SessionId"] = session.ToString(), ["Registration.Places"] = places.ToString(), ["Registration.Participants"] = "Giulia e Marco" };

    static string RegisterForm(Guid session) => $"form[action*='handler=Register']:has(input[value='{session}'])";

    [Fact]
    public async Task Twenty_identical_registrations_of_one_family_on_one_date_make_one_and_take_its_places_once()
    {
        var (opportunity, session) = await SessionAsync(capacity: 10);
        var (family, userId) = await NewFamilyAsync();
        var page = await family.GetAsync($"/opportunita/{opportunity}");
        await Concurrently.SubmitAsync(family, page, Registration(session, 2), RegisterForm(session), n: 20);

        var (live, taken) = await factory.WithDbAsync(async db => (
            await db.Registrations.CountAsync(r => r.SessionId == session && r.UserId == userId && r.Status != RegistrationStatus.Cancelled),
            await db.OpportunitySessions.Where(s => s.Id == session).Select(s => s.Taken).FirstAsync()));
        Assert.Equal(1, live);
        Assert.Equal(2, taken);
    }

    [Fact]
    public async Task Ten_identical_cancellations_free_the_places_once_and_promote_the_waiting_family_once()
    {
        var (opportunity, session) = await SessionAsync(capacity: 2);
        var (first, firstId) = await NewFamilyAsync();
        await first.SubmitAsync(await first.GetAsync($"/opportunita/{opportunity}"), Registration(session, 2), RegisterForm(session));
        var (second, _) = await NewFamilyAsync();
        await second.SubmitAsync(await second.GetAsync($"/opportunita/{opportunity}"), Registration(session, 2), RegisterForm(session));
        var (third, _) = await NewFamilyAsync();
        await third.SubmitAsync(await third.GetAsync($"/opportunita/{opportunity}"), Registration(session, 1), RegisterForm(session));

        var mine = await first.GetAsync("/account/iscrizioni");
        var registration = await factory.WithDbAsync(db => db.Registrations.Where(r => r.SessionId == session && r.UserId == firstId).Select(r => r.Id).FirstAsync());
        await Concurrently.SubmitAsync(first, mine, None, $"form[action*='handler=Cancel'][action*='registrationId={registration}']");

        var (statuses, taken) = await factory.WithDbAsync(async db => (
            await db.Registrations.Where(r => r.SessionId == session).OrderBy(r => r.CreatedAt).Select(r => r.Status).ToListAsync(),
            await db.OpportunitySessions.Where(s => s.Id == session).Select(s => s.Taken).FirstAsync()));
        // The second family (2 places) moves up; the third (1 place) stays behind it in the queue.
        Assert.Equal([RegistrationStatus.Cancelled, RegistrationStatus.Confirmed, RegistrationStatus.Waiting], statuses);
        Assert.Equal(2, taken);
        var again = await first.OpenAsync("/account/iscrizioni");
        Assert.DoesNotContain("Giocare per crescere assieme", again.Document.QuerySelector("main")!.TextContent.Split("Passate")[0]);
    }

    /// <summary>A household of two adults and a child in Portogruaro, registered through the form.</summary>
    async Task<(TestClient Family, Guid Household)> HouseholdAsync()
    {
        var (family, userId) = await NewFamilyAsync();
        var comune = await factory.WithDbAsync(db => db.Comuni.Where(c => c.Name == "Portogruaro").Select(c => c.Id).FirstAsync());
        var saved = await family.SubmitAsync(await family.GetAsync("/carta-famiglia/nucleo"),
            new Dictionary<string, string?> { ["Basics.ComuneId"] = comune.ToString(), ["Basics.Consent"] = "true" }, "form[action*='handler=Basics']");
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        foreach (var (role, name, born) in new[] { ("Adult", "Anna", "1985-02-01"), ("Adult", "Piero", "1983-06-01"), ("Child", "Leo", "2019-04-01") })
        {
            var added = await family.SubmitAsync(await family.GetAsync("/carta-famiglia/nucleo"), new Dictionary<string, string?>
                { ["Member.Role"] = role, ["Member.FirstName"] = name, ["Member.LastName"] = "Gemelli", ["Member.BirthDate"] = born }, "form[action*='handler=Member']");
            Assert.True(added.Status == HttpStatusCode.Redirect, string.Join(" | ", added.Errors));
        }
        return (family, await factory.WithDbAsync(db => db.Households.Where(h => h.OwnerUserId == userId).Select(h => h.Id).FirstAsync()));
    }

    [Fact]
    public async Task Ten_identical_applications_make_one_and_ten_identical_approvals_issue_one_card_per_adult()
    {
        var (family, household) = await HouseholdAsync();
        await Concurrently.SubmitAsync(family, await family.GetAsync("/carta-famiglia/domanda"), new Dictionary<string, string?> { ["Form.ResidenceAddress"] = "Via Roma 12" }, "form[action*='handler=Apply']");
        var applications = await factory.WithDbAsync(db => db.CardApplications.Where(a => a.HouseholdId == household).ToListAsync());
        var application = Assert.Single(applications);
        Assert.Equal(ApplicationStatus.Submitted, application.Status);

        var officer = await SignedInAsync("comune@portogruaro.demo");
        var detail = await officer.GetAsync($"/gestione/carta-famiglia/domande/{application.Id}");
        await Concurrently.SubmitAsync(officer, detail, None, "form[action*='handler=Approve']");

        var cards = await factory.WithDbAsync(db => db.Cards.Where(c => c.HouseholdId == household).ToListAsync());
        Assert.Equal(2, cards.Count);
        Assert.All(cards, c => Assert.Equal(CardStatus.Active, c.Status));
        Assert.Equal(2, cards.Select(c => c.MemberId).Distinct().Count());
        Assert.Equal(1, await AuditCountAsync("card.application-approved", application.Id));
    }

    /// <summary>An active card of a new household of Portogruaro, straight in the database.</summary>
    async Task<(Card Card, TestClient Owner)> CardAsync()
    {
        var (owner, userId) = await NewFamilyAsync();
        var card = await factory.WithDbAsync(async db =>
        {
            var network = await db.Networks.Include(n => n.Comuni).FirstAsync(n => n.Slug == "portogruaro");
            var household = FamilyCard.TestFamilies.AddHousehold(db, network.Id, network.Comuni.First(c => c.Name == "Portogruaro").Id, $"x-{Guid.NewGuid():N}@esempio.it", DateTime.UtcNow);
            household.OwnerUserId = userId;
            db.Users.Local.Where(u => u.Id != userId).ToList().ForEach(u => db.Users.Remove(u));
            var card = FamilyCard.TestFamilies.AddCard(db, network.Id, household.Id, household.ComuneId, "Maria", "Gemelli", CardStatus.Active, DateTime.UtcNow, new DateTime(2037, 1, 1, 0, 0, 0, DateTimeKind.Utc));
            await db.SaveChangesAsync();
            return card;
        });
        return (card, owner);
    }

    [Fact]
    public async Task Ten_identical_replacements_of_a_lost_card_leave_one_live_card_and_ten_suspensions_suspend_once()
    {
        var (card, _) = await CardAsync();
        var officer = await SignedInAsync("comune@portogruaro.demo");
        var page = await officer.GetAsync($"/gestione/carta-famiglia/carte/{card.Id}");
        await Concurrently.SubmitAsync(officer, page, new Dictionary<string, string?> { ["azione"] = "replace", ["Reason"] = "Smarrita" }, "main form[method=post]");

        var cards = await factory.WithDbAsync(db => db.Cards.Where(c => c.MemberId == card.MemberId).ToListAsync());
        Assert.Equal(2, cards.Count);
        var live = Assert.Single(cards, c => c.Status == CardStatus.Active);
        Assert.Equal(live.Id, cards.Single(c => c.Id == card.Id).ReplacedByCardId);
        Assert.Equal(CardStatus.Replaced, cards.Single(c => c.Id == card.Id).Status);

        page = await officer.GetAsync($"/gestione/carta-famiglia/carte/{live.Id}");
        await Concurrently.SubmitAsync(officer, page, new Dictionary<string, string?> { ["azione"] = "suspend", ["Reason"] = "Verifica in corso" }, "main form[method=post]");
        Assert.Equal(1, await AuditCountAsync("card.suspend", live.Id));
        Assert.Equal(CardStatus.Suspended, await factory.WithDbAsync(db => db.Cards.Where(c => c.Id == live.Id).Select(c => c.Status).FirstAsync()));
    }

    [Fact]
    public async Task Ten_phones_activating_one_card_at_once_never_pass_the_device_limit()
    {
        var (card, owner) = await CardAsync();
        var page = await owner.GetAsync($"/carta-famiglia/carte/{card.Id}");
        var token = page.Document.QuerySelector("#live-card input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        await Concurrently.SendAsync(Concurrently.Twins, () =>
        {
            using var device = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new HttpRequestMessage(HttpMethod.Post, $"/carta-famiglia/carte/{card.Id}/dispositivi")
            {
                Content = JsonContent.Create(new { publicKey = Base64Url.EncodeToString(CardTokens.RawPublicKey(device)), label = "telefono" }),
            };
            request.Headers.Add("X-CSRF-TOKEN", token);
            return owner.Http.SendAsync(request);
        });
        Assert.Equal(CardDevices.MaxDevicesPerCard, await factory.WithDbAsync(db => db.CardDevices.CountAsync(d => d.CardId == card.Id && d.RevokedAt == null)));
    }

    [Fact]
    public async Task Ten_identical_moderations_publish_an_opportunity_and_an_offer_once()
    {
        var (opportunity, offer) = await factory.WithDbAsync(async db =>
        {
            var network = await db.Networks.Where(n => n.Slug == "portogruaro").Select(n => n.Id).FirstAsync();
            var o = await db.Opportunities.Where(x => x.NetworkId == network && x.Status == OpportunityStatus.Published).OrderBy(x => x.Title).FirstAsync();
            var f = await db.Offers.Where(x => x.NetworkId == network && x.Status == OfferStatus.Published).OrderBy(x => x.Title).FirstAsync();
            o.Status = OpportunityStatus.Submitted;
            f.Status = OfferStatus.Submitted;
            await db.SaveChangesAsync();
            return (o.Id, f.Id);
        });
        var coordinator = await SignedInAsync("coordinatore@portogruaro.demo");
        await Concurrently.SubmitAsync(coordinator, await coordinator.GetAsync($"/gestione/opportunita/{opportunity}"), None, "form[action$='handler=Approve']");
        await Concurrently.SubmitAsync(coordinator, await coordinator.GetAsync($"/gestione/carta-famiglia/convenzioni/{offer}"), None, "form[action*='handler=Approve']");

        Assert.Equal(1, await AuditCountAsync("opportunity.publish", opportunity));
        Assert.Equal(1, await factory.WithDbAsync(db => db.OpportunityChanges.CountAsync(c => c.OpportunityId == opportunity && c.Action == "pubblicata")));
        Assert.Equal(1, await AuditCountAsync("offer.publish", offer));
    }

    [Fact]
    public async Task Ten_identical_revocations_of_a_till_key_revoke_it_once()
    {
        var merchant = await SignedInAsync("esercente@portogruaro.demo");
        var page = await merchant.GetAsync("/esercente/chiavi-cassa");
        var created = await merchant.SubmitAsync(page, new Dictionary<string, string?> { ["Name"] = $"Cassa {Guid.NewGuid():N}"[..20] }, "form[action*='handler=Create']");
        Assert.Equal(HttpStatusCode.OK, created.Status);
        var key = await factory.WithDbAsync(db => db.PartnerApiKeys.OrderByDescending(k => k.CreatedAt).Select(k => k.Id).FirstAsync());
        await Concurrently.SubmitAsync(merchant, await merchant.GetAsync("/esercente/chiavi-cassa"), None, $"form[action*='keyId={key}']");
        Assert.Equal(1, await AuditCountAsync("till-key.revoked", key));

        // The coordinator sees every key of the network and revokes one (ten times at once: once).
        await merchant.SubmitAsync(await merchant.GetAsync("/esercente/chiavi-cassa"), new Dictionary<string, string?> { ["Name"] = "Cassa due" }, "form[action*='handler=Create']");
        var second = await factory.WithDbAsync(db => db.PartnerApiKeys.OrderByDescending(k => k.CreatedAt).Select(k => k.Id).FirstAsync());
        var coordinator = await SignedInAsync("coordinatore@portogruaro.demo");
        var list = await coordinator.GetAsync("/gestione/carta-famiglia/chiavi-cassa");
        Assert.Contains("Cassa due", list.Text);
        await Concurrently.SubmitAsync(coordinator, list, None, $"form[action*='keyId={second}']");
        Assert.Equal(1, await AuditCountAsync("till-key.revoked", second));
        Assert.NotNull(await factory.WithDbAsync(db => db.PartnerApiKeys.Where(k => k.Id == second).Select(k => k.RevokedAt).FirstAsync()));
        Assert.Contains("Cassa due", (await coordinator.GetAsync("/gestione/carta-famiglia/chiavi-cassa?revocate=true")).Text);
    }

    [Fact]
    public async Task Ten_identical_status_changes_of_a_plan_are_recorded_once()
    {
        var coordinator = await SignedInAsync("coordinatore@portogruaro.demo");
        var created = await coordinator.SubmitAsync(await coordinator.GetAsync("/gestione/piano"), new Dictionary<string, string?>
            { ["Input.Title"] = $"Piano gemello {Guid.NewGuid():N}"[..24], ["Input.StartYear"] = DateTime.UtcNow.Year.ToString(), ["Input.ComuneId"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        var plan = Guid.Parse(created.Location!.Split('/').Last());
        await Concurrently.SubmitAsync(coordinator, await coordinator.GetAsync($"/gestione/piano/{plan}"),
            new Dictionary<string, string?> { ["StatusInput.Status"] = ((int)PlanStatus.Approved).ToString() }, "form[action*='handler=Status']");
        Assert.Equal(1, await factory.WithDbAsync(db => db.PlanStatusChanges.CountAsync(c => c.PlanId == plan && c.ToStatus == (int)PlanStatus.Approved)));
    }
}
