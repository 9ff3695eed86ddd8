using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Alleanza.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class AccountJourneys(AppFixture app, ITestOutputHelper output)
{
    [Fact(DisplayName = "Una persona si registra, conferma l'email dal messaggio ricevuto e accede con la password")]
    public async Task Register_confirm_and_sign_in()
    {
        await using var journey = await Journey.StartAsync(app, output);
        var person = Journey.NewPerson();

        await journey.RegisterAndConfirmAsync(person);

        await journey.ClickAsync(journey.Page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Accedi", Exact = true }), "«Accedi» sotto la conferma");
        await journey.ArrivedAtAsync("/account/accedi");
        await journey.SignInWithPasswordAsync(person.Email, person.Password, person.Name);

        journey.AssertAccessible();
    }

    [Fact(DisplayName = "Una persona aggiunge una passkey (autenticatore virtuale di Chromium), esce e rientra con «Accedi con passkey»")]
    public async Task Add_passkey_sign_out_and_sign_in_with_it()
    {
        await using var journey = await Journey.StartAsync(app, output);
        var person = Journey.NewPerson();
        await journey.RegisterAndConfirmAsync(person);
        await journey.OpenAsync("/account/accedi");
        await journey.SignInWithPasswordAsync(person.Email, person.Password, person.Name);

        journey.Step("Collega un autenticatore virtuale (CTAP2, interno, con chiavi residenti e verifica dell'utente)");
        var cdp = await journey.Context.NewCDPSessionAsync(journey.Page);
        await cdp.SendAsync("WebAuthn.enable");
        await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });

        await journey.OpenAsync("/account/passkey");
        await journey.FillAsync("Nome della passkey", "Chromium di prova");
        await journey.ClickAsync(journey.Button("Crea la passkey"), "«Crea la passkey»");
        await journey.ArrivedAtAsync("/account/sicurezza");
        await Expect(journey.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Passkey aggiunta" })).ToBeVisibleAsync();
        await Expect(journey.Page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Chromium di prova" })).ToHaveCountAsync(1);

        await journey.ClickAsync(journey.Button("Esci"), "«Esci» nell'intestazione");
        await journey.ArrivedAtAsync("/");
        await Expect(journey.Page.GetByText("Sei uscito dal tuo account.")).ToBeVisibleAsync();
        await Expect(journey.Button("Esci")).ToHaveCountAsync(0);

        await journey.OpenAsync("/account/accedi");
        await journey.ClickAsync(journey.Button("Accedi con passkey"), "«Accedi con passkey»");
        await journey.ArrivedAtAsync("/la-mia-area");
        await journey.AssertSignedInAsync(person.Name);

        journey.AssertAccessible();
    }
}
