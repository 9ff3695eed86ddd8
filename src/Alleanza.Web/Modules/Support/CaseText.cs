using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Alleanza.Web.Modules.Support;

/// <summary>
/// The paths' sensitive text (notes, needs detail, closing note) protected at rest with the app's data-protection keys
/// (kept in the database, shared by every instance), under a purpose of its own. Done by the use cases rather than by an
/// EF value converter: the context is pooled and its model is built once per process, while each host (each test
/// database) has its own key ring.
/// </summary>
public sealed class CaseText(IDataProtectionProvider provider)
{
    public const string Purpose = "Alleanza.Support.CaseText.v1";
    /// <summary>Shown instead of a text whose key is gone (it cannot be read any more).</summary>
    public const string Unreadable = "[testo non più leggibile]";

    readonly IDataProtector protector = provider.CreateProtector(Purpose);

    public string? Protect(string? plain) => string.IsNullOrEmpty(plain) ? null : protector.Protect(plain);

    public string? Unprotect(string? stored)
    {
        if (string.IsNullOrEmpty(stored)) return null;
        try { return protector.Unprotect(stored); }
        catch (CryptographicException) { return Unreadable; }
    }
}
