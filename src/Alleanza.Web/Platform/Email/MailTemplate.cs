using System.Text;
using System.Text.Encodings.Web;

namespace Alleanza.Web.Platform.Email;

/// <summary>
/// What a mail says. <see cref="Text"/> is the message in plain text (paragraphs separated by blank lines);
/// <see cref="BodyHtml"/>, when given, is the same content as an HTML fragment (otherwise the text is used).
/// <see cref="LinkUrl"/> is an absolute address (from <see cref="PublicSite"/>), shown as a button.
/// <see cref="Reason"/>, <see cref="PreferencesUrl"/> and <see cref="UnsubscribeUrl"/> make the footer of notification
/// mails; transactional mails have none of them.
/// </summary>
public sealed record MailContent(string Title, string Text)
{
    public string? NetworkName { get; init; }
    public string? BodyHtml { get; init; }
    public string? LinkUrl { get; init; }
    public string? LinkLabel { get; init; }
    public string? Reason { get; init; }
    public string? PreferencesUrl { get; init; }
    public string? UnsubscribeUrl { get; init; }
}

/// <summary>
/// The platform's mail: a responsive HTML template (inline CSS, table layout, 600 px wide at most, readable on phones
/// and in clients that ignore &lt;style&gt;) with the network's name at the top, and the plain-text part with the same words.
/// </summary>
public static class MailTemplate
{
    const string Blue = "#0066cc";

    /// <summary>HTML-encoded, with the letters of every language kept as they are (an Arabic mail is not a wall of &amp;#x…; entities).</summary>
    static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
    static string E(string? s) => Encoder.Encode(s ?? "");

    /// <summary>Plain text as HTML paragraphs, line breaks kept, addresses made clickable.</summary>
    public static string Paragraphs(string text)
    {
        var html = new StringBuilder();
        foreach (var para in text.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            html.Append("<p style=\"margin:0 0 16px 0;\">").Append(string.Join("<br>", para.Split('\n').Select(Linkify))).Append("</p>");
        return html.ToString();
    }

    static string Linkify(string line)
    {
        var words = line.Split(' ');
        return string.Join(' ', words.Select(w => w.StartsWith("https://", StringComparison.Ordinal) || w.StartsWith("http://", StringComparison.Ordinal)
            ? $"<a href=\"{E(w)}\" style=\"color:{Blue};\">{E(w)}</a>"
            : E(w)));
    }

    public static string Html(MailContent c)
    {
        var header = string.IsNullOrWhiteSpace(c.NetworkName) ? "Alleanza" : c.NetworkName!;
        var body = c.BodyHtml ?? Paragraphs(c.Text);
        var button = c.LinkUrl is null ? "" :
            $"""
            <table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 16px 0;"><tr>
            <td style="background:{Blue};border-radius:4px;"><a href="{E(c.LinkUrl)}" style="display:inline-block;padding:12px 20px;color:#ffffff;font-weight:bold;text-decoration:none;font-size:16px;">{E(c.LinkLabel ?? Tr.Get("Apri su Alleanza"))}</a></td>
            </tr></table>
            <p style="margin:0 0 16px 0;font-size:13px;color:#5c6f82;">{E(Tr.Get("Se il pulsante non funziona, copia questo indirizzo nel browser:"))}<br><a href="{E(c.LinkUrl)}" style="color:{Blue};word-break:break-all;">{E(c.LinkUrl)}</a></p>
            """;
        var footer = new StringBuilder();
        if (c.Reason is not null) footer.Append($"<p style=\"margin:0 0 8px 0;\">{E(c.Reason)}</p>");
        var links = new List<string>();
        if (c.PreferencesUrl is not null) links.Add($"<a href=\"{E(c.PreferencesUrl)}\" style=\"color:{Blue};\">{E(Tr.Get("Gestisci le preferenze di notifica"))}</a>");
        if (c.UnsubscribeUrl is not null) links.Add($"<a href=\"{E(c.UnsubscribeUrl)}\" style=\"color:{Blue};\">{E(Tr.Get("Non ricevere più queste email"))}</a>");
        if (links.Count > 0) footer.Append($"<p style=\"margin:0;\">{string.Join(" · ", links)}</p>");
        if (footer.Length == 0) footer.Append($"<p style=\"margin:0;\">{E(Tr.Get("Messaggio inviato da {0} tramite la piattaforma Alleanza. Non rispondere a questa email.", header))}</p>");

        return $"""
            <!DOCTYPE html>
            <html lang="{Languages.Current.Code}" dir="{(Languages.Current.RightToLeft ? "rtl" : "ltr")}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="color-scheme" content="light">
            <title>{E(c.Title)}</title>
            </head>
            <body style="margin:0;padding:0;background:#f2f5f8;">
            <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f2f5f8;">
            <tr><td align="center" style="padding:16px 8px;">
            <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;width:100%;background:#ffffff;border-radius:6px;font-family:'Titillium Web',Geneva,Tahoma,sans-serif;color:#1a1a1a;font-size:16px;line-height:1.5;">
            <tr><td style="background:{Blue};color:#ffffff;padding:16px 24px;border-radius:6px 6px 0 0;font-size:20px;font-weight:bold;">{E(header)}</td></tr>
            <tr><td style="padding:24px;">
            <h1 style="margin:0 0 16px 0;font-size:22px;line-height:1.3;color:#17324d;">{E(c.Title)}</h1>
            {body}
            {button}
            </td></tr>
            <tr><td style="padding:16px 24px;border-top:1px solid #d9dadb;font-size:13px;color:#5c6f82;">{footer}</td></tr>
            </table>
            </td></tr>
            </table>
            </body>
            </html>
            """;
    }

    public static string Text(MailContent c)
    {
        var text = new StringBuilder();
        text.Append(string.IsNullOrWhiteSpace(c.NetworkName) ? "Alleanza" : c.NetworkName).Append("\n\n");
        text.Append(c.Text.Trim()).Append('\n');
        if (c.LinkUrl is not null && !c.Text.Contains(c.LinkUrl, StringComparison.Ordinal))
            text.Append('\n').Append(c.LinkLabel ?? Tr.Get("Apri su Alleanza")).Append(": ").Append(c.LinkUrl).Append('\n');
        if (c.Reason is not null || c.PreferencesUrl is not null || c.UnsubscribeUrl is not null)
        {
            text.Append("\n-- \n");
            if (c.Reason is not null) text.Append(c.Reason).Append('\n');
            if (c.PreferencesUrl is not null) text.Append(Tr.Get("Gestisci le preferenze di notifica")).Append(": ").Append(c.PreferencesUrl).Append('\n');
            if (c.UnsubscribeUrl is not null) text.Append(Tr.Get("Non ricevere più queste email")).Append(": ").Append(c.UnsubscribeUrl).Append('\n');
        }
        return text.ToString();
    }
}
