using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace Alleanza.Web.Platform.Errors;

/// <summary>Italian messages for model-binding failures (the framework's defaults are English).</summary>
public static class ValidationMessages
{
    public static void Apply(DefaultModelBindingMessageProvider p)
    {
        p.SetValueIsInvalidAccessor(v => Tr.Get("Il valore «{0}» non è valido.", v));
        p.SetValueMustBeANumberAccessor(f => Tr.Get("Il campo {0} deve essere un numero.", f));
        p.SetMissingBindRequiredValueAccessor(f => Tr.Get("Manca un valore per {0}.", f));
        p.SetAttemptedValueIsInvalidAccessor((v, f) => Tr.Get("Il valore «{0}» non è valido per {1}.", v, f));
        p.SetMissingKeyOrValueAccessor(() => Tr.Get("Il valore è obbligatorio."));
        p.SetUnknownValueIsInvalidAccessor(f => Tr.Get("Il valore inserito non è valido per {0}.", f));
        p.SetValueMustNotBeNullAccessor(f => Tr.Get("Il campo {0} è obbligatorio.", f));
        p.SetNonPropertyAttemptedValueIsInvalidAccessor(v => Tr.Get("Il valore «{0}» non è valido.", v));
        p.SetNonPropertyUnknownValueIsInvalidAccessor(() => Tr.Get("Il valore inserito non è valido."));
        p.SetNonPropertyValueMustBeANumberAccessor(() => Tr.Get("Il campo deve essere un numero."));
        p.SetMissingRequestBodyRequiredValueAccessor(() => Tr.Get("Il corpo della richiesta è vuoto."));
    }
}

/// <summary>
/// The "required" that MVC adds by itself to every non-nullable value type (a check box's bool) is made on the fly with no
/// message, so the English default ended up in the page («The Resta collegato… field is required.»). Declaring it here,
/// with the Italian key, lets the data-annotations localizer translate it like every other message; a required
/// attribute declared without a message gets the same key.
/// </summary>
public sealed class ImplicitRequiredMessage : IValidationMetadataProvider
{
    const string Message = "Il campo {0} è obbligatorio.";

    public void CreateValidationMetadata(ValidationMetadataProviderContext context)
    {
        var declared = context.ValidationMetadata.ValidatorMetadata.OfType<System.ComponentModel.DataAnnotations.RequiredAttribute>().ToList();
        foreach (var required in declared)
            if (required.ErrorMessage is null && required.ErrorMessageResourceName is null)
                required.ErrorMessage = Message;
        var type = context.Key.ModelType;
        if (declared.Count == 0 && context.Key.MetadataKind == Microsoft.AspNetCore.Mvc.ModelBinding.Metadata.ModelMetadataKind.Property
            && type.IsValueType && Nullable.GetUnderlyingType(type) is null)
            context.ValidationMetadata.ValidatorMetadata.Add(new System.ComponentModel.DataAnnotations.RequiredAttribute { ErrorMessage = Message });
    }
}
