using Natero.Connectors.Web.Security;

namespace Natero.Connectors.Web.Composition;

/// <summary>
/// What a whole site needs and a plugin must not take over from the application it is mounted in: the
/// forwarded headers of trusted proxies, the error pages, HSTS, and routing after them (so that everything after it
/// sees the client's scheme and address). The standalone host (<c>src/Host</c>) opts into them; an application that
/// mounts the plugin keeps its own.
/// </summary>
public static class NateroStandaloneHost
{
    public static WebApplication UseNateroStandaloneHost(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // First, so that everything after it (audit records, cookies, redirects) sees the client's
        // address and scheme, as told by a configured proxy and by nobody else.
        app.UseTrustedProxies();
        app.UseExceptionHandler("/error/500");
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseRouting();

        return app;
    }
}
