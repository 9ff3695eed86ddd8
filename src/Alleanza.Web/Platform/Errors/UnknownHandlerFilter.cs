using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Alleanza.Web.Platform.Errors;

/// <summary>
/// A post (or put, delete …) to a page that names none of the page's handlers for it: without this Razor Pages
/// renders the page with no handler run, so nothing the view needs is loaded (a 500). It answers 400 with the
/// Italian error page instead. Pages without handlers (the error page, re-executed for failed posts) are left alone.
/// </summary>
public sealed class UnknownHandlerFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var method = context.HttpContext.Request.Method;
        if (context.HandlerMethod is null && context.ActionDescriptor.HandlerMethods.Count > 0 && !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method))
        {
            context.Result = new BadRequestResult();
            return Task.CompletedTask;
        }
        return next();
    }
}
