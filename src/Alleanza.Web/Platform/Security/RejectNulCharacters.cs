using Alleanza.Web.Platform.Errors;

namespace Alleanza.Web.Platform.Security;

/// <summary>
/// A NUL character is never meaningful in a query or a form field, and PostgreSQL cannot store it in text:
/// such requests get a 400 before any handler sees them.
/// </summary>
public sealed class RejectNulCharactersMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var bad = request.QueryString.HasValue && request.Query.Any(q => q.Key.Contains('\0') || q.Value.Any(v => v?.Contains('\0') == true));
        // Only the first pass of a request: a re-executed error page must not read the form again.
        var reExecuted = context.Features.Get<Microsoft.AspNetCore.Antiforgery.IAntiforgeryValidationFeature>() is not null
            || context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null
            || context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is not null;
        if (!bad && !reExecuted && request.HasFormContentType && request.ContentLength is null or < 10_000_000)
        {
            try
            {
                var form = await request.ReadFormAsync(context.RequestAborted);
                bad = form.Any(f => f.Key.Contains('\0') || f.Value.Any(v => v?.Contains('\0') == true));
            }
            catch (InvalidDataException)
            {
                bad = true; // the form reader itself refuses NUL characters and malformed bodies
            }
        }
        if (!bad)
        {
            await next(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        if (ErrorPages.IsApi(context))
            await Results.Problem(statusCode: 400, title: "Richiesta non valida", detail: "La richiesta contiene caratteri non ammessi.").ExecuteAsync(context);
    }
}
