using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace Alleanza.Web.Platform.Notifications;

/// <summary>
/// The token of a one-click unsubscribe link: the (person, kind) pair protected with the data-protection keys (kept in
/// the database, so every instance reads the tokens of the others). Without the keys nobody can make or change one.
/// </summary>
public sealed class UnsubscribeTokens(IDataProtectionProvider provider)
{
    public const string Path = "/notifiche/disiscrivi";
    readonly IDataProtector protector = provider.CreateProtector("Alleanza.Notifications.Unsubscribe.v1");

    public string Create(Guid userId, string kind) =>
        WebEncoders.Base64UrlEncode(protector.Protect(System.Text.Encoding.UTF8.GetBytes($"{userId:N}|{kind}")));

    /// <summary>The pair in a token, or null when it is missing, damaged or forged.</summary>
    public (Guid UserId, string Kind)? Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 2000) return null;
        try
        {
            var text = System.Text.Encoding.UTF8.GetString(protector.Unprotect(WebEncoders.Base64UrlDecode(token.Trim())));
            var bar = text.IndexOf('|');
            if (bar < 0 || !Guid.TryParseExact(text[..bar], "N", out var user)) return null;
            var kind = text[(bar + 1)..];
            return kind == NotificationKinds.DigestKey || NotificationKinds.Find(kind) is not null ? (user, kind) : null;
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
    }
}
