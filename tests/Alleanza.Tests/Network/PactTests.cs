using System.Net;
using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Modules.Network;
using Alleanza.Web.Modules.Network.Pact;
using Alleanza.Web.Platform.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Alleanza.Tests.Network;

/// <summary>The collaboration pact through HTTP: versions, adhesions, renewal, withdrawal, the public page, isolation.</summary>
public class PactTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    const string Password = "patto-2026-ok";

    static readonly string PactText = """
        Il patto unisce i Comuni del consorzio, le scuole e le associazioni per le famiglie.

        ## Art. 1 — Impegni
        - pubblicare le opportunità sulla piattaforma;
        - partecipare ai **tavoli di lavoro**.
        """;

    Task<Guid> NetworkAsync(string slug) => factory.WithDbAsync(db => db.Networks.Where(n => n.Slug == slug).Select(n => n.Id).FirstAsync());

    Task<Guid> PartnerAsync(string name) => factory.WithDbAsync(db => db.Partners.Where(p => p.Name == name).Select(p => p.Id).FirstAsync());

    async Task<TestClient> SignedInAsync(string email, string network, string password = Alleanza.Web.Demo.DemoData.Password)
    {
        var client = factory.NewClient();
        await client.SignInOrFailAsync(email, password);
        await client.ChooseNetworkAsync(network);
        return client;
    }

    /// <summary>A new person with the partner-staff role for <paramref name="partnerName"/>.</summary>
    async Task<(TestClient Client, string Email)> NewStaffAsync(string network, string partnerName, NetworkRole role = NetworkRole.PartnerStaff)
    {
        var email = $"staff-{Guid.NewGuid():N}@esempio.it";
        var partner = await PartnerAsync(partnerName);
        var networkId = await NetworkAsync(network);
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { Id = Guid.NewGuid(), UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Teresa Galli", CreatedAt = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            var db = scope.ServiceProvider.GetRequiredService<Alleanza.Web.Platform.Data.AppDbContext>();
            db.Memberships.Add(new Membership { Id = Guid.NewGuid(), UserId = user.Id, NetworkId = networkId, Role = role, PartnerId = partner, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        return (await SignedInAsync(email, network, Password), email);
    }

    static async Task<TestClient.Page> PublishDraftAsync(TestClient coordinator, string title, string text, string? change = null)
    {
        var versions = await coordinator.GetAsync("/gestione/patto/versioni");
        Assert.Equal(HttpStatusCode.OK, versions.Status);
        // The draft being prepared, or a new one (only one draft at a time).
        var resume = versions.Document.QuerySelector("a.btn[href^='/gestione/patto/versioni/']")?.GetAttribute("href");
        var location = resume ?? (await coordinator.SubmitAsync(versions, new Dictionary<string, string?>(), "form[action*='handler=Draft']")).Location!;
        var editor = await coordinator.GetAsync(location);
        Assert.Equal(HttpStatusCode.OK, editor.Status);
        var saved = await coordinator.SubmitAsync(editor, new Dictionary<string, string?> { ["Input.Title"] = title, ["Input.Text"] = text, ["Input.ChangeSummary"] = change });
        Assert.True(saved.Status == HttpStatusCode.Redirect, string.Join(" | ", saved.Errors));
        var confirm = await coordinator.GetAsync(location + "/pubblica");
        Assert.Equal(HttpStatusCode.OK, confirm.Status);
        var published = await coordinator.SubmitAsync(confirm, new Dictionary<string, string?>(), "main form", follow: true);
        Assert.Equal(HttpStatusCode.OK, published.Status);
        return published;
    }

    static Task<TestClient.Page> AdhereAsync(TestClient staff, TestClient.Page page, string? commitments = "Sportello di ascolto per genitori il martedì.", Dictionary<string, string?>? extra = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Input.SignatoryName"] = "Teresa Galli", ["Input.SignatoryRole"] = "Presidente", ["Input.Commitments"] = commitments, ["Input.Declaration"] = "true",
        };
        foreach (var (k, v) in extra ?? []) values[k] = v;
        return staff.SubmitAsync(page, values, "main form[method=post]");
    }

    static List<string> Names(TestClient.Page page, string list) =>
        page.Document.QuerySelectorAll($"#{list} li").Select(li => li.QuerySelector("strong")?.TextContent.Trim() ?? li.TextContent.Trim()).ToList();

    [Fact]
    public async Task Publish_adhere_renew_on_a_new_version_and_withdraw()
    {
        const string partner = "Centro per le famiglie CIdiS";
        var network = await NetworkAsync("cidis");
        var coordinator = factory.NewClient();
        await coordinator.AsCoordinatorOfAsync("cidis");
        var visitor = factory.NewClient();

        // Nothing published yet: honest empty states.
        Assert.Contains("non ancora pubblicato", (await coordinator.GetAsync("/gestione/patto")).Text);
        var empty = await visitor.GetAsync("/rete/patto?rete=cidis");
        Assert.Equal(HttpStatusCode.OK, empty.Status);
        Assert.Contains("non ha ancora pubblicato", empty.Text);

        // The draft: validation, preview, not public until published.
        var versions = await coordinator.GetAsync("/gestione/patto/versioni");
        var opened = await coordinator.SubmitAsync(versions, new Dictionary<string, string?>(), "form[action*='handler=Draft']");
        Assert.Equal("/gestione/patto/versioni/1", opened.Location);
        // Only one draft at a time: asking again (from a page read before) opens the same one.
        Assert.Equal("/gestione/patto/versioni/1", (await coordinator.SubmitAsync(versions, new Dictionary<string, string?>(), "form[action*='handler=Draft']")).Location);
        Assert.Equal(1, await factory.WithDbAsync(db => db.PactVersions.CountAsync(v => v.NetworkId == network)));
        var notYet = await coordinator.GetAsync("/gestione/patto/versioni/1/pubblica");
        Assert.Contains("La bozza non si può ancora pubblicare", notYet.Text); // a new draft has no text yet
        Assert.Null(notYet.Document.QuerySelector("main form[method=post]"));
        var editor = await coordinator.GetAsync("/gestione/patto/versioni/1");
        var invalid = await coordinator.SubmitAsync(editor, new Dictionary<string, string?> { ["Input.Title"] = "", ["Input.Text"] = "Troppo corto" });
        Assert.Equal(HttpStatusCode.OK, invalid.Status);
        Assert.Contains("Inserisci il titolo del patto.", invalid.Errors);
        Assert.Contains("Il testo del patto deve avere tra 50 e 60.000 caratteri.", invalid.Errors);
        var preview = await coordinator.SubmitAsync(editor, new Dictionary<string, string?>
            { ["Input.Title"] = "Patto per le famiglie del CIdiS", ["Input.Text"] = PactText + "\n<script>alert(1)</script>", ["anteprima"] = "1" });
        Assert.Equal(HttpStatusCode.OK, preview.Status);
        var previewHtml = preview.Document.QuerySelector("#anteprima + article")!.InnerHtml;
        Assert.Contains("<strong>tavoli di lavoro</strong>", previewHtml);
        Assert.DoesNotContain("<script>", previewHtml); // Markdown without raw HTML
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/rete/patto/versioni/1")).Status);
        Assert.Contains("non ha ancora pubblicato", (await visitor.GetAsync("/rete/patto")).Text);

        var published = await PublishDraftAsync(coordinator, "Patto per le famiglie del CIdiS", PactText);
        Assert.Contains("Versione 1 pubblicata", published.Text);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "pact.publish" && a.NetworkId == network)));

        // A partner's staff adheres: validation first.
        var (staff, staffEmail) = await NewStaffAsync("cidis", partner);
        var form = await staff.GetAsync("/rete/patto/adesione");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        Assert.Equal("Teresa Galli", form.Document.QuerySelector("#Input_SignatoryName")!.GetAttribute("value")); // from the account
        var refused = await AdhereAsync(staff, form, extra: new() { ["Input.Declaration"] = null, ["Input.SignatoryRole"] = "" });
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("Per aderire dichiara di aver letto il testo del patto e di accettarlo a nome dell'ente.", refused.Errors);
        Assert.Contains("Indica il ruolo di chi firma nell'ente (per esempio presidente, dirigente scolastico, sindaco).", refused.Errors);
        var adhered = await AdhereAsync(staff, form);
        Assert.Equal(HttpStatusCode.Redirect, adhered.Status);
        Assert.Contains("aderisce alla versione 1", (await staff.OpenAsync(adhered.Location!)).Text);

        // The public page lists it by kind, with its commitments.
        var page = await visitor.GetAsync("/rete/patto");
        Assert.Contains("Patto per le famiglie del CIdiS", page.Document.QuerySelector("h1")!.TextContent);
        Assert.Equal([partner], Names(page, "elenco-aderenti"));
        Assert.Equal("Associazione di famiglie", page.Document.QuerySelector("#elenco-aderenti h3")!.TextContent.Trim());
        Assert.Contains("Sportello di ascolto per genitori il martedì.", page.Document.QuerySelector("#elenco-aderenti")!.TextContent);
        Assert.Contains("/rete/patto?rete=cidis", page.Text);
        Assert.Null(page.Document.QuerySelector("#elenco-rinnovo"));

        // Version 2: the adhesion is to renew, shown apart, and the partner's staff is told by e-mail.
        var second = await PublishDraftAsync(coordinator, "Patto per le famiglie del CIdiS", PactText + "\n## Art. 2 — Verifica\nOgni anno gli aderenti verificano gli impegni.",
            "Aggiunta la verifica annuale degli impegni.");
        Assert.Contains("Abbiamo scritto a 1 referente", second.Text);
        if (TestEnvironment.MaildevApi is not null)
        {
            var mail = await Mailbox.WaitForAsync(staffEmail, "versione 2");
            Assert.Contains("rinnovate l'adesione", mail.Text);
            Assert.Contains("Aggiunta la verifica annuale", mail.Text);
            Assert.StartsWith("/rete/patto/adesione?rete=cidis", Mailbox.LinkIn(mail));
        }
        page = await visitor.GetAsync("/rete/patto");
        Assert.Empty(Names(page, "elenco-aderenti"));
        Assert.Contains(partner, page.Document.QuerySelector("#elenco-rinnovo")!.TextContent);
        Assert.Contains("non più in vigore", (await visitor.GetAsync("/rete/patto/versioni/1")).Text);
        Assert.Contains("Da rinnovare", (await coordinator.GetAsync("/gestione/patto?stato=2")).Document.QuerySelector("tbody")!.TextContent);

        // Re-adhering: a form read before the new version is refused, then the current one is accepted.
        form = await staff.GetAsync("/rete/patto/adesione");
        Assert.Contains("È stata pubblicata la versione 2 del patto", form.Text);
        Assert.Equal("Sportello di ascolto per genitori il martedì.", form.Document.QuerySelector("#Input_Commitments")!.TextContent.Trim()); // carried over
        var stale = await AdhereAsync(staff, form, extra: new() { ["Input.VersionNumber"] = "1" });
        Assert.Contains("Nel frattempo è stata pubblicata la versione 2 del patto: leggila qui sotto e conferma di nuovo.", stale.Errors);
        var renewed = await AdhereAsync(staff, form, "Sportello di ascolto il martedì e il giovedì.");
        Assert.Equal(HttpStatusCode.Redirect, renewed.Status);
        page = await visitor.GetAsync("/rete/patto");
        Assert.Equal([partner], Names(page, "elenco-aderenti"));
        Assert.Contains("il martedì e il giovedì", page.Text);
        Assert.Null(page.Document.QuerySelector("#elenco-rinnovo"));

        // Withdrawal: a reason is needed; then the partner leaves the list and the history stays.
        var withdraw = await staff.GetAsync("/rete/patto/adesione/ritira");
        var noReason = await staff.SubmitAsync(withdraw, new Dictionary<string, string?> { ["Input.Reason"] = "" }, "main form[method=post]");
        Assert.Contains("Scrivi il motivo del ritiro.", noReason.Errors);
        var withdrawn = await staff.SubmitAsync(withdraw, new Dictionary<string, string?> { ["Input.Reason"] = "Il centro chiude per ristrutturazione." }, "main form[method=post]");
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.Status);
        page = await visitor.GetAsync("/rete/patto");
        Assert.Empty(Names(page, "elenco-aderenti"));
        Assert.DoesNotContain(partner, page.Text);

        var partnerId = await PartnerAsync(partner);
        var history = await factory.WithDbAsync(db => db.PactAdhesions.Where(a => a.PartnerId == partnerId).OrderBy(a => a.VersionNumber).ToListAsync());
        Assert.Equal([1, 2], history.Select(a => a.VersionNumber));
        Assert.NotNull(history[0].SupersededAt);
        Assert.Equal("Il centro chiude per ristrutturazione.", history[1].WithdrawalReason);
        Assert.All(history, a => Assert.Null(a.LivePartnerId));
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "pact.withdraw" && a.EntityId == history[1].Id.ToString())));
        Assert.Equal(2, await factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "pact.adhere" && a.NetworkId == network)));

        var overview = await coordinator.GetAsync("/gestione/patto?stato=3");
        Assert.Contains(partner, overview.Document.QuerySelector("tbody")!.TextContent);
        var detail = await coordinator.GetAsync($"/gestione/patto/enti/{partnerId}");
        Assert.Contains("Il centro chiude per ristrutturazione.", detail.Text);
        Assert.Contains("Sostituita da un'adesione successiva", detail.Text);
    }

    [Fact]
    public async Task Coordinator_records_a_paper_adhesion_with_checked_dates_and_withdraws_it()
    {
        var partnerId = await PartnerAsync("Polisportiva Concordiese");
        var coordinator = factory.NewClient();
        await coordinator.AsCoordinatorOfAsync("portogruaro");
        var page = await coordinator.GetAsync($"/gestione/patto/enti/{partnerId}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Mai aderito", page.Text);

        var published = await factory.WithDbAsync(db => db.PactVersions.Where(v => v.Status == PactVersionStatus.Published && db.Networks.Any(n => n.Id == v.NetworkId && n.Slug == "portogruaro"))
            .Select(v => v.PublishedAt!.Value).FirstAsync());
        var values = new Dictionary<string, string?>
        {
            ["Input.SignatoryName"] = "Franco Bozzato", ["Input.SignatoryRole"] = "Presidente", ["Input.VersionNumber"] = "1",
            ["Input.SignedOn"] = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd"), ["Input.Commitments"] = "Corsi di minibasket gratuiti per il primo mese.",
        };
        var future = await coordinator.SubmitAsync(page, values);
        Assert.Contains("La data della firma non può essere nel futuro.", future.Errors);
        values["Input.SignedOn"] = published.AddDays(-20).ToString("yyyy-MM-dd");
        var early = await coordinator.SubmitAsync(page, values);
        Assert.Contains(early.Errors, e => e.Contains("la firma non può essere precedente"));
        values["Input.VersionNumber"] = "7";
        Assert.Contains("Scegli una versione pubblicata del patto.", (await coordinator.SubmitAsync(page, values)).Errors);
        values["Input.SignedOn"] = DateTime.UtcNow.ToString("yyyy-MM-dd");
        values["Input.VersionNumber"] = "1";
        var recorded = await coordinator.SubmitAsync(page, values, follow: true);
        Assert.Contains("Adesione di «Polisportiva Concordiese» alla versione 1 registrata.", recorded.Text);
        var again = await coordinator.SubmitAsync(recorded, values, "main form[method=post]");
        Assert.Contains("L'ente aderisce già alla versione 1 del patto.", again.Errors);

        var adhesion = await factory.WithDbAsync(db => db.PactAdhesions.SingleAsync(a => a.PartnerId == partnerId));
        Assert.Equal(AdhesionChannel.Paper, adhesion.Channel);
        Assert.Equal("Giulia Bortolin", adhesion.RecordedByName);
        Assert.Contains("Polisportiva Concordiese", (await coordinator.GetAsync("/gestione/patto?stato=1&q=polisportiva")).Document.QuerySelector("tbody")!.TextContent);
        var visitor = factory.NewClient();
        await visitor.ChooseNetworkAsync("portogruaro");
        Assert.Contains("Polisportiva Concordiese", Names(await visitor.GetAsync("/rete/patto?tipo=5"), "elenco-aderenti"));

        var confirm = await coordinator.GetAsync($"/gestione/patto/enti/{partnerId}/ritira");
        var done = await coordinator.SubmitAsync(confirm, new Dictionary<string, string?> { ["Input.Reason"] = "Richiesta scritta del presidente." }, "main form[method=post]");
        Assert.Equal(HttpStatusCode.Redirect, done.Status);
        Assert.Contains("Polisportiva Concordiese", (await coordinator.GetAsync("/gestione/patto?stato=3&q=polisportiva")).Document.QuerySelector("tbody")!.TextContent);
        Assert.DoesNotContain("Polisportiva Concordiese", (await visitor.GetAsync("/rete/patto")).Text);
    }

    [Fact]
    public async Task A_merchant_adheres_for_its_business_and_partner_staff_cannot_adhere_for_another_partner()
    {
        var merchant = await SignedInAsync("esercente@portogruaro.demo", "portogruaro");
        var form = await merchant.GetAsync("/rete/patto/adesione");
        Assert.Contains("Cartoleria Il Quaderno", form.Document.QuerySelector(".lead")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await AdhereAsync(merchant, form, "Sconto del 10% sul materiale scolastico con la Carta Famiglia.")).Status);
        var visitor = factory.NewClient();
        await visitor.ChooseNetworkAsync("portogruaro");
        var business = await visitor.GetAsync("/rete/patto?tipo=8");
        Assert.Contains("Cartoleria Il Quaderno", Names(business, "elenco-aderenti"));
        Assert.Contains("Sconto del 10% sul materiale scolastico", business.Text);

        // The stationer's staff asking for another partner, its own network's or not: 404, and nothing recorded.
        var other = await PartnerAsync("Associazione Famiglie del Portogruarese");
        var foreign = await PartnerAsync("Comune di Seveso");
        Assert.Equal(HttpStatusCode.NotFound, (await merchant.GetAsync($"/rete/patto/adesione?ente={other}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await merchant.GetAsync($"/rete/patto/adesione?ente={foreign}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await merchant.GetAsync("/rete/patto/adesione?ente=niente")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await merchant.GetAsync($"/rete/patto/adesione/ritira?ente={other}")).Status);
        var token = form.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var post = await merchant.Http.PostAsync($"/rete/patto/adesione?ente={other}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Input.SignatoryName"] = "Anna Furlan", ["Input.SignatoryRole"] = "Titolare",
            ["Input.Declaration"] = "true", ["Input.VersionNumber"] = "1",
        }));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        var withdraw = await merchant.Http.PostAsync($"/rete/patto/adesione/ritira?ente={await PartnerAsync("Comune di Portogruaro")}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Input.Reason"] = "Non è il mio ente.",
        }));
        Assert.Equal(HttpStatusCode.NotFound, withdraw.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.PactAdhesions.AnyAsync(a => a.PartnerId == other)));
        Assert.True(await factory.WithDbAsync(db => db.PactAdhesions.AnyAsync(a => a.LivePartnerId != null && db.Partners.Any(p => p.Id == a.PartnerId && p.Name == "Comune di Portogruaro"))));

        // Families and coordinators do not sign for a partner here.
        var family = await SignedInAsync("famiglia@portogruaro.demo", "portogruaro");
        var denied = await family.GetAsync("/rete/patto/adesione");
        Assert.Equal(HttpStatusCode.Redirect, denied.Status);
        Assert.Contains("/account/accesso-negato", denied.Location);
    }

    [Fact]
    public async Task Another_networks_coordinator_gets_404_on_the_pact_objects()
    {
        var foreign = await PartnerAsync("Comune di Portogruaro");
        var client = factory.NewClient();
        await client.AsCoordinatorOfAsync("brianza");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/gestione/patto/enti/{foreign}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/gestione/patto/enti/{foreign}/ritira")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/gestione/patto/versioni/1")).Status); // Portogruaro's version 1 is not Brianza's

        var own = await client.GetAsync("/gestione/patto");
        var token = own.Document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? (await client.GetAsync("/gestione/patto/versioni")).Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var record = await client.Http.PostAsync($"/gestione/patto/enti/{foreign}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Input.SignatoryName"] = "Paolo Colombo", ["Input.SignatoryRole"] = "Coordinatore",
            ["Input.VersionNumber"] = "1", ["Input.SignedOn"] = DateTime.UtcNow.ToString("yyyy-MM-dd"),
        }));
        Assert.Equal(HttpStatusCode.NotFound, record.StatusCode);
        var withdraw = await client.Http.PostAsync($"/gestione/patto/enti/{foreign}/ritira", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Input.Reason"] = "Non dovrei poterlo fare.",
        }));
        Assert.Equal(HttpStatusCode.NotFound, withdraw.StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.PactAdhesions.AnyAsync(a => a.LivePartnerId == foreign)));
        Assert.Empty((await client.GetAsync("/gestione/patto?q=portogruaro")).Document.QuerySelectorAll("tbody tr"));

        // Brianza's public page shows Brianza's (missing) pact, not Portogruaro's.
        var page = await client.GetAsync("/rete/patto");
        Assert.Contains("non ha ancora pubblicato", page.Text);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/rete/patto/versioni/1")).Status);
    }

    [Fact]
    public async Task Lucca_public_page_and_the_figures_and_commitments_equal_direct_counts()
    {
        var network = await NetworkAsync("lucca");
        var visitor = factory.NewClient();
        var page = await visitor.GetAsync("/rete/patto?rete=lucca");
        Assert.Contains("Versione 2", page.Text);
        Assert.Contains("Scuola dell'infanzia comunale San Vito", page.Document.QuerySelector("#elenco-rinnovo")!.TextContent);
        Assert.Contains("Condividimi — rete di scambio", Names(page, "elenco-aderenti"));
        Assert.Contains("Versione 1", page.Document.QuerySelector("#versioni + ul")!.TextContent);

        PactFigures figures;
        List<PactCommitment> commitments;
        using (var scope = factory.Services.CreateScope())
        {
            var queries = scope.ServiceProvider.GetRequiredService<PactQueries>();
            figures = await queries.FiguresAsync(network);
            commitments = await queries.CommitmentsAsync(network);
        }
        var all = await factory.WithDbAsync(db => db.PactAdhesions.Where(a => a.NetworkId == network).ToListAsync());
        var kinds = await factory.WithDbAsync(db => db.Partners.Where(p => p.NetworkId == network).ToDictionaryAsync(p => p.Id, p => p.Kind));
        var live = all.Where(a => a.IsLive).ToList();
        Assert.Equal(2, figures.CurrentNumber);
        Assert.Equal(live.Count(a => a.VersionNumber == 2), figures.Adhering);
        Assert.Equal(live.Count(a => a.VersionNumber < 2), figures.ToRenew);
        Assert.Equal(all.Where(a => a.WithdrawnAt != null).Select(a => a.PartnerId).Distinct().Count(p => live.All(l => l.PartnerId != p)), figures.Withdrawn);
        Assert.Equal((4, 1, 1), (figures.Adhering, figures.ToRenew, figures.Withdrawn));
        Assert.Equal(live.Where(a => a.VersionNumber == 2).GroupBy(a => kinds[a.PartnerId]).OrderBy(g => g.Key).Select(g => (g.Key, g.Count())), figures.AdheringByKind);
        Assert.Equal(live.Count(a => a.Commitments != null), commitments.Count);
        var school = Assert.Single(commitments, c => c.PartnerName == "Scuola dell'infanzia comunale San Vito");
        Assert.False(school.CurrentVersion);
        Assert.Equal(1, school.VersionNumber);
        Assert.Contains("Panathlon", school.Commitments);
        Assert.All(commitments.Where(c => c.PartnerName != school.PartnerName), c => Assert.True(c.CurrentVersion));
    }
}
