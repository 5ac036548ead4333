using Natero.Connectors.Web.Common;

namespace Natero.Connectors.Web.Security;

/// <summary>
/// Headers every response of the plugin carries: no framing, no sniffing, scripts and styles only from this origin.
/// When the pages render in the host's layout (<see cref="NateroLayout"/>) the document is the host's, with the host's
/// inline styles or scripts, so its Content-Security-Policy is the host's to send, not the plugin's.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next, NateroLayout layout)
{
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
        + "base-uri 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            if (layout.HostLayout is null)
            {
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
            }

            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";

            // An endpoint may ask for less: the OAuth callback sends no referrer at all.
            headers.TryAdd("Referrer-Policy", "same-origin");
            return Task.CompletedTask;
        });
        return next(context);
    }
}
