using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Web.Security;

namespace Natero.Connectors.Web.Composition;

internal static class NateroRequestContext
{
    /// <summary>Who asks and from where: the client's address through trusted proxies, the current user, the request.</summary>
    public static void AddNateroRequestContext(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTrustedProxies(configuration);
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, CurrentUser>();
        services.AddScoped<IRequestContext, RequestContext>();
    }
}
