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
