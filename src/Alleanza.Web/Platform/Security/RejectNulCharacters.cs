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
                // The form feature can hand back nothing for a body it gave up on (seen once under load with a 20 kB
                // handler name and an empty file): then there is nothing to check here and the handler decides.
                bad = form?.Any(f => f.Key?.Contains('\0') == true || f.Value.Any(v => v?.Contains('\0') == true)) == true;
            }
            catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
            {
                bad = true; // the form reader itself refuses NUL characters and malformed or cut bodies
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
