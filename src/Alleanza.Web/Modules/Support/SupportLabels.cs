using System.ComponentModel.DataAnnotations;
using System.Reflection;

namespace Alleanza.Web.Modules.Support;

/// <summary>The Italian words of the paths' enums (their [Display] names).</summary>
public static class SupportLabels
{
    public static string Of<T>(T value) where T : struct, Enum =>
        typeof(T).GetField(value.ToString())?.GetCustomAttribute<DisplayAttribute>()?.Name is { } name ? Tr.Get(name) : value.ToString();
}
