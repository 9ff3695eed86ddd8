using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Alleanza.Browser.Tests;

/// <summary>
/// Questionari: a coordinator builds a questionnaire with a condition and prints a class's slips; the coordinator reads
/// and publishes Portogruaro's results, whose public page fits a phone; a family answers CIdiS's questionnaire with a
/// code on a phone, stops, and resumes another time.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class SurveyJourneys(AppFixture app, ITestOutputHelper output)
{
    const string Code = "GATTA-MAMMA";

    static async Task ClickLabelAsync(Journey journey, string text)
    {
        journey.Step($"Sceglie «{text}»");
        await journey.Page.Locator("label.form-check-label").Filter(new() { HasTextRegex = new Regex("^" + Regex.Escape(text) + "$") }).ClickAsync();
    }

    static async Task EnterCodeAsync(Journey journey)
    {
        await journey.OpenAsync("/questionari?rete=cidis");
        await journey.FillAsync("Il vostro codice", Code.ToLowerInvariant());
        await journey.ClickAsync(journey.Button("Apri il questionario"), "«Apri il questionario»");
        await journey.ArrivedAtAsync(@"/questionari/[0-9a-f-]+/compila\?codice=.*");
    }

    [Fact(DisplayName = "Una famiglia risponde al questionario con il codice sul telefono, si ferma e riprende un altro giorno (axe a 390 px)")]
    public async Task A_family_answers_with_a_code_on_a_phone_stops_and_resumes()
    {
        await using (var evening = await Journey.StartAsync(app, output, 390, 844))
        {
            await EnterCodeAsync(evening);
            await Expect(evening.Page.GetByText("Parte 1 di 4")).ToBeVisibleAsync();
            await evening.ChooseAsync("In quale Comune abitate? (obbligatoria)", "Orbassano");
            await evening.ChooseAsync("Quanti anni ha il vostro bambino o la vostra bambina più piccola? (obbligatoria)", "1 anno");
            await ClickLabelAsync(evening, "La mamma");
            await evening.ClickAsync(evening.Button("Avanti"), "«Avanti»");
            await evening.ArrivedAtAsync(@"/questionari/[0-9a-f-]+/compila\?codice=.*&sezione=1");
            await Expect(evening.Page.GetByRole(AriaRole.Heading, new() { Name = "I servizi" })).ToBeVisibleAsync();
            await ClickLabelAsync(evening, "Consultorio pediatrico");
            await evening.ClickAsync(evening.Button("Salva e continua più tardi"), "«Salva e continua più tardi»");
            await Expect(evening.Page.GetByText("Risposte salvate")).ToBeVisibleAsync();
            await evening.AuditAsync();
            await evening.ReportHorizontalOverflowAsync();
            evening.AssertAccessible();
        }

        await using var nextDay = await Journey.StartAsync(app, output, 390, 844);
        await EnterCodeAsync(nextDay);
        // Resumes where the family stopped, with what it had ticked.
        await Expect(nextDay.Page.GetByRole(AriaRole.Heading, new() { Name = "I servizi" })).ToBeVisibleAsync();
        await Expect(nextDay.Page.GetByRole(AriaRole.Checkbox, new() { Name = "Consultorio pediatrico" })).ToBeCheckedAsync();
        await ClickLabelAsync(nextDay, "4");
        await nextDay.ClickAsync(nextDay.Button("Avanti"), "«Avanti»");
        await nextDay.ArrivedAtAsync(@"/questionari/[0-9a-f-]+/compila\?codice=.*&sezione=2");
        await nextDay.ClickAsync(nextDay.Button("Avanti"), "«Avanti»");
        await nextDay.ArrivedAtAsync(@"/questionari/[0-9a-f-]+/compila\?codice=.*&sezione=3");
        await nextDay.ClickAsync(nextDay.Button("Invia le risposte"), "«Invia le risposte»");
        await nextDay.ArrivedAtAsync(@"/questionari/[0-9a-f-]+/grazie");
        await Expect(nextDay.Page.GetByRole(AriaRole.Heading, new() { Name = "Grazie!" })).ToBeVisibleAsync();
        nextDay.AssertAccessible();
    }

    const string Guid = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    static async Task<Journey> CoordinatorAsync(AppFixture app, ITestOutputHelper output, int width = 1280, int height = 900)
    {
        var coordinator = await Journey.StartAsync(app, output, width, height);
        await coordinator.OpenAsync("/account/accedi?rete=portogruaro");
        await coordinator.SignInWithPasswordAsync("coordinatore@portogruaro.demo", Journey.DemoPassword, "Giulia Bortolin");
        return coordinator;
    }

    [Fact(DisplayName = "Il coordinatore prepara un questionario con una domanda condizionata, lo apre e stampa i codici di una classe (il PDF si scarica e si apre)")]
    public async Task A_coordinator_builds_a_questionnaire_with_a_condition_and_prints_the_class_slips()
    {
        var title = $"Lo sport dei ragazzi {DateTime.Now:HHmmss}";
        await using var coord = await CoordinatorAsync(app, output);
        await coord.OpenAsync("/gestione/questionari");
        await coord.FillAsync("Titolo del nuovo questionario", title);
        await coord.ClickAsync(coord.Button("Crea il questionario"), "«Crea il questionario»");
        await coord.ArrivedAtAsync($"/gestione/questionari/{Guid}");
        var survey = coord.Page.Url;

        await coord.ClickAsync(coord.Page.GetByRole(AriaRole.Link, new() { Name = "Aggiungi una domanda a «Prima parte»" }), "«Aggiungi una domanda»");
        await coord.ArrivedAtAsync($"/gestione/questionari/{Guid}/domande\\?sezione={Guid}");
        await coord.ChooseAsync("Tipo di domanda", "Scelta singola");
        await coord.FillAsync("Domanda", "I vostri figli fanno sport?");
        await coord.FillAsync("Risposte possibili, una per riga", "Sì\nNo");
        await coord.ClickAsync(coord.Button("Salva la domanda"), "«Salva la domanda»");
        await coord.ArrivedAtAsync($"/gestione/questionari/{Guid}#d-{Guid}");

        // The second question appears only to families who answered «Sì».
        await coord.ClickAsync(coord.Page.GetByRole(AriaRole.Link, new() { Name = "Aggiungi una domanda a «Prima parte»" }), "«Aggiungi una domanda»");
        await coord.ArrivedAtAsync($"/gestione/questionari/{Guid}/domande\\?sezione={Guid}");
        await coord.ChooseAsync("Tipo di domanda", "Valutazione da 1 a 5");
        await coord.FillAsync("Domanda", "Quanto siete soddisfatti dell'offerta sportiva?");
        await coord.ChooseAsync("Mostra la domanda solo se", "1. «I vostri figli fanno sport?» è «Sì»");
        await coord.ClickAsync(coord.Button("Salva la domanda"), "«Salva la domanda»");
        await coord.ArrivedAtAsync($"/gestione/questionari/{Guid}#d-{Guid}");
        await Expect(coord.Page.GetByRole(AriaRole.Main)).ToContainTextAsync("«I vostri figli fanno sport?» è «Sì»");

        var asked = coord.AcceptNextDialogAsync();
        await coord.ClickAsync(coord.Button("Apri il questionario"), "«Apri il questionario»");
        Assert.Contains("Dopo l'apertura domande e sezioni non si possono più cambiare", await asked);
        await coord.ArrivedAtAsync($"/gestione/questionari/{Guid}");
        await Expect(coord.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Questionario aperto");

        await coord.ClickAsync(coord.Link("Scuole e codici"), "«Scuole e codici»");
        await coord.ArrivedAtAsync($"/gestione/questionari/{Guid}/scuole");
        await coord.ChooseAsync("Scuola", "Istituto Comprensivo di Portogruaro");
        await coord.FillAsync("Classe", "2ª A");
        await coord.FillAsync("Alunni", "3");
        await coord.ClickAsync(coord.Button("Aggiungi la classe"), "«Aggiungi la classe»");
        await coord.ArrivedAtAsync($"/gestione/questionari/{Guid}/scuole");

        coord.Step("Clicca «Stampa 3 codici» della 2ª A");
        var download = await coord.Page.RunAndWaitForDownloadAsync(() =>
            coord.Page.GetByRole(AriaRole.Button, new() { Name = "Stampa 3 codici per Istituto Comprensivo di Portogruaro, 2ª A" }).ClickAsync());
        coord.Step($"  … scaricato {download.SuggestedFilename}");
        Assert.Null(await download.FailureAsync());
        Assert.Matches("^codici-istituto-comprensivo-di-portogruaro-.+\\.pdf$", download.SuggestedFilename);
        byte[] pdf;
        await using (var stream = await download.CreateReadStreamAsync())
        using (var copy = new MemoryStream())
        {
            await stream.CopyToAsync(copy);
            pdf = copy.ToArray();
        }
        // A whole PDF: its header, its pages and the end of its trailer.
        var text = System.Text.Encoding.Latin1.GetString(pdf);
        Assert.StartsWith("%PDF-", text);
        Assert.Matches(@"/Type\s*/Page\b", text);
        Assert.Contains("%%EOF", text[^32..]);
        // The page now counts the codes printed for the class (the codes themselves exist only in the PDF).
        await coord.Page.GotoAsync(survey + "/scuole");
        await Expect(coord.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "2ª A" })).ToContainTextAsync("3");
        coord.AssertAccessible();
    }

    [Fact(DisplayName = "Il coordinatore legge i risultati di Portogruaro, incrocia per scuola e li pubblica; la pagina pubblica sta in un telefono (390 px)")]
    public async Task The_coordinator_reads_and_publishes_the_results_and_the_public_page_fits_a_phone()
    {
        string published;
        await using (var coord = await CoordinatorAsync(app, output))
        {
            await coord.OpenAsync("/gestione/questionari");
            await coord.ClickAsync(coord.Link(Alleanza.Web.Demo.DemoSurveys.PortogruaroTitle), "il questionario delle scuole");
            await coord.ArrivedAtAsync($"/gestione/questionari/{Guid}");
            await coord.ClickAsync(coord.Link("Risultati"), "«Risultati»");
            await coord.ArrivedAtAsync($"/gestione/questionari/{Guid}/risultati");
            await Expect(coord.Page.GetByRole(AriaRole.Heading, new() { Name = "Domanda per domanda" })).ToBeVisibleAsync();
            await coord.ChooseAsync("Incrocia le risposte con", "Scuola");
            await coord.ClickAsync(coord.Button("Mostra"), "«Mostra»");
            await coord.ArrivedAtAsync($"/gestione/questionari/{Guid}/risultati\\?incrocio=scuola");
            await Expect(coord.Page.GetByRole(AriaRole.Heading, new() { Name = "Incroci" })).ToBeVisibleAsync();

            // Published for the partners first, then for everyone.
            await coord.ChooseAsync("Chi vede la pagina dei risultati", "Enti partner della rete");
            await coord.ClickAsync(coord.Button("Salva"), "«Salva»");
            await coord.ArrivedAtAsync($"/gestione/questionari/{Guid}/risultati");
            await Expect(coord.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Risultati pubblicati per gli enti partner.");
            await coord.ChooseAsync("Chi vede la pagina dei risultati", "Tutti (pagina pubblica)");
            await coord.ClickAsync(coord.Button("Salva"), "«Salva»");
            await coord.ArrivedAtAsync($"/gestione/questionari/{Guid}/risultati");
            await Expect(coord.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Risultati pubblicati per tutti.");
            await Expect(coord.Page.GetByLabel("Chi vede la pagina dei risultati")).ToHaveValueAsync("Public");
            published = (await coord.Page.Locator("main a[href^='/questionari/']").First.GetAttributeAsync("href"))!;
            await Screenshots.CaptureAsync(coord, Screenshots.Folder(), "1280", "questionari-risultati-gestione");
            coord.AssertAccessible();
        }

        await using var phone = await Journey.StartAsync(app, output, 390, 844);
        await phone.OpenAsync(published + "?rete=portogruaro");
        await Expect(phone.Page.GetByRole(AriaRole.Heading, new() { Name = "Risultati del questionario" })).ToBeVisibleAsync();
        await Screenshots.CaptureAsync(phone, Screenshots.Folder(), "390", "questionari-risultati-pubblici");
        await phone.CheckAsync("nessuno scorrimento orizzontale a 390 px", async () =>
            Assert.True(await phone.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")));
        await phone.CheckAsync("il menu «Incrocia le risposte con» ha un bordo visibile su ogni lato", async () =>
            Assert.True(await phone.Page.EvaluateAsync<bool>(@"() => { const s = getComputedStyle(document.getElementById('incrocio'));
                return ['Top', 'Right', 'Bottom', 'Left'].every(side => parseFloat(s['border' + side + 'Width']) > 0 && s['border' + side + 'Style'] !== 'none'); }")));
        // Each answer's label is whole (not cut), above its bar.
        await phone.CheckAsync("le etichette delle barre non sono troncate", async () =>
            Assert.Equal(0, await phone.Page.EvaluateAsync<int>("() => [...document.querySelectorAll('.survey-bar-label')].filter(e => e.scrollWidth > e.clientWidth + 1).length")));
        phone.AssertAccessible();
    }
}
