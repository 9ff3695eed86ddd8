using AngleSharp.Html.Dom;

namespace Alleanza.Tests.Shared;

/// <summary>What a browser without JavaScript sends for a form (shared by the HTTP tests and the multi-instance driver).</summary>
public static class HtmlForms
{
    /// <summary>The form's current values — hidden fields (the antiforgery token), checked boxes, selected options — except the fields named in <paramref name="except"/>.</summary>
    public static List<KeyValuePair<string, string>> CurrentValues(IHtmlFormElement form, Func<string, bool> except)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || except(name)) continue;
            switch (element)
            {
                case IHtmlInputElement input when input.Type is "checkbox" or "radio":
                    if (input.IsChecked) fields.Add(new(name, input.Value));
                    break;
                case IHtmlInputElement input when input.Type is "submit" or "button":
                    break;
                case IHtmlInputElement input:
                    fields.Add(new(name, input.Value));
                    break;
                case IHtmlTextAreaElement area:
                    fields.Add(new(name, area.Value));
                    break;
                case IHtmlSelectElement select:
                    foreach (var option in select.Options.Where(o => o.IsSelected)) fields.Add(new(name, option.Value));
                    break;
            }
        }
        return fields;
    }
}
