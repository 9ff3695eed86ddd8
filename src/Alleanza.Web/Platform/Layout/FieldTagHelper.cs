using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Alleanza.Web.Platform.Layout;

/// <summary>
/// One accessible Bootstrap Italia form field: label, control, hint and Italian validation message,
/// wired with aria-describedby and aria-invalid. <c>&lt;field for="Input.Email" type="email" autocomplete="email" /&gt;</c>
/// </summary>
[HtmlTargetElement("field", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldTagHelper(IHtmlGenerator generator) : TagHelper
{
    [HtmlAttributeName("for")] public ModelExpression For { get; set; } = default!;
    /// <summary>text (default), email, password, tel, url, number, date, textarea, select, checkbox.</summary>
    [HtmlAttributeName("type")] public string Type { get; set; } = "text";
    [HtmlAttributeName("autocomplete")] public string? Autocomplete { get; set; }
    [HtmlAttributeName("hint")] public string? Hint { get; set; }
    [HtmlAttributeName("label")] public string? Label { get; set; }
    [HtmlAttributeName("items")] public IEnumerable<SelectListItem>? Items { get; set; }
    [HtmlAttributeName("option-label")] public string? OptionLabel { get; set; }
    [HtmlAttributeName("multiple")] public bool Multiple { get; set; }
    [HtmlAttributeName("rows")] public int Rows { get; set; } = 4;
    [HtmlAttributeName("inputmode")] public string? InputMode { get; set; }

    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = default!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = For.Name;
        var id = TagBuilder.CreateSanitizedId(ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(name), "_");
        var hasError = ViewContext.ViewData.ModelState.TryGetValue(ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(name), out var entry) && entry.Errors.Count > 0;
        var required = For.Metadata.IsRequired && For.Metadata.ValidatorMetadata.OfType<RequiredAttribute>().Any();
        var describedBy = string.Join(' ', new[] { Hint is null ? null : id + "-hint", id + "-error" }.Where(s => s is not null));

        var attributes = new Dictionary<string, object?>
        {
            ["class"] = Type == "select" ? "form-select" : Type == "checkbox" ? "form-check-input" : "form-control",
            ["aria-describedby"] = describedBy,
        };
        if (hasError) { attributes["aria-invalid"] = "true"; attributes["class"] += " is-invalid"; }
        if (required) attributes["required"] = "required";
        if (Autocomplete is not null) attributes["autocomplete"] = Autocomplete;
        if (InputMode is not null) attributes["inputmode"] = InputMode;
        if (Type is not ("textarea" or "select" or "checkbox" or "password")) attributes["type"] = Type;

        // A checkbox re-rendered after junk input ("xyz" for a bool) would make the generator throw: show it unticked.
        var fullName = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(name);
        if (Type == "checkbox" && entry?.AttemptedValue is { } attempted && !attempted.Split(',').All(v => bool.TryParse(v, out _)))
            ViewContext.ViewData.ModelState.SetModelValue(fullName, rawValue: "false", attemptedValue: "false");

        // Labels, hints and the empty option written in the view are Italian keys of the shared resources, like @L["…"].
        var labelText = (Label is null ? null : Tr.Get(Label)) ?? For.Metadata.DisplayName ?? name;
        TagBuilder control = Type switch
        {
            "password" => generator.GeneratePassword(ViewContext, For.ModelExplorer, name, null, attributes),
            "textarea" => generator.GenerateTextArea(ViewContext, For.ModelExplorer, name, Rows, 0, attributes),
            "select" => generator.GenerateSelect(ViewContext, For.ModelExplorer, OptionLabel is null ? null : Tr.Get(OptionLabel), name, Items ?? [], Multiple, attributes),
            "checkbox" => generator.GenerateCheckBox(ViewContext, For.ModelExplorer, name, For.Model as bool?, attributes),
            _ => generator.GenerateTextBox(ViewContext, For.ModelExplorer, name, For.Model, Type switch { "date" => "{0:yyyy-MM-dd}", "time" => "{0:HH\\:mm}", _ => null }, attributes),
        };
        var label = generator.GenerateLabel(ViewContext, For.ModelExplorer, name, labelText + (required ? " *" : ""), Type == "checkbox" ? new { @class = "form-check-label" } : null);
        var message = generator.GenerateValidationMessage(ViewContext, For.ModelExplorer, name, null, "div", new { @class = "invalid-feedback d-block", id = id + "-error" });

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", Type == "checkbox" ? "form-check mb-4" : "form-group");
        if (Type == "checkbox")
        {
            // Bootstrap Italia draws the box with "[type=checkbox] + label": the hidden field goes after the label.
            output.Content.AppendHtml(control);
            output.Content.AppendHtml(label);
            output.Content.AppendHtml(generator.GenerateHiddenForCheckbox(ViewContext, For.ModelExplorer, name));
        }
        else
        {
            output.Content.AppendHtml(label);
            output.Content.AppendHtml(control);
        }
        if (Hint is not null) output.Content.AppendHtml($"<small id=\"{id}-hint\" class=\"form-text form-hint\">{System.Net.WebUtility.HtmlEncode(Tr.Get(Hint))}</small>");
        output.Content.AppendHtml(message);
    }
}
