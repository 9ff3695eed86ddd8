using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Alleanza.Web.Platform.Layout;

/// <summary>
/// Binds each page's <c>[BindProperty]</c> only from its own prefix (<c>Input.Name</c> for <c>Input</c>), never from the
/// empty prefix. MVC falls back to the empty prefix when no field of a form was posted: a post with nothing but the
/// antiforgery token then validated the form under bare names (<c>Name</c>), which <see cref="ModelStateExtensions.KeepOnly"/>
/// dropped, and the handler went on with a form of nulls (a 500). With the prefix fixed, the missing fields are
/// "required" errors under the form's own names and the page re-renders with its messages.
/// </summary>
public sealed class BoundPropertyPrefixConvention : IPageApplicationModelConvention
{
    public void Apply(PageApplicationModel model)
    {
        foreach (var property in model.HandlerProperties)
            if (property.BindingInfo is { BinderModelName: null } binding)
                binding.BinderModelName = property.PropertyName;
    }
}
