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
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(http => !IsApi(http), pages =>
        {
            pages.UseExceptionHandler("/errore");
            pages.UseStatusCodePagesWithReExecute("/errore/{0}");
        });
    }
}
