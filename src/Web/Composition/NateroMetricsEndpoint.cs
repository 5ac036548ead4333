using Microsoft.AspNetCore.Authorization;
using Natero.Connectors.Web.Security;

namespace Natero.Connectors.Web.Composition;

internal static class NateroMetricsEndpoint
{
    /// <summary>The policy of the Prometheus scrape endpoint: a platform API key, or an address in the allowed networks.</summary>
    public static void AddNateroMetricsEndpoint(this IServiceCollection services) =>
        services
            .AddOptions<AuthorizationOptions>()
            .Configure<TelemetrySettings>(
                (options, settings) =>
                    options.AddPolicy(MetricsScrapeAccess.Policy, policy =>
                        policy
                            .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                            .AddRequirements(new MetricsScrapeAccess(settings.AllowedNetworks))
                    )
            );

    /// <summary><c>/metrics</c> under the plugin's prefix when <c>OpenTelemetry:Prometheus:Enabled</c> is true.</summary>
    public static void MapNateroMetrics(this IEndpointRouteBuilder plugin)
    {
        if (plugin.ServiceProvider.GetRequiredService<TelemetrySettings>().PrometheusEnabled)
        {
            plugin.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(MetricsScrapeAccess.Policy);
        }
    }
}
