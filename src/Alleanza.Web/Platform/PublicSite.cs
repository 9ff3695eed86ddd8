namespace Alleanza.Web.Platform;

/// <summary>
/// The site's public address (<c>App:PublicUrl</c>, e.g. <c>https://alleanza.comune.example.it</c>), the one origin of
/// every absolute link the platform writes: mails, <c>.ics</c> files, HSDS URLs, PDFs and QR codes. Never the request's
/// Host header, which anyone can set: a reset link must not be mailed to a site of the sender's choosing.
/// Required outside Development (where it defaults to the address of <c>dotnet run</c>).
/// </summary>
public sealed class PublicSite
{
    public const string DevelopmentUrl = "http://localhost:5080";

    public PublicSite(IConfiguration config, IHostEnvironment env)
    {
        var configured = config["App:PublicUrl"];
        if (string.IsNullOrWhiteSpace(configured))
        {
            if (!env.IsDevelopment())
                throw new InvalidOperationException("Configurate l'indirizzo pubblico del sito in App:PublicUrl (per esempio https://alleanza.comune.example.it): " +
                    "serve per i collegamenti nelle email, nei calendari e nei documenti.");
            configured = DevelopmentUrl;
        }
        if (!Uri.TryCreate(configured.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query.Length > 0 || uri.Fragment.Length > 0)
            throw new InvalidOperationException($"App:PublicUrl non è un indirizzo http(s) valido: «{configured}».");
        Origin = uri.GetLeftPart(UriPartial.Authority) + uri.AbsolutePath.TrimEnd('/');
        Host = uri.Host;
    }

    /// <summary>Scheme, host, port and base path, without a trailing slash.</summary>
    public string Origin { get; }

    /// <summary>The host name alone (for AllowedHosts and the organizer's address in invitations).</summary>
    public string Host { get; }

    /// <summary>The origin, for code that has the request but no constructor to take the service (endpoints, page properties).</summary>
    public static string OriginOf(HttpContext http) => http.RequestServices.GetRequiredService<PublicSite>().Origin;

    /// <summary>An absolute link to a path of the site (which starts with '/').</summary>
    public string Link(string path) => Origin + (path.StartsWith('/') ? path : "/" + path);
}
