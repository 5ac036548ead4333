using Natero.Connectors.Infrastructure.Persistence;
using Natero.Connectors.Web.Api;
using Natero.Connectors.Web.Common;

namespace Natero.Connectors.Web.Composition;

/// <summary>
/// How a host mounts Natero Connectors: one services call and one mapping call, each a list of named steps
/// whose bodies sit in this folder, one file per step.
/// </summary>
public static class NateroConnectorsExtensions
{
    public static IHostApplicationBuilder AddNateroConnectors(
        this IHostApplicationBuilder builder,
        Action<NateroConnectorsOptions>? configure = null
    )
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Before the registrations below: the model builds on another core while they run (see WarmUpInBackground).
        OwnerDbContext.WarmUpInBackground(() => DatabaseOptions.From(builder.Configuration), TimeProvider.System);
        var options = new NateroConnectorsOptions();
        configure?.Invoke(options);
        var services = builder.Services;
        var configuration = builder.Configuration;
        var mount = new NateroMount();
        mount.MountAt(options.PathPrefix);
        var accounts = new NateroAccounts(options.HostAuthenticationScheme);
        services.AddSingleton(mount);
        services.AddSingleton(accounts);
        services.AddTransient<IStartupFilter, NateroFrontMiddleware>();
        services.AddSingleton(new NateroLayout(string.IsNullOrWhiteSpace(options.Layout) ? null : options.Layout.Trim()));

        builder.AddNateroLogFilters();
        builder.AddNateroOpenTelemetry();
        var cookies = builder.AddNateroCookiePolicy(mount);
        services.AddNateroCore(configuration);
        services.AddNateroRequestContext(configuration);
        services.AddNateroAuthentication(configuration, cookies, accounts);
        services.AddNateroApi(configuration, mount);
        services.AddNateroSignInProtection(configuration);
        services.AddNateroAuthorization();
        services.AddNateroMetricsEndpoint();
        services.AddNateroPages(cookies, mount, accounts);
        services.AddNateroHostedServices();
        return builder;
    }

    /// <summary>
    /// Adds the plugin's middleware for its own requests and maps its pages, callback, health checks, API and API
    /// documents, all under <paramref name="prefix"/> (or the <see cref="NateroConnectorsOptions.PathPrefix"/> given
    /// to <see cref="AddNateroConnectors"/>); nothing outside it.
    /// </summary>
    public static WebApplication MapNateroConnectors(this WebApplication app, string? prefix = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var mount = app.Services.GetRequiredService<NateroMount>();
        if (prefix is not null)
        {
            mount.MountAt(prefix);
        }

        app.UseNateroPipeline(mount);
        app.MapNateroEndpoints(mount);
        return app;
    }
}
