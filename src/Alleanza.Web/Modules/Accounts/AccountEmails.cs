using System.Text;
using System.Text.Encodings.Web;
using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace Alleanza.Web.Modules.Accounts;

/// <summary>The mails the account pages send: confirmation and password reset, with their links.</summary>
public sealed class AccountEmails(UserManager<AppUser> users, Mailer mailer, Platform.PublicSite site)
{
    string Origin => site.Origin;

    public async Task SendConfirmationAsync(AppUser user)
    {
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GenerateEmailConfirmationTokenAsync(user)));
        var link = $"{Origin}/account/conferma-email?userId={user.Id}&code={code}";
        // Written in the person's language (the one they registered or last chose), whoever asks for the mail.
        using var _ = Languages.Use(user.Language);
        var name = HtmlEncoder.Default.Encode(user.DisplayName);
        await mailer.SendAsync(user.Email!, Tr.Get("Conferma il tuo indirizzo email"),
            Tr.Get("Ciao {0},", user.DisplayName) + "\n\n" + Tr.Get("per attivare il tuo account Alleanza apri questo collegamento:") + $"\n{link}\n\n" + Tr.Get("Se non hai chiesto tu la registrazione, ignora questo messaggio."),
            $"<p>{Tr.Get("Ciao {0},", name)}</p><p>{Tr.Get("per attivare il tuo account Alleanza <a href=\"{0}\">conferma il tuo indirizzo email</a>.", HtmlEncoder.Default.Encode(link))}</p><p>{HtmlEncoder.Default.Encode(Tr.Get("Se non hai chiesto tu la registrazione, ignora questo messaggio."))}</p>");
    }

    public async Task SendPasswordResetAsync(AppUser user)
    {
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
        var link = $"{Origin}/account/reimposta-password?code={code}";
        using var _ = Languages.Use(user.Language);
        await mailer.SendAsync(user.Email!, Tr.Get("Reimposta la password"),
            Tr.Get("Per scegliere una nuova password apri questo collegamento:") + $"\n{link}\n\n" + Tr.Get("Se non l'hai chiesto tu, ignora questo messaggio: la password resta quella di prima."),
            $"<p>{Tr.Get("Per scegliere una nuova password <a href=\"{0}\">apri questo collegamento</a>.", HtmlEncoder.Default.Encode(link))}</p><p>{HtmlEncoder.Default.Encode(Tr.Get("Se non l'hai chiesto tu, ignora questo messaggio: la password resta quella di prima."))}</p>");
    }

    public static string? DecodeCode(string? code)
    {
        if (string.IsNullOrEmpty(code)) return null;
        try { return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code)); }
        catch (FormatException) { return null; }
    }
}
