using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Natero.Connectors.Web.Security;

/// <summary>
/// X-Forwarded-For and X-Forwarded-Proto are believed only from the proxies named in
/// <c>ForwardedHeaders:KnownProxies</c> (addresses) and <c>ForwardedHeaders:KnownNetworks</c> (CIDR
/// ranges). Nothing is trusted by default, not even loopback: otherwise anyone could write their own
/// address into the audit trail. <c>ForwardedHeaders:ForwardLimit</c> (default 1) is how many proxies
/// in a row may be unwound.
/// </summary>
internal static class TrustedProxies
{
    /// <summary>
    /// Whether any proxy is configured. The middleware must not run otherwise: with empty lists it
    /// believes every sender.
    /// </summary>
    public static bool AnyConfigured(IConfiguration configuration) =>
        configuration.GetSection("ForwardedHeaders:KnownProxies").GetChildren().Any()
        || configuration.GetSection("ForwardedHeaders:KnownNetworks").GetChildren().Any();

    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        if (AnyConfigured(app.Configuration))
        {
            app.UseForwardedHeaders();
        }

        return app;
    }

    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("ForwardedHeaders");
        var proxies = (section.GetSection("KnownProxies").Get<string[]>() ?? []).Select(p => ParseAddress(p)).ToList();
        var networks = (section.GetSection("KnownNetworks").Get<string[]>() ?? []).Select(n => ParseNetwork(n)).ToList();
        var limit = section.GetValue<int?>("ForwardLimit") ?? 1;
        if (limit < 1)
        {
            throw new InvalidOperationException("ForwardedHeaders:ForwardLimit must be 1 or more.");
        }

        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = limit;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // The obsolete list still holds the loopback default, and the middleware still reads it.
            options.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
            proxies.ForEach(options.KnownProxies.Add);
            networks.ForEach(options.KnownIPNetworks.Add);
        });
        return services;
    }

    private static IPAddress ParseAddress(string value) =>
        IPAddress.TryParse(value.Trim(), out var address)
            ? address
            : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies has '{value}', which is not an IP address.");

    private static System.Net.IPNetwork ParseNetwork(string value) =>
        System.Net.IPNetwork.TryParse(value.Trim(), out var network)
            ? network
            : throw new InvalidOperationException(
                $"ForwardedHeaders:KnownNetworks has '{value}', which is not a CIDR range such as 10.0.0.0/8."
            );
}
