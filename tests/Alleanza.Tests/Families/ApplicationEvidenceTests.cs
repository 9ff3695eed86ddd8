using System.Net;
using System.Net.Http.Headers;
using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Modules.Families;
using Alleanza.Web.Modules.FamilyCard;
using Alleanza.Web.Platform.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Alleanza.Tests.Families;

/// <summary>
/// What an officer checks, through HTTP on both engines: fiscal codes on the household page, the application with the
/// residence address, the ISEE protocol and attachments; the officer asks for more, the family answers, the officer
/// approves; every step mailed and audited; identical requests at once change the state once.
/// </summary>
public class ApplicationEvidenceTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    const string Password = "famiglia-2026";
    static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();

    async Task<(TestClient Client, string Email, Guid UserId)> NewFamilyAsync()
    {
        var email = $"ev-{Guid.NewGuid():N}@esempio.it";
        var id = Guid.NewGuid();
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.True((await users.CreateAsync(new AppUser { Id = id, UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Famiglia", CreatedAt = DateTime.UtcNow }, Password)).Succeeded);
        }
        var client = factory.NewClient();
        await client.SignInOrFailAsync(email, Password);
        await client.ChooseNetworkAsync("portogruaro");
        return (client, email, id);
    }

    async Task<TestClient> OfficerAsync()
    {
        var officer = factory.NewClient();
        await officer.SignInOrFailAsync("comune@portogruaro.demo");
        await officer.ChooseNetworkAsync("portogruaro");
        return officer;
    }

    /// <summary>Portogruaro asks for the ISEE (a ceiling) and for an identity document.</summary>
    async Task StrictRulesAsync() => await factory.WithDbAsync(async db =>
    {
        var network = await db.Networks.Where(n => n.Slug == "portogruaro").Select(n => n.Id).FirstAsync();
        var rules = await db.CardRules.FirstOrDefaultAsync(r => r.NetworkId == network);
        if (rules is null) { rules = new CardRules { NetworkId = network }; db.CardRules.Add(rules); }
        rules.IseeCeiling = 40000;
        rules.AttachmentsRequired = true;
        rules.AttachmentsHint = "documento d'identità dell'adulto che fa la domanda";
        rules.AutoApprove = false;
        await db.SaveChangesAsync();
        return 0;
    });

    static async Task<TestClient.Page> PostWithFilesAsync(TestClient client, TestClient.Page page, string formSelector, IDictionary<string, string?> values, params (string Field, string Name, byte[] Bytes)[] files)
    {
        var (target, fields) = TestClient.FormOf(page, values, formSelector);
        using var content = new MultipartFormDataContent();
        foreach (var (k, v) in fields) content.Add(new StringContent(v), k);
        foreach (var (field, name, bytes) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Add(file, field, name);
        }
        var response = await client.Http.PostAsync(target, content);
        var result = await client.GetAsync(target); // the page as it is now
        return response.StatusCode == HttpStatusCode.Redirect ? result : await ReadAsync(client, response);
    }

    static async Task<TestClient.Page> ReadAsync(TestClient _, HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        return new TestClient.Page(response, html, new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html));
    }

    [Fact]
    public async Task The_family_gives_fiscal_codes_applies_with_its_evidence_the_officer_asks_for_more_the_family_answers_and_the_officer_approves()
    {
        await StrictRulesAsync();
        var (family, email, userId) = await NewFamilyAsync();
        var surname = "Evidenza" + Guid.NewGuid().ToString("N")[..6];
        var comune = await factory.WithDbAsync(db => db.Comuni.Where(c => c.Name == "Portogruaro").Select(c => c.Id).FirstAsync());
        var page = await family.GetAsync("/carta-famiglia/nucleo");
        var today = RomeDate.Today;
        var saved = await family.SubmitAsync(page, new Dictionary<string, string?> { ["Basics.ComuneId"] = comune.ToString(), ["Basics.IseeBand"] = "UpTo20000",
            ["Basics.IseeDate"] = today.ToString("yyyy-MM-dd"), ["Basics.Consent"] = "true" }, "form[action*='handler=Basics']");
        Assert.True(saved.Status == HttpStatusCode.Redirect, string.Join(" | ", saved.Errors));

        // The adult's code, made for her birth date and sex; a code of someone else's date is refused with the reason.
        var born = new DateOnly(1985, 3, 2);
        var letters = new string(Enumerable.Range(0, 6).Select(_ => (char)('A' + Random.Shared.Next(26))).ToArray());
        var first15 = letters + "85C42H501"; // 2 March 1985, a woman (42 = 2 + 40), born in Roma
        var code = first15 + ItalianFiscalCode.CheckCharacter(first15);
        page = await family.GetAsync("/carta-famiglia/nucleo");
        var wrong = await family.SubmitAsync(page, new Dictionary<string, string?> { ["Member.Role"] = "Adult", ["Member.FirstName"] = "Anna", ["Member.LastName"] = surname,
            ["Member.BirthDate"] = "1985-03-03", ["Member.FiscalCode"] = code, ["Member.Sex"] = "Female" }, "form[action*='handler=Member']");
        Assert.Equal(HttpStatusCode.OK, wrong.Status);
        Assert.Contains("Il codice fiscale indica la nascita il 02/03/..85", wrong.Text);
        Assert.Equal("true", wrong.Document.QuerySelector("[name='Member.FiscalCode']")!.GetAttribute("aria-invalid"));
        var man = await family.SubmitAsync(page, new Dictionary<string, string?> { ["Member.Role"] = "Adult", ["Member.FirstName"] = "Anna", ["Member.LastName"] = surname,
            ["Member.BirthDate"] = born.ToString("yyyy-MM-dd"), ["Member.FiscalCode"] = code, ["Member.Sex"] = "Male" }, "form[action*='handler=Member']");
        Assert.Contains("è di una donna", man.Text);
        var added = await family.SubmitAsync(page, new Dictionary<string, string?> { ["Member.Role"] = "Adult", ["Member.FirstName"] = "Anna", ["Member.LastName"] = surname,
            ["Member.BirthDate"] = born.ToString("yyyy-MM-dd"), ["Member.FiscalCode"] = code.ToLowerInvariant(), ["Member.Sex"] = "Female" }, "form[action*='handler=Member']");
        Assert.True(added.Status == HttpStatusCode.Redirect, string.Join(" | ", added.Errors));
        page = await family.GetAsync("/carta-famiglia/nucleo");
        var child = await family.SubmitAsync(page, new Dictionary<string, string?> { ["Member.Role"] = "Child", ["Member.FirstName"] = "Lia", ["Member.LastName"] = surname,
            ["Member.BirthDate"] = "2018-05-10" }, "form[action*='handler=Member']");
        Assert.Equal(HttpStatusCode.Redirect, child.Status);
        // The same code for another family's member in the network: refused.
        var (other, _, _) = await NewFamilyAsync();
        var otherPage = await other.GetAsync("/carta-famiglia/nucleo");
        await other.SubmitAsync(otherPage, new Dictionary<string, string?> { ["Basics.ComuneId"] = comune.ToString(), ["Basics.Consent"] = "true" }, "form[action*='handler=Basics']");
        otherPage = await other.GetAsync("/carta-famiglia/nucleo");
        var twice = await other.SubmitAsync(otherPage, new Dictionary<string, string?> { ["Member.Role"] = "Adult", ["Member.FirstName"] = "Anna", ["Member.LastName"] = "Altra",
            ["Member.BirthDate"] = born.ToString("yyyy-MM-dd"), ["Member.FiscalCode"] = code }, "form[action*='handler=Member']");
        Assert.Contains("è già di una persona registrata nella rete", twice.Text);

        // The application: the address, the ISEE protocol and a document are asked; wrong ones are refused in words.
        var hub = await family.GetAsync("/carta-famiglia/domanda");
        Assert.Contains("documento d'identità dell'adulto che fa la domanda", hub.Text);
        var empty = await PostWithFilesAsync(family, hub, "form[action*='handler=Apply']", new Dictionary<string, string?>());
        Assert.Contains("Scrivete l'indirizzo di residenza", empty.Text);
        Assert.Contains("scrivete il numero di protocollo", empty.Text);
        Assert.Contains("La rete chiede di allegare: documento d'identità", empty.Text);
        var values = new Dictionary<string, string?> { ["Form.ResidenceAddress"] = "Via Roma 12", ["Form.IseeProtocol"] = "INPS-ISEE-2026-12345", ["Form.IseeProtocolDate"] = today.ToString("yyyy-MM-dd"), ["Form.Kind1"] = "Identity" };
        var bad = await PostWithFilesAsync(family, hub, "form[action*='handler=Apply']", values, ("Form.File1", "carta.exe", "MZ not a pdf"u8.ToArray()));
        Assert.Contains("INPS-ISEE-anno-nove caratteri-due cifre", bad.Text);
        Assert.Contains("non è un PDF né una foto", bad.Text);
        Assert.Equal(0, await factory.WithDbAsync(db => db.CardApplications.CountAsync(a => db.Households.Any(h => h.Id == a.HouseholdId && h.OwnerUserId == userId))));
        values["Form.IseeProtocol"] = $"inps-isee-{today.Year}-a12345678-00";
        var applied = await PostWithFilesAsync(family, hub, "form[action*='handler=Apply']", values, ("Form.File1", "carta d'identità.pdf", Pdf));
        Assert.Contains("In attesa di decisione", applied.Text);
        var application = await factory.WithDbAsync(db => db.CardApplications.SingleAsync(a => db.Households.Any(h => h.Id == a.HouseholdId && h.OwnerUserId == userId)));
        Assert.Equal($"INPS-ISEE-{today.Year}-A12345678-00", application.IseeProtocol);
        Assert.Equal("Via Roma 12", application.ResidenceAddress);
        Assert.Equal(ResidenceCheckOutcome.Declared, application.ResidenceCheck);
        var document = await factory.WithDbAsync(db => db.CardApplicationDocuments.SingleAsync(d => d.ApplicationId == application.Id));
        Assert.Equal("application/pdf", document.ContentType);
        Assert.Equal("carta d_identità.pdf", document.FileName);

        // The officer: the code is declared, the document opens; asking without a text is refused; ten identical requests ask once.
        var officer = await OfficerAsync();
        var detail = await officer.GetAsync($"/gestione/carta-famiglia/domande/{application.Id}");
        Assert.Contains(code, detail.Text);
        Assert.Contains("dichiarato", detail.Text);
        Assert.Contains("dichiarata dalla famiglia", detail.Text);
        Assert.Contains($"INPS-ISEE-{today.Year}-A12345678-00", detail.Text);
        var download = await officer.Http.GetAsync($"/gestione/carta-famiglia/domande/{application.Id}?handler=Document&documentId={document.Id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
        var (stranger, _, _) = await NewFamilyAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync($"/carta-famiglia/domanda?handler=Document&documentId={document.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await family.Http.GetAsync($"/carta-famiglia/domanda?handler=Document&documentId={document.Id}")).StatusCode);
        var noText = await officer.SubmitAsync(detail, new Dictionary<string, string?> { ["AskText"] = "  " }, "form[action*='handler=Ask']");
        Assert.Contains("Scrivete che cosa serve", noText.Text);
        await Concurrently.SubmitAsync(officer, detail, new Dictionary<string, string?> { ["AskText"] = "Allegate la prima pagina dell'attestazione ISEE con il protocollo." }, "form[action*='handler=Ask']");
        application = await factory.WithDbAsync(db => db.CardApplications.AsNoTracking().SingleAsync(a => a.Id == application.Id));
        Assert.Equal(ApplicationStatus.InformationRequested, application.Status);
        Assert.Equal(1, application.RequestCount);
        Assert.Equal(1, await factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "card.application-info-requested" && e.EntityId == application.Id.ToString())));
        var asked = await Mailbox.WaitForAsync(email, "Carta Famiglia: il Comune chiede altre informazioni");
        Assert.Contains("Allegate la prima pagina dell'attestazione ISEE", asked.Text);
        Assert.Equal(1, await Mailbox.CountToAsync(email, "Carta Famiglia: il Comune chiede altre informazioni"));
        // While the family has it, it cannot be applied for again.
        hub = await family.GetAsync("/carta-famiglia/domanda");
        Assert.Contains("Il Comune chiede altre informazioni", hub.Text);
        Assert.Empty(hub.Document.QuerySelectorAll("form[action*='handler=Apply']"));

        // The family answers: nothing at all is refused; a document and a word go back to the officer, who is mailed.
        var nothing = await PostWithFilesAsync(family, hub, "form[action*='handler=Answer']", new Dictionary<string, string?>());
        Assert.Contains("Scrivete una risposta al Comune o allegate un documento", nothing.Text);
        var answered = await PostWithFilesAsync(family, hub, "form[action*='handler=Answer']",
            new Dictionary<string, string?> { ["Form.Answer"] = "Ecco l'attestazione.", ["Form.Kind1"] = "Isee" }, ("Form.File1", "isee.pdf", Pdf));
        Assert.Contains("In attesa di decisione", answered.Text);
        application = await factory.WithDbAsync(db => db.CardApplications.AsNoTracking().SingleAsync(a => a.Id == application.Id));
        Assert.Equal(ApplicationStatus.Submitted, application.Status);
        Assert.Equal("Ecco l'attestazione.", application.FamilyAnswer);
        Assert.Equal(2, await factory.WithDbAsync(db => db.CardApplicationDocuments.CountAsync(d => d.ApplicationId == application.Id)));
        await Mailbox.WaitForAsync("comune@portogruaro.demo", "Carta Famiglia: la famiglia ha risposto (Portogruaro)");
        // A second answer (a stale page) changes nothing.
        var late = await PostWithFilesAsync(family, hub, "form[action*='handler=Answer']", new Dictionary<string, string?> { ["Form.Answer"] = "Di nuovo." });
        Assert.Contains("La risposta è già stata inviata", late.Text);

        // SPID vouches for Anna's code: the officer sees it verified.
        using (var scope = factory.Services.CreateScope())
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<Households>().MarkFiscalCodeVerifiedAsync(userId, code, "SPID"));
        detail = await officer.GetAsync($"/gestione/carta-famiglia/domande/{application.Id}");
        Assert.Contains("verificato con SPID", detail.Text);
        Assert.Contains("Ecco l'attestazione.", detail.Text);
        var approved = await officer.SubmitAsync(detail, new Dictionary<string, string?>(), "form[action*='handler=Approve']");
        Assert.Equal(HttpStatusCode.Redirect, approved.Status);
        await Mailbox.WaitForAsync(email, "La vostra Carta Famiglia è pronta");
        var actions = await factory.WithDbAsync(db => db.AuditEntries.Where(e => e.EntityId == application.Id.ToString()).Select(e => e.Action).ToListAsync());
        Assert.Equal(["card.application-answered", "card.application-approved", "card.application-info-requested", "card.applied"], actions.Order().ToArray());
    }

    [Fact]
    public async Task A_file_over_the_limit_is_refused_unread_and_the_officer_of_another_network_sees_nothing()
    {
        var (family, _, userId) = await NewFamilyAsync();
        var comune = await factory.WithDbAsync(db => db.Comuni.Where(c => c.Name == "Portogruaro").Select(c => c.Id).FirstAsync());
        await StrictRulesAsync();
        var page = await family.GetAsync("/carta-famiglia/nucleo");
        await family.SubmitAsync(page, new Dictionary<string, string?> { ["Basics.ComuneId"] = comune.ToString(), ["Basics.IseeBand"] = "UpTo10000",
            ["Basics.IseeDate"] = RomeDate.Today.ToString("yyyy-MM-dd"), ["Basics.Consent"] = "true" }, "form[action*='handler=Basics']");
        foreach (var (role, name, born) in new[] { ("Adult", "Ugo", "1980-01-01"), ("Child", "Ada", "2019-02-02") })
        {
            page = await family.GetAsync("/carta-famiglia/nucleo");
            await family.SubmitAsync(page, new Dictionary<string, string?> { ["Member.Role"] = role, ["Member.FirstName"] = name, ["Member.LastName"] = "Grandi", ["Member.BirthDate"] = born }, "form[action*='handler=Member']");
        }
        var hub = await family.GetAsync("/carta-famiglia/domanda");
        var big = new byte[ApplicationFiles.MaxBytes + 1];
        "%PDF-"u8.CopyTo(big);
        var refused = await PostWithFilesAsync(family, hub, "form[action*='handler=Apply']", new Dictionary<string, string?> { ["Form.ResidenceAddress"] = "Via Garibaldi 3",
            ["Form.IseeProtocol"] = $"INPS-ISEE-{DateTime.UtcNow.Year}-B12345678-01", ["Form.IseeProtocolDate"] = RomeDate.Today.ToString("yyyy-MM-dd"), ["Form.Kind1"] = "Identity" },
            ("Form.File1", "grande.pdf", big));
        Assert.Contains("supera i 5 MB", refused.Text);
        Assert.False(await factory.WithDbAsync(db => db.CardApplications.AnyAsync(a => db.Households.Any(h => h.Id == a.HouseholdId && h.OwnerUserId == userId))));
    }
}
