namespace Alleanza.Web.Modules.Network;

/// <summary>
/// Small helpers for the network's pages in the reader's language: the resources refuse two keys that differ only in
/// case ("Tutta la rete" and "tutta la rete"), so a text that exists in one case is shown in the other through these.
/// </summary>
public static class NetworkText
{
    /// <summary>"enti partner" → "Enti partner" (the translation's first letter in upper case).</summary>
    public static string Cap(string text) => text.Length == 0 ? text : char.ToUpper(text[0], Platform.RomeTime.Culture) + text[1..];

    /// <summary>"Tutti i Comuni" → "tutti i Comuni" (the translation's first letter in lower case).</summary>
    public static string Lower(string text) => text.Length == 0 ? text : char.ToLower(text[0], Platform.RomeTime.Culture) + text[1..];

    /// <summary>A role at a working table, in the reader's language (the label stays Italian in the audit trail).</summary>
    public static string Role(Tables.TableRole role) => role == Tables.TableRole.Referent ? Cap(Tr.Get("referente")) : Tr.Get(Tables.TableRoles.Label(role));
}
