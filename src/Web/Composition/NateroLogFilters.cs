namespace Natero.Connectors.Web.Composition;

internal static class NateroLogFilters
{
    /// <summary>Framework log lines that would carry an OAuth code, a state or a userinfo are kept out of the logs.</summary>
    public static void AddNateroLogFilters(this IHostApplicationBuilder builder)
    {
        // Request lines carry the query string, and the OAuth callback's query is the authorization code
        // and state; a redirect line carries the authorize URL with the state. Neither may reach a log.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Mvc.Infrastructure.RedirectResultExecutor", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Http.Result.RedirectResult", LogLevel.Warning);

        // Below Information, the OpenID Connect handler writes the callback's URL (code and state) and the userinfo.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Authentication.OpenIdConnect", LogLevel.Information);
    }
}
