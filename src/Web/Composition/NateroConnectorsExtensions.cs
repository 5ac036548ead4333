using Natero.Connectors.Web.Api;
using Natero.Connectors.Web.Security;

namespace Natero.Connectors.Web.Composition;

/// <summary>
/// How a host mounts Natero Connectors: one services call and one mapping call, each a list of named steps
/// whose bodies sit in this folder, one file per step.
/// </summary>
public static class NateroConnectorsExtensions
{
    public static IHostApplicationBuilder AddNateroConnectors(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;

        builder.AddNateroLogFilters();
        var cookies = builder.AddNateroCookiePolicy();
        services.AddNateroCore(configuration);
        services.AddNateroRequestContext(configuration);
        services.AddNateroAuthentication(configuration, cookies);
        services.AddNateroApi(configuration);
        services.AddNateroSignInProtection(configuration);
        services.AddNateroAuthorization();
        services.AddNateroPages(cookies);
        services.AddNateroHostedServices();
        return builder;
    }

    public static WebApplication MapNateroConnectors(this WebApplication app)
    {
        app.UseNateroPipeline();
        app.MapNateroEndpoints();
        return app;
    }
}
