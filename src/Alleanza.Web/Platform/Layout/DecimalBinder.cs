using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Alleanza.Web.Platform.Layout;

/// <summary>
/// Decimal numbers typed by people: "12,50" (Italian) and "12.50" both mean twelve and a half; with both
/// separators the last one is the decimal mark ("1.234,56"). The framework's binder would read "12.50"
/// as 1250 under the Italian culture.
/// </summary>
public sealed class DecimalBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext context)
    {
        var value = context.ValueProvider.GetValue(context.ModelName);
        if (value == ValueProviderResult.None) return Task.CompletedTask;
        context.ModelState.SetModelValue(context.ModelName, value);
        var text = value.FirstValue?.Trim().Replace(" ", "").Replace("€", "");
        if (string.IsNullOrEmpty(text))
        {
            if (Nullable.GetUnderlyingType(context.ModelType) is null)
                context.ModelState.TryAddModelError(context.ModelName, "Il valore è obbligatorio.");
            return Task.CompletedTask;
        }
        if (TryParse(text, out var number))
        {
            var type = Nullable.GetUnderlyingType(context.ModelType) ?? context.ModelType;
            context.Result = ModelBindingResult.Success(type == typeof(double) ? (double)number : number);
        }
        else
            context.ModelState.TryAddModelError(context.ModelName, $"«{value.FirstValue}» non è un numero: scrivi per esempio 12,50.");
        return Task.CompletedTask;
    }

    public static bool TryParse(string text, out decimal number)
    {
        int comma = text.LastIndexOf(','), dot = text.LastIndexOf('.');
        var normalized = comma >= 0 && dot >= 0
            ? (comma > dot ? text.Replace(".", "").Replace(',', '.') : text.Replace(",", ""))
            : text.Replace(',', '.');
        return decimal.TryParse(normalized, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number);
    }
}

public sealed class DecimalBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        var type = Nullable.GetUnderlyingType(context.Metadata.ModelType) ?? context.Metadata.ModelType;
        return type == typeof(decimal) || type == typeof(double) ? new DecimalBinder() : null;
    }
}
