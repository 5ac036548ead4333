using Microsoft.AspNetCore.Authorization;
using Natero.Connectors.Web.Security;

namespace Natero.Connectors.Web.Composition;

internal static class NateroAuthorization
{
    /// <summary>The web layer's policies, checked before a request reaches the mediator's own authorization.</summary>
    public static void AddNateroAuthorization(this IServiceCollection services)
    {
        services.AddAuthorization(options => options.AddNateroPolicies());
        services.AddScoped<IAuthorizationHandler, TenantPermissionHandler>();
        services.AddScoped<TenantRoute>();
    }
}
