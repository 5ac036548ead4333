using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Natero.Connectors.Web.Api;
using Natero.Connectors.Web.Endpoints;

namespace Natero.Connectors.Web.Composition;

internal static class NateroEndpoints
{
    /// <summary>Health checks, the pages, the OAuth callback, the API and its documents.</summary>
    public static void MapNateroEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
        app.MapRazorPages();
        app.MapOAuthCallback();
        app.MapNateroApi();
        app.MapNateroApiDocuments();
    }
}
