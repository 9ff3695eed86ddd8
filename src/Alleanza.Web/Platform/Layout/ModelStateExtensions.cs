using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Alleanza.Web.Platform.Layout;

public static class ModelStateExtensions
{
    /// <summary>
    /// Keeps only the entries of the form that was posted, on pages that hold several forms. The others' fields
    /// were not sent, and MVC binds a missing prefix from the empty prefix, so their errors carry bare names.
    /// </summary>
    public static void KeepOnly(this ModelStateDictionary modelState, string prefix)
    {
        foreach (var key in modelState.Keys.Where(k => k != prefix && !k.StartsWith(prefix + ".", StringComparison.Ordinal)).ToList())
            modelState.Remove(key);
    }
}
