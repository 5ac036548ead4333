using Mediator;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Webhooks.Queries.GetWebhookEndpoint;

[RequirePermission(Permissions.DataConnectors.Configure)]
public sealed record GetWebhookEndpointQuery(Guid Id) : IQuery<Result<WebhookEndpointDto>>, ITenantRequest;

public sealed class GetWebhookEndpointQueryHandler(IApplicationDbContext db, ITenantContext tenant)
    : IQueryHandler<GetWebhookEndpointQuery, Result<WebhookEndpointDto>>,
        IQueryHandler<GetPlatformWebhookEndpointQuery, Result<WebhookEndpointDto>>
{
    public ValueTask<Result<WebhookEndpointDto>> Handle(GetWebhookEndpointQuery query, CancellationToken cancellationToken) =>
        GetAsync(tenant.TenantId, query.Id, cancellationToken);

    public ValueTask<Result<WebhookEndpointDto>> Handle(GetPlatformWebhookEndpointQuery query, CancellationToken cancellationToken) =>
        GetAsync(null, query.Id, cancellationToken);

    private async ValueTask<Result<WebhookEndpointDto>> GetAsync(Guid? tenantId, Guid id, CancellationToken cancellationToken) =>
        await WebhookScope.FindAsync(db, tenantId, id, cancellationToken) is { } endpoint
            ? endpoint.ToDto()
            : WebhookErrors.EndpointNotFound();
}
