using System.Text.RegularExpressions;
using Alleanza.Web.Modules.Families;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Alleanza.Browser.Tests;

/// <summary>
/// Verified identity and the application's evidence, as the people involved click it: a family signs in with the fake SPID
/// provider (the app's own development federation), registers its household with fiscal codes and applies for the Family
/// Card; the Comune's officer sees the adult's code verified, asks the family for the ISEE protocol number, the family answers
/// from its application page, the officer approves.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class IdentityJourneys(AppFixture app, ITestOutputHelper output)
{
    const string ApplicationPage = @"/gestione/carta-famiglia/domande/[0-9a-f-]{36}";

    [Fact(DisplayName = "Una famiglia entra con SPID, registra il nucleo con i codici fiscali e chiede la Carta Famiglia; il Comune vede il codice verificato, chiede il protocollo ISEE, la famiglia risponde e il Comune approva")]
    public async Task Family_signs_in_with_spid_applies_officer_asks_for_isee_protocol_and_approves()
    {
        var folder = Screenshots.Folder();
        var today = DateOnly.FromDateTime(Journey.Today);
        var random = Random.Shared;
        // A fresh person every run: an account's fiscal code is unique. Surname and name of three consonants each, so
        // that the code's letters are the ones the rules take from them.
        var (surname, surnameLetters) = Word(random, "a", "o", "i");
        var (adultName, adultLetters) = Word(random, "e", "a", "o");
        var (childName, childLetters) = Word(random, "i", "a", "o");
        var adultBirth = today.AddYears(-35).AddDays(-random.Next(0, 365));
        var childBirth = today.AddYears(-6).AddDays(-40);
        var adultCode = FiscalCode(surnameLetters, adultLetters, adultBirth, female: false);
        var childCode = FiscalCode(surnameLetters, childLetters, childBirth, female: true);
        var email = $"spid.{Guid.NewGuid():N}"[..13] + "@famiglia.example";
        var holder = $"{adultName} {surname}";
        var attestation = today.AddDays(-5).Year == today.Year ? today.AddDays(-5) : new DateOnly(today.Year, 1, 1);
        var protocol = $"INPS-ISEE-{attestation.Year}-{RandomCode(random, 9)}-00";

        // 1. The family: SPID sign-in with the fake provider, a new account.
        await using var family = await Journey.StartAsync(app, output);
        await family.OpenAsync("/account/accedi?rete=portogruaro");
        await family.ClickAsync(family.Page.Locator("summary").Filter(new() { HasText = "Entra con SPID" }), "«Entra con SPID»");
        await family.ClickAsync(family.Link("SPID di prova"), "«SPID di prova» nell'elenco dei gestori");
        // The fake provider's page is a development stub, not the product's: no axe on it.
        await family.Page.WaitForURLAsync(new Regex(@"/dev/federazione/spid/authorize"));
        family.Step($"  … arriva sulla pagina del gestore di prova: entra come {holder}, {adultCode}, {email}");
        await family.FillAsync("Codice fiscale", adultCode);
        await family.FillAsync("Nome", adultName);
        await family.FillAsync("Cognome", surname);
        await family.FillAsync("Email", email);
        await family.ClickAsync(family.Button("Autorizza e accedi"), "«Autorizza e accedi»");
        await family.ArrivedAtAsync(@"/account/accesso-esterno/completa(\?.*)?");
        await Expect(family.Page.GetByRole(AriaRole.Heading, new() { Name = "Accesso con identità digitale" })).ToBeVisibleAsync();
        await Expect(family.Page.Locator("dd").Filter(new() { HasText = adultCode })).ToContainTextAsync("verificato");
        await Expect(family.Page.GetByLabel(new Regex(@"^Email( \*)?$"))).ToHaveValueAsync(email);
        family.Step($"  … «È il tuo primo accesso»: codice fiscale {adultCode} verificato, email proposta {email}");
        await family.TickAsync("Ho letto l'informativa privacy");
        await family.ClickAsync(family.Button("Crea l'account"), "«Crea l'account»");
        await family.ArrivedAtAsync("/la-mia-area");
        await family.AssertSignedInAsync(holder);

        // 2. The household, with both fiscal codes: the adult's is the one SPID gave, so it is verified at once.
        await family.OpenAsync("/carta-famiglia/nucleo");
        await family.ChooseAsync("Comune di residenza", "Portogruaro");
        await family.TickAsync("Ho letto l'informativa sulla privacy e acconsento al trattamento dei dati del mio nucleo per la Carta Famiglia");
        await FamilyCardJourneys.PostsBackAsync(family, () => family.ClickAsync(family.Button("Registra il nucleo"), "«Registra il nucleo»"));
        await Expect(family.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Dati del nucleo salvati." })).ToBeVisibleAsync();
        await AddMemberAsync(family, "Adulto", adultName, surname, adultBirth, adultCode);
        await AddMemberAsync(family, "Figlio/a", childName, surname, childBirth, childCode);
        var people = family.Page.GetByRole(AriaRole.Table, new() { Name = "Le persone del nucleo" });
        var adultRow = people.GetByRole(AriaRole.Row).Filter(new() { HasText = holder });
        var childRow = people.GetByRole(AriaRole.Row).Filter(new() { HasText = $"{childName} {surname}" });
        await Expect(adultRow).ToContainTextAsync(adultCode);
        await Expect(adultRow).ToContainTextAsync("verificato con SPID");
        await Expect(childRow).ToContainTextAsync(childCode);
        await Expect(childRow).Not.ToContainTextAsync("verificato");
        family.Step($"  … {holder}: {adultCode} «verificato con SPID»; {childName} {surname}: {childCode}, dichiarato");

        // 3. The application.
        await family.ClickAsync(family.Link("Verifica i requisiti e chiedi la carta →"), "«Verifica i requisiti e chiedi la carta →»");
        await family.ArrivedAtAsync("/carta-famiglia/domanda");
        await Expect(family.Page.GetByText("Il nucleo ha i requisiti per la Carta Famiglia.")).ToBeVisibleAsync();
        await family.FillAsync("Indirizzo di residenza (via e numero civico)", "Via Martiri della Libertà 21");
        await FamilyCardJourneys.PostsBackAsync(family, () => family.ClickAsync(family.Button("Presenta la domanda"), "«Presenta la domanda»"));
        await Expect(family.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Domanda presentata." })).ToBeVisibleAsync();
        await Expect(family.Page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "In attesa di decisione" })).ToHaveCountAsync(1);
        family.Step("  … la domanda è «In attesa di decisione»");

        // 4. The officer: from the header to the application; the adult's code verified, the child's declared; asks for the ISEE protocol.
        await using var officer = await Journey.StartAsync(app, output);
        await officer.OpenAsync("/account/accedi?rete=portogruaro");
        await officer.SignInWithPasswordAsync("comune@portogruaro.demo", Journey.DemoPassword, "Roberto Pivetta");
        await officer.ClickAsync(officer.Link("Ufficio Carta Famiglia").First, "«Ufficio Carta Famiglia» nell'intestazione");
        await officer.ArrivedAtAsync(@"/gestione/carta-famiglia/domande");
        await officer.FillAsync("Cognome", surname);
        await officer.ClickAsync(officer.Button("Filtra"), "«Filtra»");
        await officer.ArrivedAtAsync(@"/gestione/carta-famiglia/domande\?.*q=.*");
        var row = officer.Page.GetByRole(AriaRole.Row).Filter(new() { Has = officer.Link(holder) });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("In attesa di decisione");
        await officer.ClickAsync(officer.Link(holder), $"«{holder}»");
        await officer.ArrivedAtAsync(ApplicationPage);
        var applicationUrl = officer.Page.Url;
        var members = officer.Page.GetByRole(AriaRole.Table, new() { Name = "Persone del nucleo" });
        await Expect(members.GetByRole(AriaRole.Row).Filter(new() { HasText = holder })).ToContainTextAsync(new Regex($"{adultCode}\\s*verificato con SPID( o CIE)? il "));
        await Expect(members.GetByRole(AriaRole.Row).Filter(new() { HasText = $"{childName} {surname}" })).ToContainTextAsync(new Regex($"{childCode}\\s*dichiarato"));
        await Expect(officer.Page.GetByText("Via Martiri della Libertà 21, Portogruaro")).ToBeVisibleAsync();
        officer.Step($"  … {adultCode} «verificato con SPID», {childCode} «dichiarato», indirizzo dichiarato");
        var request = "Manca il numero di protocollo dell'attestazione ISEE: scrivetelo nella risposta.";
        await officer.FillAsync("Che cosa serve (la famiglia lo leggerà)", request);
        await FamilyCardJourneys.PostsBackAsync(officer, () => officer.ClickAsync(officer.Button("Chiedi alla famiglia"), "«Chiedi alla famiglia»"));
        await Expect(officer.Page.GetByText("Richiesta inviata: la domanda torna alla famiglia", new() { Exact = false })).ToBeVisibleAsync();
        await Expect(officer.Page.GetByText("In attesa della risposta della famiglia")).ToBeVisibleAsync();
        await Expect(officer.Page.GetByText("La famiglia non ha ancora risposto.")).ToBeVisibleAsync();
        await Expect(officer.Button("Chiedi alla famiglia")).ToHaveCountAsync(0);
        officer.Step("  … «In attesa della risposta della famiglia»");
        await Screenshots.CaptureAsync(officer, folder, "desktop", "identita-ufficio-domanda-richiesta");

        // 5. The family: the request in «La mia area», the answer with the protocol from the application page.
        await family.OpenAsync("/la-mia-area");
        await Expect(family.Page.GetByText("Il Comune chiede altre informazioni sulla tua domanda.")).ToBeVisibleAsync();
        await family.ClickAsync(family.Link("Leggi la richiesta e rispondi"), "«Leggi la richiesta e rispondi»");
        await family.ArrivedAtAsync(@"/carta-famiglia/domanda");
        var callout = family.Page.GetByRole(AriaRole.Region, new() { Name = "Il Comune chiede altre informazioni" });
        await Expect(callout.Locator("blockquote")).ToHaveTextAsync(request);
        await Expect(family.Page.GetByLabel(new Regex(@"^Indirizzo di residenza \(via e numero civico\)( \*)?$"))).ToHaveValueAsync("Via Martiri della Libertà 21");
        family.Step($"  … legge «{request}»");
        await Screenshots.CaptureAsync(family, folder, "desktop", "identita-famiglia-richiesta");
        await family.FillAsync("La vostra risposta al Comune", $"Il protocollo dell'attestazione ISEE del {attestation:d/M/yyyy} è {protocol}.");
        await FamilyCardJourneys.PostsBackAsync(family, () => family.ClickAsync(family.Button("Invia la risposta al Comune"), "«Invia la risposta al Comune»"));
        await Expect(family.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Risposta inviata al Comune." })).ToBeVisibleAsync();
        await Expect(family.Page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "In attesa di decisione" })).ToContainTextAsync(protocol);
        await Expect(callout).ToHaveCountAsync(0);
        family.Step($"  … risposta inviata ({protocol}): la domanda torna «In attesa di decisione»");

        // 6. The officer: reads the answer and approves.
        await officer.OpenAsync(new Uri(applicationUrl).PathAndQuery);
        await Expect(officer.Page.GetByText("In attesa di decisione", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(officer.Page.Locator("blockquote").Filter(new() { HasText = protocol })).ToHaveCountAsync(1);
        officer.Step($"  … legge la risposta con il protocollo {protocol}");
        await Screenshots.CaptureAsync(officer, folder, "desktop", "identita-ufficio-domanda-risposta");
        await officer.ClickAsync(officer.Button("Approva ed emetti le carte"), "«Approva ed emetti le carte»");
        await officer.ArrivedAtAsync("/gestione/carta-famiglia/domande");
        await Expect(officer.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Domanda approvata: carte emesse e famiglia avvisata." })).ToBeVisibleAsync();

        // 7. The family sees its card.
        await family.OpenAsync("/carta-famiglia/domanda");
        await Expect(family.Page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Approvata" })).ToHaveCountAsync(1);
        await Expect(family.Link($"Mostra la carta di {holder}")).ToBeVisibleAsync();
        family.Step("  … «Approvata», e la carta da mostrare");

        Journey.AssertAccessible(family, officer);
    }

    const string Consonants = "BCDFGLMNPRSTVZ";

    /// <summary>A made-up word of three consonants and the given vowels ("Bazoti"), and its three consonants ("BZT").</summary>
    static (string Word, string Letters) Word(Random random, params string[] vowels)
    {
        var letters = new string(Enumerable.Range(0, 3).Select(_ => Consonants[random.Next(Consonants.Length)]).ToArray());
        var word = string.Concat(letters.Select((c, i) => c + vowels[i]));
        return (word[..1] + word[1..].ToLowerInvariant(), letters);
    }

    /// <summary>A valid codice fiscale: surname and name letters, birth date (day + 40 for women), born in Portogruaro (G914), check character.</summary>
    static string FiscalCode(string surname, string name, DateOnly birth, bool female)
    {
        var first15 = $"{surname}{name}{birth.Year % 100:00}{ItalianFiscalCode.MonthLetters[birth.Month - 1]}{birth.Day + (female ? 40 : 0):00}G914";
        var code = first15 + ItalianFiscalCode.CheckCharacter(first15);
        Assert.True(ItalianFiscalCode.IsValid(code, birth, female ? MemberSex.Female : MemberSex.Male), $"{code} is not valid");
        return code;
    }

    static string RandomCode(Random random, int length) =>
        new(Enumerable.Range(0, length).Select(i => i == 0 ? (char)('A' + random.Next(26)) : (char)('0' + random.Next(10))).ToArray());

    static async Task AddMemberAsync(Journey family, string role, string firstName, string lastName, DateOnly birth, string fiscalCode)
    {
        family.Step($"Sotto «Aggiungi una persona»: {role} {firstName} {lastName}, nato/a il {birth:d/M/yyyy}, codice fiscale {fiscalCode}");
        await family.ChooseAsync("È", role);
        await family.FillAsync("Nome", firstName);
        await family.FillAsync("Cognome", lastName);
        await family.FillAsync("Data di nascita", birth.ToString("yyyy-MM-dd"));
        await family.FillAsync("Codice fiscale (facoltativo)", fiscalCode);
        await FamilyCardJourneys.PostsBackAsync(family, () => family.ClickAsync(family.Button("Aggiungi"), "«Aggiungi»"));
        await Expect(family.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"{firstName} è nel nucleo." })).ToBeVisibleAsync();
    }
}
