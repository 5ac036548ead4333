using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Natero.Connectors.Web.Api;
using Natero.Connectors.Web.Common;
using Natero.Connectors.Web.Endpoints;

namespace Natero.Connectors.Web.Composition;

internal static class NateroEndpoints
{
    /// <summary>Health checks, the metrics (when enabled), the pages, the OAuth callback, the API and its documents.</summary>
    /// <remarks>
    /// The pages are the application's Razor Pages data source (one per application, shared with the host's own
    /// pages); <see cref="NateroPages"/> puts the plugin's under the prefix. Everything else is one route group.
    /// </remarks>
    public static void MapNateroEndpoints(this WebApplication app, NateroMount mount)
    {
        app.MapRazorPages();
        var plugin = app.MapGroup(mount.Prefix);
        plugin.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        plugin
            .MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") })
            .AllowAnonymous();
        plugin.MapOAuthCallback();
        plugin.MapNateroMetrics();
        plugin.MapNateroApi();
        plugin.MapNateroApiDocuments(mount);
    }
}
