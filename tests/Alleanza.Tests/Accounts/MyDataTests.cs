using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Modules.Accounts;
using Alleanza.Web.Modules.Catalog;
using Alleanza.Web.Modules.Families;
using Alleanza.Web.Modules.FamilyCard;
using Alleanza.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Tests.Accounts;

/// <summary>
/// «I miei dati» and «Elimina il mio account», through HTTP: the download (ZIP with JSON and HTML) holds the person's
/// household, registrations and consents and nothing of another family; the access log shows an officer's read; deleting
/// anonymises, keeps the counts, frees the places, ends every session and refuses the last coordinator.
/// </summary>
public class MyDataTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    const string Password = "pane-e-nutella-42";

    sealed record Family(TestClient Client, string Email, string Surname, Guid UserId);

    /// <summary>A family that registers through the registration page (privacy consent), confirms the e-mail, signs in and chooses Portogruaro.</summary>
    async Task<Family> RegisteredFamilyAsync()
    {
        var client = factory.NewClient();
        var email = $"dati-{Guid.NewGuid():N}@esempio.it";
        var surname = "Dati" + Guid.NewGuid().ToString("N")[..8];
        var page = await client.GetAsync("/account/registrati");
        var registered = await client.SubmitAsync(page, new Dictionary<string, string?>
        {
            ["Input.DisplayName"] = "Lucia " + surname, ["Input.Email"] = email, ["Input.Password"] = Password, ["Input.ConfirmPassword"] = Password, ["Input.AcceptPrivacy"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, registered.Status);
        await client.GetAsync(Mailbox.LinkIn(await Mailbox.WaitForAsync(email, "Conferma il tuo indirizzo")));
        await client.SignInOrFailAsync(email, Password);
        await client.ChooseNetworkAsync("portogruaro");
        var userId = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).FirstAsync());
        return new Family(client, email, surname, userId);
    }

    /// <summary>The household through its page (the consent to the card's notice), with an adult and a child, resident in Portogruaro.</summary>
    async Task HouseholdAsync(Family family)
    {
        var comune = await factory.WithDbAsync(db => db.Comuni.Where(c => c.Name == "Portogruaro").Select(c => c.Id).FirstAsync());
        var page = await family.Client.GetAsync("/carta-famiglia/nucleo");
        var saved = await family.Client.SubmitAsync(page, new Dictionary<string, string?> { ["Basics.ComuneId"] = comune.ToString(), ["Basics.Consent"] = "true" }, "form[action*='handler=Basics']");
        Assert.True(saved.Status == HttpStatusCode.Redirect, string.Join(" | ", saved.Errors));
        foreach (var (role, name, born) in new[] { ("Adult", "Lucia", "1986-04-12"), ("Child", "Tommaso", "2017-09-03") })
        {
            page = await family.Client.GetAsync("/carta-famiglia/nucleo");
            var added = await family.Client.SubmitAsync(page, new Dictionary<string, string?>
                { ["Member.Role"] = role, ["Member.FirstName"] = name, ["Member.LastName"] = family.Surname, ["Member.BirthDate"] = born }, "form[action*='handler=Member']");
            Assert.True(added.Status == HttpStatusCode.Redirect, string.Join(" | ", added.Errors));
        }
    }

    /// <summary>The family applies; Portogruaro's officer opens the application (a read) and approves it: one card for the adult.</summary>
    async Task<(TestClient Officer, Card Card)> ApprovedCardAsync(Family family)
    {
        var hub = await family.Client.GetAsync("/carta-famiglia/domanda");
        await family.Client.SubmitAsync(hub, new Dictionary<string, string?> { ["Form.ResidenceAddress"] = "Via Roma 12" }, "form[action*='handler=Apply']");
        var officer = factory.NewClient();
        await officer.SignInOrFailAsync("comune@portogruaro.demo");
        await officer.ChooseNetworkAsync("portogruaro");
        var queue = await officer.GetAsync($"/gestione/carta-famiglia/domande?q={family.Surname}");
        var link = queue.Document.QuerySelector("a[href^='/gestione/carta-famiglia/domande/']")!.GetAttribute("href")!;
        var detail = await officer.GetAsync(link);
        Assert.Contains("Tommaso " + family.Surname, detail.Text);
        var approved = await officer.SubmitAsync(detail, new Dictionary<string, string?>(), "form[action*='handler=Approve']");
        Assert.Equal(HttpStatusCode.Redirect, approved.Status);
        var card = await factory.WithDbAsync(db => db.Cards.AsNoTracking().FirstAsync(c => c.HolderLastName == family.Surname));
        return (officer, card);
    }

    /// <summary>A published event of Portogruaro with one new future session of the given capacity.</summary>
    async Task<(Guid Opportunity, Guid Session, string Title)> EventAsync(int capacity) => await factory.WithDbAsync(async db =>
    {
        var o = await db.Opportunities.Where(x => x.Title == "Giocare per crescere assieme" && db.Networks.Any(n => n.Id == x.NetworkId && n.Slug == "portogruaro")).FirstAsync();
        var session = new OpportunitySession { Id = Guid.NewGuid(), OpportunityId = o.Id, StartsAt = DateTime.UtcNow.AddDays(30 + Random.Shared.Next(100)), Capacity = capacity };
        db.OpportunitySessions.Add(session);
        await db.SaveChangesAsync();
        return (o.Id, session.Id, o.Title);
    });

    static async Task RegisterAsync(TestClient client, Guid opportunity, Guid session, int places, string names)
    {
        var page = await client.GetAsync($"/opportunita/{opportunity}");
        var done = await client.SubmitAsync(page, new Dictionary<string, string?> { ["SessionId"] = session.ToString(), ["Registration.Places"] = places.ToString(), ["Registration.Participants"] = names },
            $"form[action*='handler=Register']:has(input[value='{session}'])", follow: true);
        Assert.Equal(HttpStatusCode.OK, done.Status);
    }

    static async Task<Dictionary<string, string>> DownloadAsync(TestClient client)
    {
        var response = await client.Http.GetAsync("/account/i-miei-dati?handler=Download");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        var files = new Dictionary<string, string>();
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            files[entry.FullName] = await reader.ReadToEndAsync();
        }
        return files;
    }

    [Fact]
    public async Task The_download_holds_my_household_registrations_and_consents_and_nothing_of_another_household()
    {
        var family = await RegisteredFamilyAsync();
        await HouseholdAsync(family);
        var (opportunity, session, title) = await EventAsync(capacity: 20);
        await RegisterAsync(family.Client, opportunity, session, 2, $"Lucia e Tommaso {family.Surname}");
        var other = await RegisteredFamilyAsync();
        await HouseholdAsync(other);
        await RegisterAsync(other.Client, opportunity, session, 1, $"Tommaso {other.Surname}");

        var page = await family.Client.GetAsync("/account/i-miei-dati");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.NotNull(page.Document.QuerySelector("nav[aria-label='Sezioni dell\\'account'] a[aria-current=page][href='/account/i-miei-dati']"));
        Assert.Contains("Comune di Portogruaro, 2 componenti", page.Text);
        var consents = page.Document.QuerySelector("#consensi")!.ParentElement!.TextContent;
        Assert.Contains(ConsentKinds.Label(ConsentKinds.AccountPrivacy), consents);
        Assert.Contains(PrivacyNotice.Version, consents);
        Assert.Contains(ConsentKinds.Label(ConsentKinds.HouseholdCard), consents);
        Assert.Contains("Finora nessuno del personale ha aperto i tuoi dati.", page.Text);

        var files = await DownloadAsync(family.Client);
        Assert.Equal(["dati.html", "dati.json"], files.Keys.Order().ToArray());
        using var json = JsonDocument.Parse(files["dati.json"]);
        var root = json.RootElement;
        Assert.Equal(family.Email, root.GetProperty("account").GetProperty("email").GetString());
        var household = Assert.Single(root.GetProperty("households").EnumerateArray());
        Assert.Equal("Portogruaro", household.GetProperty("comune").GetString());
        Assert.Equal(["Lucia", "Tommaso"], household.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("firstName").GetString()!).Order().ToArray());
        Assert.All(household.GetProperty("members").EnumerateArray(), m => Assert.Equal(family.Surname, m.GetProperty("lastName").GetString()));
        var registration = Assert.Single(root.GetProperty("registrations").EnumerateArray());
        Assert.Equal(title, registration.GetProperty("opportunity").GetString());
        Assert.Equal(2, registration.GetProperty("places").GetInt32());
        var versions = root.GetProperty("consents").EnumerateArray().Select(c => c.GetProperty("version").GetString()).ToList();
        Assert.Contains(PrivacyNotice.Version, versions);
        Assert.Contains(household.GetProperty("privacyVersion").GetString(), versions);

        var html = files["dati.html"];
        Assert.StartsWith("<!DOCTYPE html><html lang=\"it\">", html);
        Assert.Contains($"<td>Tommaso</td><td>{family.Surname}</td>", html);
        Assert.Contains("Giocare per crescere assieme", html);
        Assert.Contains("Informativa privacy della piattaforma", html);
        foreach (var file in files.Values)
        {
            Assert.DoesNotContain(other.Surname, file);
            Assert.DoesNotContain(other.Email, file);
        }
        // The export itself is in the account's activity.
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.UserId == family.UserId && a.Action == "account.data-export")));
    }

    [Fact]
    public async Task An_officer_opening_the_application_and_the_card_appears_in_who_read_my_data_a_page_at_a_time()
    {
        var family = await RegisteredFamilyAsync();
        await HouseholdAsync(family);
        var (officer, card) = await ApprovedCardAsync(family);
        // The officer opens the application again (the same read within the window counts once) and the card.
        var application = await factory.WithDbAsync(db => db.CardApplications.Where(a => a.HouseholdId == card.HouseholdId).Select(a => a.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/gestione/carta-famiglia/domande/{application}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/gestione/carta-famiglia/carte/{card.Id}")).Status);

        var page = await family.Client.GetAsync("/account/i-miei-dati");
        var rows = page.Document.QuerySelectorAll("#letture ~ .table-responsive tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal("Operatore comunale, Comune di Portogruaro", r[1]));
        Assert.Contains(rows, r => r[2].Contains("domanda di Carta Famiglia"));
        Assert.Contains(rows, r => r[2].Contains($"Carta Famiglia n. {card.Number}"));
        Assert.DoesNotContain("Roberto Pivetta", page.Text); // the role and the office, not the officer's name

        // The family's own look at its card is no staff read.
        await family.Client.GetAsync($"/carta-famiglia/carte/{card.Id}");
        // Many reads: a page at a time, newest first.
        await factory.WithDbAsync(async db =>
        {
            for (var i = 0; i < 25; i++)
                db.AuditEntries.Add(new AuditEntry { At = DateTime.UtcNow.AddDays(-1).AddMinutes(i), Action = PersonalDataReads.Action, EntityType = "AppUser", EntityId = family.UserId.ToString(),
                    Details = $"Referente partner, Associazione di prova{PersonalDataReads.Separator}ha aperto l'elenco degli iscritti a «Evento {i}»" });
            return await db.SaveChangesAsync();
        });
        page = await family.Client.GetAsync("/account/i-miei-dati");
        Assert.Contains("Pagina 1 di 2 · 27 risultati", page.Text);
        Assert.Contains("domanda di Carta Famiglia", page.Text);
        var second = await family.Client.GetAsync("/account/i-miei-dati?pagina=2");
        Assert.Equal(7, second.Document.QuerySelectorAll("#letture ~ .table-responsive tbody tr").Length);
        Assert.Contains("«Evento 0»", second.Text);
        Assert.Equal(HttpStatusCode.OK, (await family.Client.GetAsync("/account/i-miei-dati?pagina=999")).Status);
    }

    [Fact]
    public async Task Deleting_the_account_anonymises_keeps_the_counts_frees_the_places_and_ends_every_session()
    {
        var family = await RegisteredFamilyAsync();
        await HouseholdAsync(family);
        var (_, card) = await ApprovedCardAsync(family);
        // The adult's fiscal code, as the household page or a SPID sign-in would have written it.
        await factory.WithDbAsync(db => db.HouseholdMembers.Where(m => m.HouseholdId == card.HouseholdId && m.Role == MemberRole.Adult)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.FiscalCode, "RSSMRA80A01H501U").SetProperty(m => m.FiscalCodeVerifiedAt, DateTime.UtcNow)));
        // A purchase at the counter, recorded by the merchant.
        var merchant = factory.NewClient();
        await merchant.SignInOrFailAsync("esercente@portogruaro.demo");
        await merchant.ChooseNetworkAsync("portogruaro");
        var counter = await merchant.GetAsync("/esercente/verifica");
        var sold = await merchant.SubmitAsync(counter, new Dictionary<string, string?> { ["Input.Code"] = card.Number, ["Input.Record"] = "true", ["Input.PurchaseAmount"] = "30" }, "#verify-form");
        Assert.Equal("ValidCheckDocument", sold.Document.QuerySelector("#esito")?.GetAttribute("data-verdict"));
        var shop = await factory.WithDbAsync(db => db.Redemptions.Where(r => r.CardId == card.Id).Select(r => r.ShopId).FirstAsync());
        var monthsBefore = await factory.WithDbAsync(db => db.RedemptionMonths.Where(m => m.ShopId == shop).SumAsync(m => m.Count));
        // The family takes the event's two places; another family waits for them.
        var (opportunity, session, _) = await EventAsync(capacity: 2);
        await RegisterAsync(family.Client, opportunity, session, 2, $"Lucia e Tommaso {family.Surname}");
        var waiting = await RegisteredFamilyAsync();
        await RegisterAsync(waiting.Client, opportunity, session, 1, "Anna");
        // A second session of the family (another browser), and an attendance at a past date that must stay counted.
        var phone = factory.NewClient();
        await phone.SignInOrFailAsync(family.Email, Password);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/account")).Status);

        var confirm = await family.Client.GetAsync("/account/elimina");
        Assert.Contains("Che cosa resta, in forma anonima", confirm.Text);
        var wrong = await family.Client.SubmitAsync(confirm, new Dictionary<string, string?> { ["Input.Password"] = "non-la-mia-password-1" });
        Assert.Equal(HttpStatusCode.OK, wrong.Status);
        Assert.Contains("La password non è corretta.", wrong.Errors);
        Assert.Null(await factory.WithDbAsync(db => db.Users.Where(u => u.Id == family.UserId).Select(u => u.DeletedAt).FirstAsync()));

        // Ten identical confirmations at once: one deletion, no error, each lands on the goodbye page.
        var statuses = await Concurrently.SubmitAsync(family.Client, confirm, new Dictionary<string, string?> { ["Input.Password"] = Password });
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.Redirect or HttpStatusCode.OK, s.ToString()));
        Assert.Equal(1, await factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "account.delete" && a.EntityId == family.UserId.ToString())));
        var goodbye = await factory.NewClient().GetAsync("/account/eliminato");
        Assert.Contains("Il tuo account è stato eliminato", goodbye.Text);

        // Anonymised: no e-mail, no name left in the account row or the household; the card revoked; the places freed.
        var user = await factory.WithDbAsync(db => db.Users.AsNoTracking().FirstAsync(u => u.Id == family.UserId));
        Assert.NotNull(user.DeletedAt);
        Assert.DoesNotContain(family.Email, user.Email + user.UserName + user.NormalizedEmail, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(family.Surname, user.DisplayName);
        Assert.Null(user.PasswordHash);
        var members = await factory.WithDbAsync(db => db.HouseholdMembers.Where(m => m.HouseholdId == card.HouseholdId).ToListAsync());
        Assert.Equal(2, members.Count);
        Assert.All(members, m => Assert.DoesNotContain(family.Surname, m.FirstName + m.LastName));
        Assert.DoesNotContain(members, m => m.FirstName is "Lucia" or "Tommaso");
        Assert.All(members, m => Assert.Null(m.FiscalCode));
        Assert.All(members, m => Assert.Null(m.FiscalCodeVerifiedAt));
        // The application's evidence goes too: the address it was made from.
        Assert.All(await factory.WithDbAsync(db => db.CardApplications.Where(a => a.HouseholdId == card.HouseholdId).Select(a => a.ResidenceAddress).ToListAsync()), address => Assert.Null(address));
        var after = await factory.WithDbAsync(db => db.Cards.AsNoTracking().FirstAsync(c => c.Id == card.Id));
        Assert.Equal(CardStatus.Revoked, after.Status);
        Assert.DoesNotContain(family.Surname, after.HolderFirstName + after.HolderLastName);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Redemptions.CountAsync(r => r.CardId == card.Id)));
        Assert.Equal(monthsBefore, await factory.WithDbAsync(db => db.RedemptionMonths.Where(m => m.ShopId == shop).SumAsync(m => m.Count)));
        var registrations = await factory.WithDbAsync(db => db.Registrations.Where(r => r.SessionId == session).OrderBy(r => r.CreatedAt).Select(r => new { r.UserId, r.Status, r.Participants }).ToListAsync());
        Assert.Equal(RegistrationStatus.Cancelled, registrations[0].Status);
        Assert.Equal("", registrations[0].Participants);
        Assert.Equal(RegistrationStatus.Confirmed, registrations[1].Status); // the waiting family got the freed place
        Assert.Equal(1, await factory.WithDbAsync(db => db.OpportunitySessions.Where(s => s.Id == session).Select(s => s.Taken).FirstAsync()));
        Assert.False(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.UserName == family.Email || a.Details!.Contains(family.Email))));
        Assert.False(await factory.WithDbAsync(db => db.AuthSessions.AnyAsync(s => s.UserId == family.UserId)));

        // Every session has ended, and nobody can sign in to the account.
        Assert.Equal(HttpStatusCode.Redirect, (await family.Client.GetAsync("/account")).Status);
        var elsewhere = await phone.GetAsync("/account");
        Assert.Equal(HttpStatusCode.Redirect, elsewhere.Status);
        Assert.StartsWith("/account/accedi", new Uri(new Uri("http://x"), elsewhere.Location!).AbsolutePath);
        var again = await factory.NewClient().SignInAsync(family.Email, Password);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.NotEmpty(again.Errors);
    }

    [Fact]
    public async Task The_last_coordinator_of_a_network_is_told_to_name_another_first_and_an_account_without_password_confirms_by_typing()
    {
        var coordinator = factory.NewClient();
        await coordinator.AsCoordinatorOfAsync("brianza");
        var page = await coordinator.GetAsync("/account/elimina");
        Assert.Contains("Sei l'unico coordinatore della rete «", page.Text);
        Assert.Null(page.Document.QuerySelector("form[method=post] input[name='Input.Password']"));
        var token = page.Document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? (await coordinator.GetAsync("/account")).Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var forced = await coordinator.Http.PostAsync("/account/elimina", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["__RequestVerificationToken"] = token, ["Input.Password"] = Alleanza.Web.Demo.DemoData.Password }));
        Assert.Equal(HttpStatusCode.OK, forced.StatusCode);
        Assert.Contains("unico coordinatore", WebUtility.HtmlDecode(await forced.Content.ReadAsStringAsync()));
        Assert.Null(await factory.WithDbAsync(db => db.Users.Where(u => u.Email == "coordinatore@brianza.demo").Select(u => u.DeletedAt).FirstAsync()));

        // An account with passkeys only (no password) types ELIMINA.
        var family = await RegisteredFamilyAsync();
        await factory.WithDbAsync(db => db.Users.Where(u => u.Id == family.UserId).ExecuteUpdateAsync(u => u.SetProperty(x => x.PasswordHash, (string?)null)));
        var confirm = await family.Client.GetAsync("/account/elimina");
        Assert.NotNull(confirm.Document.QuerySelector("input[name='Input.Confirmation']"));
        var lower = await family.Client.SubmitAsync(confirm, new Dictionary<string, string?> { ["Input.Confirmation"] = "elimina" });
        Assert.Contains("Scrivi ELIMINA (in maiuscolo) per confermare.", lower.Errors);
        var done = await family.Client.SubmitAsync(confirm, new Dictionary<string, string?> { ["Input.Confirmation"] = "ELIMINA" });
        Assert.Equal("/account/eliminato", done.Location);
        Assert.NotNull(await factory.WithDbAsync(db => db.Users.Where(u => u.Id == family.UserId).Select(u => u.DeletedAt).FirstAsync()));
    }
}
