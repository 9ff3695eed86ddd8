using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace Alleanza.Web.Platform.Errors;

/// <summary>Italian messages for model-binding failures (the framework's defaults are English).</summary>
public static class ValidationMessages
{
    public static void Apply(DefaultModelBindingMessageProvider p)
    {
        p.SetValueIsInvalidAccessor(v => $"Il valore «{v}» non è valido.");
        p.SetValueMustBeANumberAccessor(f => $"Il campo {f} deve essere un numero.");
        p.SetMissingBindRequiredValueAccessor(f => $"Manca un valore per {f}.");
        p.SetAttemptedValueIsInvalidAccessor((v, f) => $"Il valore «{v}» non è valido per {f}.");
        p.SetMissingKeyOrValueAccessor(() => "Il valore è obbligatorio.");
        p.SetUnknownValueIsInvalidAccessor(f => $"Il valore inserito non è valido per {f}.");
        p.SetValueMustNotBeNullAccessor(f => $"Il campo {f} è obbligatorio.");
        p.SetNonPropertyAttemptedValueIsInvalidAccessor(v => $"Il valore «{v}» non è valido.");
        p.SetNonPropertyUnknownValueIsInvalidAccessor(() => "Il valore inserito non è valido.");
        p.SetNonPropertyValueMustBeANumberAccessor(() => "Il campo deve essere un numero.");
        p.SetMissingRequestBodyRequiredValueAccessor(() => "Il corpo della richiesta è vuoto.");
    }
}
