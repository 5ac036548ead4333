using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Web.Security;

/// <summary>
/// Who may read <c>/metrics</c>: a platform API key (any: both platform roles may read every tenant's audit trail, and
/// the metrics say less than that), or a client whose address, as the app sees it through <c>ForwardedHeaders</c>'
/// trusted proxies, lies in <c>OpenTelemetry:Prometheus:AllowedNetworks</c>. A tenant's key never: the metrics count
/// every tenant's connections.
/// </summary>
internal sealed class MetricsScrapeAccess(IReadOnlyList<IPNetwork> allowedNetworks)
    : AuthorizationHandler<MetricsScrapeAccess>,
        IAuthorizationRequirement
{
    public const string Policy = "natero:metrics-scrape";

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, MetricsScrapeAccess requirement)
    {
        var address = (context.Resource as HttpContext)?.Connection.RemoteIpAddress;
        if (address is not null && address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if ((address is not null && requirement.Allows(address)) || IsPlatformKey(context))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    private bool Allows(IPAddress address) => allowedNetworks.Any(n => n.Contains(address));

    private static bool IsPlatformKey(AuthorizationHandlerContext context) =>
        context.User.Identities.Any(i =>
            i is { IsAuthenticated: true, AuthenticationType: ApiKeyAuthenticationHandler.SchemeName }
            && !i.HasClaim(c => c.Type == ApiKeyAuthenticationHandler.TenantIdClaim)
            && PlatformRoles.All.Any(role => i.HasClaim(ClaimTypes.Role, role))
        );
}
