using System.Net;
using System.Security.Cryptography;
using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Tests.Accounts;

public class RegistrationAndSignInTests(AlleanzaFactory factory) : IClassFixture<AlleanzaFactory>
{
    static string NewEmail() => $"famiglia-{Guid.NewGuid():N}@esempio.it";

    async Task<TestClient.Page> RegisterAsync(TestClient client, string email, string password = "pane-e-nutella-42")
    {
        var page = await client.GetAsync("/account/registrati");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return await client.SubmitAsync(page, new Dictionary<string, string?>
        {
            ["Input.DisplayName"] = "Maria Rossi",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
            ["Input.AcceptPrivacy"] = "true",
        });
    }

    [Fact]
    public async Task A_new_family_registers_confirms_the_email_from_the_mail_and_signs_in()
    {
        var client = factory.NewClient();
        var email = NewEmail();
        var registered = await RegisterAsync(client, email);
        Assert.Equal(HttpStatusCode.Redirect, registered.Status);
        Assert.StartsWith("/account/controlla-email", registered.Location);

        // Not confirmed yet: sign-in is refused with an Italian explanation.
        var early = await client.SignInAsync(email, "pane-e-nutella-42");
        Assert.Equal(HttpStatusCode.OK, early.Status);
        Assert.Contains(early.Errors, e => e.Contains("conferma il tuo indirizzo email"));

        var mail = await Mailbox.WaitForAsync(email, "Conferma il tuo indirizzo");
        var confirmed = await client.GetAsync(Mailbox.LinkIn(mail));
        Assert.Contains("il tuo indirizzo è confermato", confirmed.Text);

        var signedIn = await client.SignInAsync(email, "pane-e-nutella-42");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.Status);
        var profile = await client.GetAsync("/account");
        Assert.Equal(HttpStatusCode.OK, profile.Status);
        Assert.Contains(email, profile.Text);

        var audited = await factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.UserName == email && a.Action == "account.signin"));
        Assert.Equal(1, audited);
    }

    [Fact]
    public async Task Registration_with_bad_input_shows_Italian_messages_and_keeps_what_was_typed()
    {
        var client = factory.NewClient();
        var page = await client.GetAsync("/account/registrati");
        var result = await client.SubmitAsync(page, new Dictionary<string, string?>
        {
            ["Input.DisplayName"] = "Maria Rossi",
            ["Input.Email"] = "non-una-email",
            ["Input.Password"] = "corta",
            ["Input.ConfirmPassword"] = "diversa",
        });
        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Contains("Inserisci un indirizzo email valido, per esempio nome@esempio.it.", result.Errors);
        Assert.Contains("La password deve avere tra 10 e 128 caratteri.", result.Errors);
        Assert.Contains("Le due password non coincidono.", result.Errors);
        Assert.Contains("Per registrarti devi dichiarare di aver letto l'informativa privacy.", result.Errors);
        Assert.Equal("Maria Rossi", ((AngleSharp.Html.Dom.IHtmlInputElement)result.Document.QuerySelector("#Input_DisplayName")!).Value);
    }

    [Fact]
    public async Task Registering_an_address_twice_is_refused()
    {
        var client = factory.NewClient();
        var email = NewEmail();
        Assert.Equal(HttpStatusCode.Redirect, (await RegisterAsync(client, email)).Status);
        var again = await RegisterAsync(factory.NewClient(), email);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Contains(again.Errors, e => e.Contains("è già registrato"));
    }

    [Fact]
    public async Task Wrong_password_is_refused_and_five_failures_lock_the_account()
    {
        var client = factory.NewClient();
        var wrong = await client.SignInAsync("referente@portogruaro.demo", "sbagliata-123");
        Assert.Contains("Email o password non corretti.", wrong.Errors);

        var email = "famiglia@lucca.demo";
        TestClient.Page last = wrong;
        for (var i = 0; i < 5; i++) last = await client.SignInAsync(email, "sbagliata-123");
        Assert.Equal(HttpStatusCode.Redirect, last.Status);
        Assert.Equal("/account/bloccato", last.Location);
        // Locked: even the right password does not open the account now.
        var right = await client.SignInAsync(email);
        Assert.Equal("/account/bloccato", right.Location);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "account.lockout" && a.UserName == email)));
    }

    [Fact]
    public async Task Password_reset_through_the_mailed_link()
    {
        var client = factory.NewClient();
        var email = NewEmail();
        await RegisterAsync(client, email);
        await client.GetAsync(Mailbox.LinkIn(await Mailbox.WaitForAsync(email, "Conferma")));

        var forgot = await client.GetAsync("/account/password-dimenticata");
        var sent = await client.SubmitAsync(forgot, new Dictionary<string, string?> { ["Email"] = email });
        Assert.Contains("riceverai a breve un messaggio", sent.Text);
        var reset = await client.GetAsync(Mailbox.LinkIn(await Mailbox.WaitForAsync(email, "Reimposta la password")));
        var done = await client.SubmitAsync(reset, new Dictionary<string, string?>
        {
            ["Input.Email"] = email, ["Input.Password"] = "nuova-password-7", ["Input.ConfirmPassword"] = "nuova-password-7",
        });
        Assert.Contains("La password è cambiata", done.Text);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(email, "nuova-password-7")).Status);
        Assert.Equal(HttpStatusCode.OK, (await factory.NewClient().SignInAsync(email, "pane-e-nutella-42")).Status);
    }

    [Fact]
    public async Task Unknown_address_on_forgot_password_gets_the_same_answer()
    {
        var client = factory.NewClient();
        var forgot = await client.GetAsync("/account/password-dimenticata");
        var sent = await client.SubmitAsync(forgot, new Dictionary<string, string?> { ["Email"] = "nessuno@esempio.it" });
        Assert.Equal(HttpStatusCode.OK, sent.Status);
        Assert.Contains("riceverai a breve un messaggio", sent.Text);
    }

    [Fact]
    public async Task Authenticator_app_enables_two_step_sign_in()
    {
        var client = factory.NewClient();
        await client.SignInOrFailAsync("volontario@pavia.demo");
        var setup = await client.GetAsync("/account/autenticatore");
        var key = setup.Document.QuerySelector("#shared-key")!.TextContent.Replace(" ", "").ToUpperInvariant();
        Assert.NotNull(setup.Document.QuerySelector(".qr-code svg"));

        var wrongCode = await client.SubmitAsync(setup, new Dictionary<string, string?> { ["Code"] = "000000" });
        Assert.Contains(wrongCode.Errors, e => e.Contains("Il codice non è corretto"));

        var enabled = await client.SubmitAsync(setup, new Dictionary<string, string?> { ["Code"] = Totp.Code(key) });
        Assert.Contains("La verifica in due passaggi è attiva.", enabled.Text);
        Assert.Equal(10, enabled.Document.QuerySelectorAll("#recovery-codes li").Length);

        var fresh = factory.NewClient();
        var first = await fresh.SignInAsync("volontario@pavia.demo");
        Assert.StartsWith("/account/accedi-2fa", first.Location);
        var step = await fresh.GetAsync(first.Location!);
        var second = await fresh.SubmitAsync(step, new Dictionary<string, string?> { ["Code"] = Totp.Code(key) });
        Assert.Equal(HttpStatusCode.Redirect, second.Status);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/account")).Status);
    }

    [Fact]
    public async Task Protected_pages_send_anonymous_people_to_sign_in()
    {
        var response = await factory.NewClient().GetAsync("/account/sicurezza");
        Assert.Equal(HttpStatusCode.Redirect, response.Status);
        Assert.StartsWith("http://localhost/account/accedi?ReturnUrl=", response.Location);
    }
}

/// <summary>RFC 6238 time-based codes, as an authenticator app computes them.</summary>
public static class Totp
{
    public static string Code(string base32Key)
    {
        var key = Base32(base32Key);
        var counter = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
        var message = BitConverter.GetBytes(counter);
        if (BitConverter.IsLittleEndian) Array.Reverse(message);
        var hash = HMACSHA1.HashData(key, message);
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6");
    }

    static byte[] Base32(string input)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = 0; var value = 0; var output = new List<byte>();
        foreach (var c in input.TrimEnd('='))
        {
            value = (value << 5) | alphabet.IndexOf(c);
            bits += 5;
            if (bits >= 8) { output.Add((byte)(value >> (bits - 8))); bits -= 8; }
        }
        return output.ToArray();
    }
}
