using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Alleanza.Browser.Tests;

[Collection(SecondBrowserCollection.Name)]
public sealed class CatalogJourneys(AppFixture app, ITestOutputHelper output)
{
    const string Opportunity = @"/opportunita/[0-9a-f-]{36}";
    const string ManagedOpportunity = @"/gestione/opportunita/[0-9a-f-]{36}";

    [Fact(DisplayName = "Una famiglia cerca «minivolley», apre l'attività, si iscrive alla prima data con posti liberi, la ritrova in «Le mie iscrizioni» e la annulla")]
    public async Task Family_searches_registers_and_cancels()
    {
        await using var journey = await Journey.StartAsync(app, output);
        var family = Journey.NewPerson();
        const string course = "Minivolley con il Panathlon"; // one date at a time (a course is registered for as a whole: CourseRegistrationTests)

        await journey.OpenAsync("/?rete=lucca");
        await journey.RegisterAndConfirmAsync(family);
        await journey.OpenAsync("/account/accedi");
        await journey.SignInWithPasswordAsync(family.Email, family.Password, family.Name);

        await journey.OpenAsync("/opportunita");
        var search = journey.Page.GetByRole(AriaRole.Search, new() { Name = "Cerca tra le opportunità" });
        await journey.FillAsync("Cosa cerchi", "minivolley");
        await journey.ClickAsync(search.GetByRole(AriaRole.Button, new() { Name = "Cerca", Exact = true }), "«Cerca»");
        await journey.ArrivedAtAsync(@"/opportunita\?(.*&)?q=minivolley(&.*)?");
        await Expect(journey.Page.GetByText(new Regex(@"^\d+ opportunità trovat[ae] per «minivolley»\.$"))).ToBeVisibleAsync();
        await Expect(journey.Page.Locator(".alert-warning")).ToHaveCountAsync(0); // the empty filters of the form are not "invalid"
        var results = journey.Page.Locator("#risultati");
        await Expect(results.GetByRole(AriaRole.Link, new() { Name = course, Exact = true })).ToBeVisibleAsync();
        journey.Step($"  … «{course}» è tra i risultati");

        await journey.ClickAsync(results.GetByRole(AriaRole.Link, new() { Name = course, Exact = true }), $"«{course}»");
        await journey.ArrivedAtAsync(Opportunity);
        await Expect(journey.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(course);
        await journey.CheckAsync("«Per chi» dice «6–10 anni», come nella scheda dell'ente",
            () => Expect(journey.Page.Locator("dl dt:text-is('Per chi') + dd")).ToHaveTextAsync("6–10 anni", new() { Timeout = 2_000 }));
        var firstDate = await journey.FirstDateWithPlacesAsync(2);
        await journey.CheckAsync("il campo «Nomi di chi partecipa» si vede (ha un bordo come «Persone»)", async () =>
        {
            var border = await firstDate.GetByLabel("Nomi di chi partecipa").EvaluateAsync<string>("e => getComputedStyle(e).borderBottomWidth");
            Assert.True(border != "0px", $"Expected a visible border under the field; computed border-bottom-width is {border}");
        });
        journey.Step("Scrive in «Nomi di chi partecipa» della prima data: Matteo e Sofia");
        await firstDate.GetByLabel("Nomi di chi partecipa").FillAsync("Matteo e Sofia");
        await firstDate.GetByLabel("Persone").FillAsync("2");
        await journey.ClickAsync(firstDate.GetByRole(AriaRole.Button, new() { Name = "Iscriviti", Exact = true }), "«Iscriviti»");
        await journey.ArrivedAtAsync(Opportunity + "#date");
        await Expect(journey.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Iscrizione confermata. Ti abbiamo mandato un'email di conferma." })).ToBeVisibleAsync();
        await Expect(journey.Page.GetByText("Sei iscritto (2 persone)")).ToBeVisibleAsync();
        journey.Step("  … «Sei iscritto (2 persone)» sulla prima data");

        journey.Step($"Legge in maildev la conferma per {family.Email}");
        var mail = await app.Mail.WaitForAsync(family.Email, $"Iscrizione confermata: {course}");
        var link = Maildev.LinkTo(mail, "/account/iscrizioni");
        Assert.Equal(app.BaseUrl + "/account/iscrizioni?rete=lucca", link); // the link opens the list in the network of the registration
        await journey.OpenAsync(link);
        var row = journey.Page.GetByRole(AriaRole.Listitem).Filter(new() { Has = journey.Link(course) });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("Matteo e Sofia (2 persone)");
        await Expect(row).ToContainTextAsync("Confermata");
        journey.Step("  … l'iscrizione è nell'elenco, confermata");

        var question = journey.AcceptNextDialogAsync();
        await journey.ClickAsync(row.GetByRole(AriaRole.Button, new() { Name = $"Annulla l'iscrizione a {course}", Exact = true }), "«Annulla»");
        Assert.Equal($"Annullare l'iscrizione a «{course}»?", await question);
        await journey.ArrivedAtAsync("/account/iscrizioni");
        await Expect(journey.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Iscrizione annullata." })).ToBeVisibleAsync();
        await Expect(journey.Link(course)).ToHaveCountAsync(0);
        await Expect(journey.Page.GetByText("Nessuna iscrizione in arrivo")).ToBeVisibleAsync();
        journey.Step("  … l'iscrizione non è più nell'elenco");

        journey.AssertAccessible();
    }

    [Fact(DisplayName = "Il referente di un ente scrive un'opportunità con una data e la invia, la coordinatrice la pubblica, un visitatore la trova")]
    public async Task Partner_drafts_coordinator_publishes_visitor_finds()
    {
        var suffix = new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(4).ToArray()).PadRight(4, 'x');
        var title = $"Laboratorio di ceramica per ragazzi {suffix}";
        var day = Journey.Today.AddDays(30);

        // The partner: draft, a date, submit.
        await using var partner = await Journey.StartAsync(app, output);
        await partner.OpenAsync("/account/accedi?rete=portogruaro");
        await partner.SignInWithPasswordAsync("referente@portogruaro.demo", Journey.DemoPassword, "Marco Zanin");
        var mainNavigation = partner.Page.GetByRole(AriaRole.Navigation, new() { Name = "Navigazione principale" });
        await partner.ClickAsync(mainNavigation.GetByRole(AriaRole.Link, new() { Name = "Pubblica", Exact = true }), "«Pubblica» nel menu principale");
        await partner.ArrivedAtAsync("/gestione/opportunita");
        await partner.ClickAsync(partner.Link("Nuova opportunità"), "«Nuova opportunità»");
        await partner.ArrivedAtAsync("/gestione/opportunita/nuova");

        await partner.FillAsync("Titolo", title);
        await partner.ChooseAsync("Tipo", "Attività");
        await partner.ChooseAsync("Area", "Comunità educante");
        await partner.FillAsync("Descrizione", "Quattro pomeriggi al tornio e con la creta, per ragazzi dagli 8 ai 13 anni. I lavori cotti nel forno si portano a casa.");
        await partner.FillAsync("Età minima (anni)", "8");
        await partner.FillAsync("Età massima (anni)", "13");
        await partner.ChooseAsync("Costo", "A pagamento");
        await partner.FillAsync("Prezzo intero (€)", "12,50");
        await partner.ClickAsync(partner.Button("Salva la bozza"), "«Salva la bozza»");
        await partner.ArrivedAtAsync(ManagedOpportunity);
        await Expect(partner.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Bozza salvata." })).ToBeVisibleAsync();
        await Expect(partner.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
        await Expect(partner.Page.GetByText("Bozza", new() { Exact = true })).ToBeVisibleAsync();

        partner.Step("Sotto «Aggiungi una data»:");
        await partner.FillAsync("Giorno", day.ToString("yyyy-MM-dd"));
        await partner.FillAsync("Dalle ore", "16:30");
        await partner.FillAsync("Alle ore", "18:00");
        await partner.FillAsync("Posti disponibili", "10");
        await partner.ClickAsync(partner.Button("Aggiungi"), "«Aggiungi»");
        await partner.ArrivedAtAsync(ManagedOpportunity + "#date");
        await Expect(partner.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Data aggiunta." })).ToBeVisibleAsync();
        var dates = partner.Page.GetByRole(AriaRole.Table, new() { Name = "Date dell'opportunità" });
        await Expect(dates.GetByRole(AriaRole.Row)).ToHaveCountAsync(2); // header + the new date
        await Expect(dates).ToContainTextAsync("16:30–18:00");
        await Expect(dates).ToContainTextAsync("0 su 10");

        await partner.ClickAsync(partner.Button("Invia in revisione"), "«Invia in revisione»");
        await partner.ArrivedAtAsync(ManagedOpportunity);
        await Expect(partner.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Inviata al coordinatore per la pubblicazione." })).ToBeVisibleAsync();
        await Expect(partner.Page.GetByText("In revisione", new() { Exact = true })).ToBeVisibleAsync();

        // The coordinator, in another browser: publishes it.
        await using var coordinator = await Journey.StartAsync(app, output);
        await coordinator.OpenAsync("/account/accedi?rete=portogruaro");
        await coordinator.SignInWithPasswordAsync("coordinatore@portogruaro.demo", Journey.DemoPassword, "Giulia Bortolin");
        await coordinator.OpenAsync("/gestione/opportunita?stato=revisione");
        await coordinator.ClickAsync(coordinator.Link(title), $"«{title}»");
        await coordinator.ArrivedAtAsync(ManagedOpportunity);
        await coordinator.ClickAsync(coordinator.Page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Pubblica", Exact = true }), "«Pubblica»");
        await coordinator.ArrivedAtAsync(ManagedOpportunity);
        await Expect(coordinator.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Pubblicata: ora le famiglie la trovano." })).ToBeVisibleAsync();
        await Expect(coordinator.Link("Vedi la pagina pubblica")).ToBeVisibleAsync();

        // Anyone: finds it by a word of its title.
        await using var visitor = await Journey.StartAsync(app, output);
        await visitor.OpenAsync("/opportunita?rete=portogruaro");
        await visitor.FillAsync("Cosa cerchi", "ceramica");
        await visitor.ClickAsync(visitor.Page.GetByRole(AriaRole.Search).GetByRole(AriaRole.Button, new() { Name = "Cerca", Exact = true }), "«Cerca»");
        await visitor.ArrivedAtAsync(@"/opportunita\?(.*&)?q=ceramica(&.*)?");
        var results = visitor.Page.Locator("#risultati");
        await Expect(results.GetByRole(AriaRole.Link, new() { Name = title, Exact = true })).ToBeVisibleAsync();
        visitor.Step($"  … «{title}» è tra i risultati");
        await visitor.ClickAsync(results.GetByRole(AriaRole.Link, new() { Name = title, Exact = true }), $"«{title}»");
        await visitor.ArrivedAtAsync(Opportunity);
        await Expect(visitor.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
        var facts = visitor.Page.Locator("dl");
        await visitor.CheckAsync("«Per chi» dice «8–13 anni», le età scritte dal referente",
            () => Expect(facts.Locator("dt:text-is('Per chi') + dd")).ToHaveTextAsync("8–13 anni", new() { Timeout = 2_000 }));
        await Expect(facts.Locator("dt:text-is('Costo') + dd")).ToHaveTextAsync("12,50 €");
        await Expect(visitor.Page.GetByText("10 posti liberi su 10")).ToBeVisibleAsync();
        await Expect(visitor.Link("Accedi per iscriverti")).ToBeVisibleAsync();
        visitor.Step("  … la pagina mostra età, prezzo, la data con i posti e «Accedi per iscriverti»");
        Journey.AssertAccessible(partner, coordinator, visitor);
    }
}
