using Microsoft.AspNetCore.Diagnostics;

namespace Alleanza.Web.Platform.Errors;

/// <summary>
/// A request the framework could not read (malformed JSON, <c>?page=abc</c> for an <c>int</c>, a body too large) is the
/// caller's mistake, not ours. Minimal APIs throw <see cref="BadHttpRequestException"/> for it in Development
/// (<c>RouteHandlerOptions.ThrowOnBadRequest</c>), Kestrel and the body readers in any environment; without this the
/// exception handler turned it into a 500. APIs answer RFC 9457 problem details with the exception's status;
/// pages get the Italian error page with that status (through <see cref="StatusCodeFor"/>).
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    /// <summary>The status an exception deserves: the client error it carries, otherwise 500.</summary>
    public static int StatusCodeFor(Exception exception) => IsClientError(exception, out var status) ? status : StatusCodes.Status500InternalServerError;

    /// <summary>True for the caller's mistakes: no error log for them, they are not bugs.</summary>
    public static bool IsClientError(Exception exception, out int status)
    {
        status = exception switch
        {
            BadHttpRequestException bad when bad.StatusCode is >= 400 and < 500 => bad.StatusCode,
            _ => 0,
        };
        return status != 0;
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        // Pages: the exception handler re-executes /errore with the status chosen by StatusCodeFor.
        if (!ErrorPages.IsApi(http) || !IsClientError(exception, out var status)) return false;
        http.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = status,
                Title = status switch
                {
                    StatusCodes.Status413PayloadTooLarge => "Richiesta troppo grande",
                    StatusCodes.Status415UnsupportedMediaType => "Formato non supportato",
                    _ => "Richiesta non valida",
                },
                Detail = status switch
                {
                    StatusCodes.Status413PayloadTooLarge => "Il corpo della richiesta supera la dimensione consentita.",
                    StatusCodes.Status415UnsupportedMediaType => "Il corpo della richiesta non è nel formato atteso.",
                    _ => "La richiesta non è stata capita: controlla il corpo (JSON ben formato) e i parametri (numeri, date e identificativi nel formato atteso).",
                },
            },
        });
    }
}
