using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;

namespace Alleanza.Web.Platform.Errors;

/// <summary>
/// While the database cannot be reached (PostgreSQL restarting, the SQLite file missing or locked for too long), every
/// request answers 503 with Retry-After: a static Italian page for people — the usual error page would need the
/// database itself — and problem details for programs, so a till knows to retry.
/// </summary>
public sealed class DatabaseUnavailableHandler(ILogger<DatabaseUnavailableHandler> log) : IExceptionHandler
{
    public const string RetryAfterSeconds = "5";

    public const string UnavailableHtml =
        "<!doctype html><html lang=\"it\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
        "<title>Servizio momentaneamente non disponibile</title></head>" +
        "<body style=\"font-family:sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5\"><main>" +
        "<h1>Servizio momentaneamente non disponibile</h1><p>Il sito non riesce a leggere i dati in questo momento. Nulla di quanto avete già salvato è perso.</p>" +
        "<p>Riprovate tra qualche secondo: se stavate compilando un modulo, tornate indietro e inviatelo di nuovo.</p>" +
        "<p><a href=\"/\">Torna alla pagina iniziale</a></p></main></body></html>";

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancel)
    {
        if (!IsUnavailable(exception) || http.Response.HasStarted) return false;
        log.LogWarning("Database unreachable for {Method} {Path}: {Reason}", http.Request.Method, http.Request.Path, exception.GetBaseException().Message);
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = RetryAfterSeconds;
        if (ErrorPages.IsApi(http))
            await Results.Problem(title: "Servizio momentaneamente non disponibile", detail: "Il database non risponde: riprovate tra qualche secondo (con la stessa chiave di idempotenza).",
                statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(http);
        else
        {
            http.Response.ContentType = "text/html; charset=utf-8";
            await http.Response.WriteAsync(UnavailableHtml, cancel);
        }
        return true;
    }

    /// <summary>The database could not be reached (as opposed to a query that failed): a transient connection error, a refused or timed-out socket, a file that cannot be opened.</summary>
    public static bool IsUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            switch (e)
            {
                case Npgsql.NpgsqlException { IsTransient: true }:
                case System.Net.Sockets.SocketException:
                case Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 or 14 }: // busy, locked, cannot open
                    return true;
                case DbException:
                    return false;
            }
        return false;
    }
}
