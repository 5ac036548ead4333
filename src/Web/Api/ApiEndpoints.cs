using Mediator;
using Natero.Connectors.Application.ApiKeys.Queries.GetApiKey;
using Natero.Connectors.Web.Common;

namespace Natero.Connectors.Web.Api;

/// <summary>
/// <c>/api/v1</c>: every endpoint sends one mediator request, as the pages do. The tenant comes from the
/// API key, never from the request; a platform key reaches only <c>/api/v1/platform</c>. Each resource
/// group maps its endpoints in its own file.
/// </summary>
internal static class ApiEndpoints
{
    public const string Prefix = "/api/v1";

    /// <summary>Whether a request is for the API, wherever the plugin is mounted.</summary>
    public static bool IsApiRequest(HttpContext context) =>
        context.Request.Path.StartsWithSegments(
            context.RequestServices.GetRequiredService<NateroMount>().Path(Prefix),
            StringComparison.OrdinalIgnoreCase
        );

    public static IEndpointRouteBuilder MapNateroApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix)
            .RequireAuthorization(ApiComposition.Policy)
            .RequireRateLimiting(ApiComposition.RateLimitPolicy)
            .AddEndpointFilter<ApiTenantFilter>()
            .AddEndpointFilter<RejectNulCharacters>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        ConnectionEndpoints.MapProviders(api);
        var connections = api.MapGroup("/connections").AddEndpointFilter<TenantKeyOnly>().WithTags("Connections");
        ConnectionEndpoints.MapConnections(connections);
        AuthorizationLinkEndpoints.MapAuthorizationLinks(connections);
        AuditEndpoints.MapTenantAudit(api);
        AuditCheckpointEndpoints.MapTenantCheckpoints(api);
        ApiKeyEndpoints.MapApiKeys(api.MapGroup("/api-keys").AddEndpointFilter<TenantKeyOnly>().WithTags("API keys"));
        MemberEndpoints.MapMembers(api);
        WebhookEndpointsApi.MapTenantWebhooks(api.MapGroup("/webhooks").AddEndpointFilter<TenantKeyOnly>().WithTags("Webhooks"));
        var platform = api.MapGroup("/platform").WithTags("Platform");
        PlatformEndpoints.MapPlatform(platform);
        AuditEndpoints.MapPlatformAudit(platform);
        AuditCheckpointEndpoints.MapPlatformCheckpoints(platform);
        PlatformAccountEndpoints.MapAccounts(platform);
        WebhookEndpointsApi.MapPlatformWebhooks(platform.MapGroup("/webhooks"));
        return app;
    }
}
