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
        await mailer.SendAsync(user.Email!, "Conferma il tuo indirizzo email",
            $"Ciao {user.DisplayName},\n\nper attivare il tuo account Alleanza apri questo collegamento:\n{link}\n\nSe non hai chiesto tu la registrazione, ignora questo messaggio.",
            $"<p>Ciao {HtmlEncoder.Default.Encode(user.DisplayName)},</p><p>per attivare il tuo account Alleanza <a href=\"{HtmlEncoder.Default.Encode(link)}\">conferma il tuo indirizzo email</a>.</p><p>Se non hai chiesto tu la registrazione, ignora questo messaggio.</p>");
    }

    public async Task SendPasswordResetAsync(AppUser user)
    {
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
        var link = $"{Origin}/account/reimposta-password?code={code}";
        await mailer.SendAsync(user.Email!, "Reimposta la password",
            $"Per scegliere una nuova password apri questo collegamento:\n{link}\n\nSe non l'hai chiesto tu, ignora questo messaggio: la password resta quella di prima.",
            $"<p>Per scegliere una nuova password <a href=\"{HtmlEncoder.Default.Encode(link)}\">apri questo collegamento</a>.</p><p>Se non l'hai chiesto tu, ignora questo messaggio: la password resta quella di prima.</p>");
    }

    public static string? DecodeCode(string? code)
    {
        if (string.IsNullOrEmpty(code)) return null;
        try { return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code)); }
        catch (FormatException) { return null; }
    }
}
