using Alleanza.Web.Platform.Data;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Alleanza.Web.Platform.Errors;

/// <summary>
/// The one answer to a request that lost a race with an identical one (a version token or a "one" rule changed under
/// it; see <see cref="IVersioned"/>): nothing of it was saved. Handlers with a typed answer catch it themselves; this is
/// the net for every other. A page's form comes back to the page with the message «già fatta» and the state as it is
/// now; the API answers 409 with problem details.
/// </summary>
public sealed class LostRaceHandler(ITempDataDictionaryFactory tempData, ILogger<LostRaceHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancel)
    {
        if (!exception.IsLostRace() || http.Response.HasStarted) return false;
        log.LogInformation("Request {Method} {Path} lost a race with an identical one: {Reason}", http.Request.Method, http.Request.Path, exception.GetType().Name);
        if (ErrorPages.IsApi(http))
        {
            await Results.Problem(title: "Operazione già eseguita", detail: "Lo stato è cambiato per una richiesta uguale arrivata nello stesso momento: rileggi lo stato e riprova se serve.",
                statusCode: StatusCodes.Status409Conflict).ExecuteAsync(http);
            return true;
        }
        if (HttpMethods.IsPost(http.Request.Method))
        {
            var data = tempData.GetTempData(http);
            data["Message"] = Concurrency.AlreadyDone;
            data.Save();
            http.Response.StatusCode = StatusCodes.Status303SeeOther;
            // The page itself, without its handler: the person sees the state as it is now.
            var query = http.Request.Query.Where(q => !q.Key.Equals("handler", StringComparison.OrdinalIgnoreCase))
                .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)));
            http.Response.Headers.Location = (http.Request.PathBase + http.Request.Path + new QueryBuilder(query!).ToQueryString()).ToString();
            return true;
        }
        return false;
    }
}
