using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Alleanza.Web.Platform.Localization;

/// <summary>
/// The network's own content (titles, names of places and organisations, written by people in Italian) inside a
/// translated sentence: marked lang="it" so that screen readers pronounce it as Italian, the Arabic layout keeps its
/// order, and the language tests know it is content, not an untranslated text. Use with IHtmlLocalizer:
/// <c>@H["l'iscrizione a {0}", ItalianText.Of(title)]</c>.
/// </summary>
public static class ItalianText
{
    public static IHtmlContent Of(string? text) => new HtmlString("<span lang=\"it\">" + HtmlEncoder.Default.Encode(text ?? "") + "</span>");
}
