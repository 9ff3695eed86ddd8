using Microsoft.AspNetCore.Diagnostics;

namespace Alleanza.Web.Platform.Errors;

/// <summary>How failures reach people and programs: problem details under /api, a friendly Italian page elsewhere.</summary>
public static class ErrorPages
{
    public const string TooManyRequestsHtml =
        "<!doctype html><html lang=\"it\"><head><meta charset=\"utf-8\"><title>Troppe richieste</title></head>" +
        "<body><main><h1>Troppe richieste</h1><p>Hai fatto troppi tentativi in poco tempo. Attendi un minuto e riprova.</p>" +
        "<p><a href=\"/\">Torna alla pagina iniziale</a></p></main></body></html>";

    public static bool IsApi(HttpContext http) => http.Request.Path.StartsWithSegments("/api");

    public static void UseErrorPages(this WebApplication app)
    {
        app.UseWhen(IsApi, api =>
        {
            // BadRequestExceptionHandler answers the caller's mistakes with their status; the rest is a 500 problem.
            api.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = BadRequestExceptionHandler.StatusCodeFor, SuppressDiagnosticsCallback = NotABug });
            api.UseStatusCodePages();
        });
        app.UseWhen(http => !IsApi(http), pages =>
        {
            // The error page shows the status chosen here: 400 for a request that could not be read, 500 for a bug.
            pages.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/errore",
                StatusCodeSelector = BadRequestExceptionHandler.StatusCodeFor,
                SuppressDiagnosticsCallback = NotABug,
            });
            pages.UseStatusCodePagesWithReExecute("/errore/{0}");
        });
    }

    /// <summary>The caller's mistakes, and a database that cannot be reached (logged once as a warning by its handler), are not logged as unhandled errors.</summary>
    static bool NotABug(ExceptionHandlerSuppressDiagnosticsContext context) =>
        BadRequestExceptionHandler.IsClientError(context.Exception, out _) || DatabaseUnavailableHandler.IsUnavailable(context.Exception);
}
