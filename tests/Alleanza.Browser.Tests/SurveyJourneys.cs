using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Alleanza.Browser.Tests;

/// <summary>Questionari: a family answers CIdiS's questionnaire with a code on a phone, stops, and resumes another time.</summary>
[Collection(BrowserCollection.Name)]
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
}
