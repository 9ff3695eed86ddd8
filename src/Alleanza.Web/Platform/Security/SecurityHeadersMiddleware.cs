namespace Alleanza.Web.Platform.Security;

/// <summary>
/// Security headers on every response. The CSP allows no inline script: pages load their scripts from /js
/// and pass data through data- attributes. Map tiles come from the configured tile server.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, IConfiguration config)
{
    readonly string csp = BuildCsp(config["Maps:TileOrigin"] ?? "https://*.tile.openstreetmap.org");

    static string BuildCsp(string tileOrigin) =>
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
        $"img-src 'self' data: blob: {tileOrigin}; font-src 'self' data:; connect-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = csp;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Permissions-Policy"] = "camera=(self), geolocation=(self), microphone=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        return next(context);
    }
}
