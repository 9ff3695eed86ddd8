using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace Alleanza.Web.Platform.Errors;

/// <summary>Italian messages for model-binding failures (the framework's defaults are English).</summary>
public static class ValidationMessages
{
    /// <summary>The message (and localization key) for a value that must be given.</summary>
    public const string Required = "Il campo {0} è obbligatorio.";

    public static void Apply(DefaultModelBindingMessageProvider p)
    {
        p.SetValueIsInvalidAccessor(v => Tr.Get("Il valore «{0}» non è valido.", v));
        p.SetValueMustBeANumberAccessor(f => Tr.Get("Il campo {0} deve essere un numero.", f));
        p.SetMissingBindRequiredValueAccessor(f => Tr.Get("Manca un valore per {0}.", f));
        p.SetAttemptedValueIsInvalidAccessor((v, f) => Tr.Get("Il valore «{0}» non è valido per {1}.", v, f));
        p.SetMissingKeyOrValueAccessor(() => Tr.Get("Il valore è obbligatorio."));
        p.SetUnknownValueIsInvalidAccessor(f => Tr.Get("Il valore inserito non è valido per {0}.", f));
        p.SetValueMustNotBeNullAccessor(f => Tr.Get(Required, f));
        p.SetNonPropertyAttemptedValueIsInvalidAccessor(v => Tr.Get("Il valore «{0}» non è valido.", v));
        p.SetNonPropertyUnknownValueIsInvalidAccessor(() => Tr.Get("Il valore inserito non è valido."));
        p.SetNonPropertyValueMustBeANumberAccessor(() => Tr.Get("Il campo deve essere un numero."));
        p.SetMissingRequestBodyRequiredValueAccessor(() => Tr.Get("Il corpo della richiesta è vuoto."));
    }
}

/// <summary>
/// The "required" that MVC adds on the browser's side to every non-nullable value type (a check box's bool) is made on
/// the fly with no message, so the English default ended up in the page («The Resta collegato… field is required.»).
/// This provider runs after MVC's own and gives it the Italian key, which the data-annotations localizer translates
/// like every other message. (Only on the browser's side: on the server a missing value is the model binder's, with
/// its own Italian message.)
/// </summary>
public sealed class ImplicitRequiredMessage : Microsoft.AspNetCore.Mvc.ModelBinding.Validation.IClientModelValidatorProvider
{
    public void CreateValidators(Microsoft.AspNetCore.Mvc.ModelBinding.Validation.ClientValidatorProviderContext context)
    {
        foreach (var item in context.Results)
            if (item.Validator is Microsoft.AspNetCore.Mvc.DataAnnotations.RequiredAttributeAdapter { Attribute: var required }
                && required.ErrorMessage is null && required.ErrorMessageResourceName is null)
                required.ErrorMessage = ValidationMessages.Required;
    }
}
